package io.mcphub.cli.common;

import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Everything a command may touch outside itself. Passing it in (rather than reaching for System.*) lets tests and
 * the lead's end-to-end suite run the CLI in-process with their own streams, environment and home directory.
 */
public record CliContext(PrintStream out, PrintStream err, InputStream in, Map<String, String> env, Path home) {

    public CliContext {
        env = Map.copyOf(env);
    }

    /** The home directory is {@code $HOME} from the given environment, so a test's env also moves ~/.mcphub. */
    public static CliContext of(PrintStream out, PrintStream err, InputStream in, Map<String, String> env) {
        String home = env.get("HOME");
        return new CliContext(out, err, in, env,
                Path.of(home == null || home.isBlank() ? System.getProperty("user.home") : home));
    }

    /** A variable that is set and not blank, else null: an empty export means "not set" to users. */
    public String env(String name) {
        String value = env.get(name);
        return value == null || value.isBlank() ? null : value.strip();
    }

    /** {@code MCP_DEBUG=1} (the seed's spelling) turns on request tracing and stack traces. */
    public boolean debug() {
        String value = env("MCP_DEBUG");
        return value != null && switch (value.toLowerCase(Locale.ROOT)) {
            case "1", "true", "yes", "on" -> true;
            default -> false;
        };
    }

    public void debug(String line) {
        if (debug()) {
            err.println("debug: " + line);
        }
    }
}
