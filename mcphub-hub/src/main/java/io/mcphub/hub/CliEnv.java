package io.mcphub.hub;

import io.mcphub.security.files.OwnerOnlyFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code DATA_DIR/cli.env}: {@code MCPHUB_URL} and {@code MCPHUB_TOKEN} lines that {@code set -a; . cli.env} turns
 * into the CLI's environment. Owner-only, written atomically so a reader never sees half a token.
 */
public final class CliEnv {

    public static final String FILE_NAME = "cli.env";

    private CliEnv() {}

    static Optional<String> readToken(Path dataDir) {
        Path file = dataDir.resolve(FILE_NAME);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(parse(Files.readString(file)).get("MCPHUB_TOKEN"));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** @param caFile the CA to trust for the API's certificate, or null when the API needs none (plain HTTP, public CA) */
    static void write(Path dataDir, String url, String token, Path caFile) throws IOException {
        Path file = dataDir.resolve(FILE_NAME);
        OwnerOnlyFile.write(file, "# MCP Hub CLI settings for this hub; load with: set -a; . " + file + "; set +a\n"
                + "MCPHUB_URL=" + url + "\n"
                + "MCPHUB_TOKEN=" + token + "\n"
                + (caFile == null ? "" : "MCPHUB_CA_FILE=" + caFile + "\n"));
    }

    static Map<String, String> parse(String text) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            int eq = line.indexOf('=');
            if (!line.startsWith("#") && eq > 0) {
                values.put(line.substring(0, eq).trim(), line.substring(eq + 1).trim());
            }
        }
        return values;
    }
}
