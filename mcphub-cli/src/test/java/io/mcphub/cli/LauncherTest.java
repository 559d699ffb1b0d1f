package io.mcphub.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the real launchers. MCPHUB_CLASSPATH points them at this build's classes, so the test checks the scripts
 * (JDK search, symlinks, the 1p-cli spelling) without starting a nested Maven build of this very module.
 */
class LauncherTest {
    private static final Path BIN = Launchers.BIN;

    @TempDir
    Path dir;

    record Result(int exitCode, String out, String err) {}

    @Test
    void onePCliMcpIsMcphub() throws Exception {
        for (String[] args : List.of(new String[] {"--help"}, new String[] {"--version"},
                new String[] {"config", "push", "--help"}, new String[] {"config", "get"})) {
            Result mcphub = run(dir, BIN.resolve("mcphub").toString(), args);
            Result onePCli = run(dir, BIN.resolve("1p-cli").toString(), prepend("mcp", args));

            assertThat(onePCli).as(String.join(" ", args)).isEqualTo(mcphub);
        }
        assertThat(run(dir, BIN.resolve("mcphub").toString(), "--version").out()).startsWith("mcphub ");
    }

    @Test
    void onePCliWithoutMcpPrintsOneLineOfUsage() throws Exception {
        for (String[] args : List.of(new String[] {}, new String[] {"config", "list"}, new String[] {"--help"})) {
            Result result = run(dir, BIN.resolve("1p-cli").toString(), args);

            assertThat(result.exitCode()).isEqualTo(2);
            assertThat(result.out()).isEmpty();
            assertThat(result.err().lines()).hasSize(1).first().asString().startsWith("usage: 1p-cli mcp ");
        }
    }

    @Test
    void worksThroughSymlinksFromAnyDirectory() throws Exception {
        Path links = Files.createDirectories(dir.resolve("links"));
        Files.createSymbolicLink(links.resolve("mcphub"), BIN.resolve("mcphub"));
        // A relative link to a link: the launcher must follow the whole chain to find the repository.
        Files.createSymbolicLink(links.resolve("abs-1p"), BIN.resolve("1p-cli"));
        Files.createSymbolicLink(links.resolve("1p-cli"), Path.of("abs-1p"));
        Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));

        Result direct = run(elsewhere, BIN.resolve("mcphub").toString(), "--version");
        assertThat(run(elsewhere, links.resolve("mcphub").toString(), "--version")).isEqualTo(direct);
        assertThat(run(elsewhere, links.resolve("1p-cli").toString(), "mcp", "--version")).isEqualTo(direct);
        assertThat(direct.exitCode()).isZero();
        // Removed here: JUnit warns about links out of its temp dir when it deletes them.
        for (String link : List.of("mcphub", "1p-cli", "abs-1p")) {
            Files.delete(links.resolve(link));
        }
    }

    private static String[] prepend(String first, String[] rest) {
        String[] all = new String[rest.length + 1];
        all[0] = first;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }

    private static Result run(Path cwd, String script, String... args) throws IOException, InterruptedException {
        Path out = Files.createTempFile("launcher", ".out");
        Path err = Files.createTempFile("launcher", ".err");
        try {
            Process process = Launchers.command(cwd, script, args).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("launcher finished").isTrue();
            return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
