package io.mcphub.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.mcphub.cli.CliRun;
import io.mcphub.cli.Launchers;
import io.mcphub.core.Json;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The deployment issue's "done means", as an operator does it with the real launcher: `mcphub dev` (with its
 * in-process agent), a second `mcphub agent` PROCESS joined with a token from `node token create`, both in `node
 * list` with a fingerprint, the demo stack's replicas spread over both, and no MCP server process left once both
 * are stopped with SIGTERM.
 */
class TwoNodeProcessesTest {

    private static final Pattern READY = Pattern.compile("MCP Hub is ready at (http://127\\.0\\.0\\.1:\\d+) ");

    @TempDir
    Path dir;
    final List<Process> processes = new ArrayList<>();

    @AfterEach
    void stopAll() throws InterruptedException {
        for (Process p : processes) {
            p.destroy();
            p.waitFor(30, TimeUnit.SECONDS);
        }
    }

    private Process start(String... args) throws Exception {
        Process p = Launchers.command(dir, Launchers.BIN.resolve("mcphub").toString(), args).redirectErrorStream(true).start();
        processes.add(p);
        return p;
    }

    private static String awaitLine(Process p, Pattern pattern) throws Exception {
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder seen = new StringBuilder();
        for (String line; (line = out.readLine()) != null; ) {
            seen.append(line).append('\n');
            Matcher m = pattern.matcher(line);
            if (m.find()) {
                Thread.ofVirtual().start(() -> out.lines().forEach(l -> { })); // keep draining
                return m.groupCount() > 0 ? m.group(1) : line;
            }
        }
        throw new AssertionError("process ended before printing " + pattern + ":\n" + seen);
    }

    @Test
    void aSecondAgentProcessJoinsAndReplicasSpreadOverBothNodes() throws Exception {
        Path data = dir.resolve("dev");
        awaitLine(start("dev", "--data-dir", data.toString(), "--listen", "127.0.0.1:0"), READY);
        Map<String, String> env = new HashMap<>(Map.of("HOME", dir.toString()));
        for (String line : Files.readAllLines(data.resolve("cli.env"))) {
            if (!line.startsWith("#") && line.contains("=")) {
                env.put(line.substring(0, line.indexOf('=')), line.substring(line.indexOf('=') + 1));
            }
        }
        CliRun token = CliRun.run(env, "node", "token", "create", "-o", "json");
        assertThat(token.exitCode()).as(token.err()).isZero();
        String joinToken = Json.tree(token.out().getBytes(StandardCharsets.UTF_8)).get("token").asText();
        awaitLine(start("agent", "--hub", env.get("MCPHUB_URL"), "--join-token", joinToken, "--name", "second",
                "--data-dir", dir.resolve("second").toString(), "--labels", "zone=b"), Pattern.compile("agent second joined"));

        await().atMost(Duration.ofSeconds(30)).until(() -> nodes(env).size() == 2
                && nodes(env).stream().allMatch(n -> n.path("status").asText().equals("up") && n.hasNonNull("type")));
        // "up" comes with the join; the fingerprint ("type" and the rest) with the agent's first heartbeat
        JsonNode second = json(CliRun.run(env, "node", "describe", "second", "-o", "json"));
        assertThat(second.at("/fingerprint/cpu/cores").asInt()).isPositive();
        assertThat(second.at("/fingerprint/runtimes/npx").asText()).isNotBlank();
        assertThat(second.at("/labels/zone").asText()).isEqualTo("b");

        CliRun apply = CliRun.run(env, "apply", "-f", Path.of("..", "examples", "demo.yaml").toAbsolutePath().toString());
        assertThat(apply.exitCode()).as(apply.err()).isZero();
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).until(() -> instances(env).size() == 3
                && instances(env).stream().allMatch(i -> i.path("status").asText().equals("healthy")));
        List<JsonNode> all = instances(env);
        assertThat(all.stream().filter(i -> i.path("service").asText().equals("everything")).map(i -> i.path("node").asText()))
                .as("replicas spread over both nodes").containsExactlyInAnyOrder("second", nodes(env).stream()
                        .map(n -> n.path("name").asText()).filter(n -> !n.equals("second")).findFirst().orElseThrow());
        List<Long> pids = all.stream().map(i -> i.path("pid").asLong()).toList();

        for (Process p : processes) {
            p.destroy(); // SIGTERM
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        processes.clear();
        for (long pid : pids) {
            assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).as("pid " + pid + " outlives its agent").isFalse();
        }
    }

    private static JsonNode json(CliRun run) {
        assertThat(run.exitCode()).as(run.err()).isZero();
        return Json.tree(run.out().getBytes(StandardCharsets.UTF_8));
    }

    private static List<JsonNode> nodes(Map<String, String> env) {
        List<JsonNode> out = new ArrayList<>();
        json(CliRun.run(env, "node", "list", "-o", "json")).forEach(out::add);
        return out;
    }

    private static List<JsonNode> instances(Map<String, String> env) {
        List<JsonNode> out = new ArrayList<>();
        json(CliRun.run(env, "service", "list", "-o", "json")).forEach(s -> s.path("instances").forEach(out::add));
        return out;
    }
}
