package io.mcphub.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts the real launchers (bin/mcphub, bin/1p-cli). MCPHUB_CLASSPATH points them at this build's classes, so
 * tests check the scripts without starting a nested Maven build of this very module.
 */
public final class Launchers {

    public static final Path BIN = Path.of("..", "bin").toAbsolutePath().normalize();

    private Launchers() {}

    /** A process builder for {@code script args…} in {@code cwd}, with HOME there and no debug output. */
    public static ProcessBuilder command(Path cwd, String script, String... args) {
        List<String> command = new ArrayList<>(List.of(script));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(cwd.toFile());
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        pb.environment().put("MCPHUB_CLASSPATH", testClasspath());
        pb.environment().put("HOME", cwd.toString());
        pb.environment().remove("MCP_DEBUG");
        pb.environment().remove("MCPHUB_URL");
        pb.environment().remove("MCPHUB_TOKEN");
        return pb;
    }

    /** Surefire may hide the real class path behind a manifest-only jar; it publishes it under this property. */
    private static String testClasspath() {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        assertThat(classpath).contains("picocli");
        return String.join(File.pathSeparator, classpath.split(File.pathSeparator));
    }
}
