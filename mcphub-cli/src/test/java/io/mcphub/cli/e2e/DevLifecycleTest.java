package io.mcphub.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcphub.cli.Launchers;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's promise, as a user lives it: `bin/mcphub dev` starts and prints its URL, cli.env makes the CLI (under
 * its seed spelling too) work, SIGTERM stops it cleanly, and a restart on the same data dir keeps everything.
 */
class DevLifecycleTest {

    private static final Pattern READY = Pattern.compile("MCP Hub is ready at (http://127\\.0\\.0\\.1:\\d+) ");

    @TempDir
    Path dir;

    record Dev(Process process, String url) {}

    private Dev startDev(Path dataDir) throws Exception {
        Process p = Launchers.command(dir, Launchers.BIN.resolve("mcphub").toString(),
                "dev", "--data-dir", dataDir.toString(), "--listen", "127.0.0.1:0").redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder seen = new StringBuilder();
        String line;
        while ((line = out.readLine()) != null) {
            seen.append(line).append('\n');
            Matcher m = READY.matcher(line);
            if (m.find()) {
                Thread.ofVirtual().start(() -> out.lines().forEach(l -> { })); // keep draining so the hub never blocks
                return new Dev(p, m.group(1));
            }
        }
        throw new AssertionError("dev exited before it was ready:\n" + seen);
    }

    private Map<String, String> cliEnv(Path dataDir) throws Exception {
        Map<String, String> env = new LinkedHashMap<>();
        for (String line : Files.readAllLines(dataDir.resolve("cli.env"))) {
            if (!line.startsWith("#") && line.contains("=")) {
                env.put(line.substring(0, line.indexOf('=')), line.substring(line.indexOf('=') + 1));
            }
        }
        return env;
    }

    private String onePCli(Map<String, String> env, String... args) throws Exception {
        String[] full = new String[args.length + 1];
        full[0] = "mcp";
        System.arraycopy(args, 0, full, 1, args.length);
        ProcessBuilder pb = Launchers.command(dir, Launchers.BIN.resolve("1p-cli").toString(), full).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(String.join(" ", args) + "\n" + output).isZero();
        return output;
    }

    @Test
    void devStartsServesTheCliStopsCleanlyAndKeepsEverythingAcrossRestarts() throws Exception {
        Path data = dir.resolve("data");
        Dev dev = startDev(data);
        Map<String, String> env = cliEnv(data);
        assertThat(env.get("MCPHUB_URL")).isEqualTo(dev.url());
        assertThat(env.get("MCPHUB_TOKEN")).startsWith("mcphub_");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data.resolve("cli.env")))).isEqualTo("rw-------");

        Files.writeString(dir.resolve("t.json"), "{\"interval\":60,\"name\":\"t\"}");
        onePCli(env, "config", "set", "time-mcp", "-f", dir.resolve("t.json").toString());
        Files.createDirectories(dir.resolve("services"));
        Files.writeString(dir.resolve("services/time-mcp.json"), "{\"interval\":30,\"name\":\"t\"}");
        String plan = onePCli(env, "config", "push", "-f", dir.resolve("services/time-mcp.json").toString(), "--dry-run");
        assertThat(plan).contains("update v1 → v2").contains("/interval: 60 → 30");
        assertThat(onePCli(env, "config", "history", "time-mcp", "-o", "json")).contains("\"version\": 1").doesNotContain("\"version\": 2");

        dev.process().destroy(); // SIGTERM
        assertThat(dev.process().waitFor(20, TimeUnit.SECONDS)).as("dev stops on SIGTERM").isTrue();
        assertThat(dev.process().exitValue()).isIn(0, 143);

        Dev again = startDev(data);
        try {
            Map<String, String> envAgain = cliEnv(data);
            assertThat(envAgain.get("MCPHUB_TOKEN")).isEqualTo(env.get("MCPHUB_TOKEN"));
            assertThat(onePCli(envAgain, "config", "get", "time-mcp", "-o", "json")).contains("\"interval\": 60");
        } finally {
            again.process().destroy();
            again.process().waitFor(20, TimeUnit.SECONDS);
        }
    }
}
