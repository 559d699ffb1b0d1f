package io.mcphub.cli.hub;

import io.mcphub.cli.common.CliException;
import io.mcphub.cli.common.IoReasons;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Reads {@code ~/.mcphub/config}: {@code url} and {@code token}, one per line, as YAML ({@code url: http://…}) or
 * properties ({@code url=http://…}). The env-file spelling ({@code MCPHUB_URL=…}, even with {@code export}) is
 * accepted too, so a copied {@code cli.env} works as a config file. Anything else in the file is ignored, which
 * leaves {@code mcphub login} free to add keys later.
 */
public final class ClientConfigFile {

    private ClientConfigFile() {}

    public static Path defaultPath(Path home) {
        return home.resolve(".mcphub").resolve("config");
    }

    /** The settings in the file, keys lower-cased without the MCPHUB_ prefix; empty when there is no file. */
    public static Map<String, String> read(Path file) {
        if (!Files.exists(file)) {
            return Map.of();
        }
        try {
            return parse(Files.readString(file));
        } catch (IOException e) {
            throw CliException.failed("cannot read " + file + " (" + IoReasons.of(e) + "); fix its permissions or remove it");
        }
    }

    static Map<String, String> parse(String text) {
        Map<String, String> settings = new LinkedHashMap<>();
        for (String raw : text.split("\\R")) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#") || line.equals("---")) {
                continue;
            }
            if (line.startsWith("export ")) {
                line = line.substring("export ".length()).strip();
            }
            int eq = line.indexOf('=');
            int colon = line.indexOf(':');
            int sep = eq < 0 ? colon : colon < 0 ? eq : Math.min(eq, colon);
            if (sep <= 0) {
                continue;
            }
            String key = line.substring(0, sep).strip().toLowerCase(Locale.ROOT);
            if (key.startsWith("mcphub_")) {
                key = key.substring("mcphub_".length());
            }
            String value = unquote(stripComment(line.substring(sep + 1).strip()));
            if (!value.isEmpty()) {
                settings.put(key, value);
            }
        }
        return settings;
    }

    /** A YAML comment starts at " #"; a '#' inside a token or URL fragment without a space before it is data. */
    private static String stripComment(String value) {
        if (value.startsWith("\"") || value.startsWith("'")) {
            return value;
        }
        int hash = value.indexOf(" #");
        return hash < 0 ? value : value.substring(0, hash).strip();
    }

    private static String unquote(String value) {
        if (value.length() >= 2) {
            char first = value.charAt(0);
            int close = value.indexOf(first, 1);
            if ((first == '"' || first == '\'') && close > 0) {
                return value.substring(1, close);
            }
        }
        return value;
    }
}
