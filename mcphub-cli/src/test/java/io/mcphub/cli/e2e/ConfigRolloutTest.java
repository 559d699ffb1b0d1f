package io.mcphub.cli.e2e;

import static io.mcphub.cli.LiveHub.json;
import static io.mcphub.cli.LiveHub.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.mcphub.cli.CliRun;
import io.mcphub.cli.LiveHub;
import io.mcphub.cli.common.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Configuration reaching running services, end to end: a real hub, two real agents in this JVM (node-a and node-b,
 * joined over mTLS), npm's MCP servers as processes, the CLI as a user runs it and MCP calls through the gateway.
 * {@code reload: file} rewrites in place (same pid), a gray release runs two versions side by side until promoted or
 * aborted, and a {@code reload: restart} rollout of two replicas loses no call made through the gateway.
 */
class ConfigRolloutTest {
    private static final String STACK = """
            apiVersion: mcphub/v1
            kind: Stack
            metadata: {name: roll}
            services:
              notes:
                command: npx
                args: ["-y", "@modelcontextprotocol/server-memory"]
                replicas: 2
                config:
                  - {key: notes, reload: file, path: etc/notes.json}
              canary:
                command: npx
                args: ["-y", "@modelcontextprotocol/server-memory"]
                replicas: 2
                config:
                  - {key: canary, reload: file, path: etc/canary.json}
              hupper:
                type: http
                command: sh
                args: ["-c", "trap 'echo reloaded >> hup.log' HUP; while true; do sleep 0.2; done"]
                health: {type: none}
                config:
                  - {key: hupper, reload: file, path: hupper.json, signal: HUP}
              everything:
                command: npx
                args: ["-y", "@modelcontextprotocol/server-everything"]
                replicas: 2
                config:
                  - {key: everything, reload: restart, path: everything.json}
            """;

    @TempDir
    static Path dir;
    static LiveHub hub;

    @BeforeAll
    static void start() {
        hub = LiveHub.start(dir);
        hub.joinAgent("node-a");
        hub.joinAgent("node-b");
        ok(cli("config", "set", "notes", "-f", hub.file("notes-1.json", "{\"limit\": 1}").toString()));
        ok(cli("config", "set", "canary", "-f", hub.file("canary-1.json", "{\"limit\": 10}").toString()));
        ok(cli("config", "set", "everything", "-f", hub.file("everything-1.json", "{\"mode\": \"one\"}").toString()));
        ok(cli("apply", "-f", hub.file("roll.yaml", STACK).toString()));
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250)).until(() -> hub.healthy("notes").size() == 2
                && hub.healthy("canary").size() == 2 && hub.healthy("hupper").size() == 1 && hub.healthy("everything").size() == 2);
    }

    @AfterAll
    static void stop() {
        hub.close();
    }

    private static CliRun cli(String... args) {
        return CliRun.run(hub.adminEnv(), args);
    }

    private static Map<String, Long> pids(String service) {
        return hub.instances(service).stream().collect(Collectors.toMap(i -> i.path("id").asText(), i -> i.path("pid").asLong()));
    }

    /** {instance id → version it runs} from {@code config status KEY -o json}. */
    private static Map<String, Long> versions(String key) {
        JsonNode rows = json(cli("config", "status", key, "-o", "json"));
        assertThat(rows.isArray()).as(rows.toString()).isTrue();
        Map<String, Long> out = new java.util.TreeMap<>();
        rows.forEach(r -> out.put(r.path("instance").asText(), r.path("version").isNull() ? -1 : r.path("version").asLong()));
        return out;
    }

    private static Path workdir(JsonNode instance) {
        return hub.agentDir(instance.path("node").asText()).resolve("instances/" + instance.path("id").asText() + "/work");
    }

    private static JsonNode readJson(Path file) {
        try {
            return Json.JSON.readTree(Files.readString(file));
        } catch (java.io.IOException e) {
            throw new AssertionError("cannot read " + file, e);
        }
    }

    @Test
    void aFileReloadRewritesTheFileInPlaceAndKeepsTheProcess() throws Exception {
        Map<String, Long> before = pids("notes");
        List<JsonNode> both = hub.instances("notes");
        assertThat(both).extracting(i -> i.path("node").asText()).containsExactlyInAnyOrder("node-a", "node-b");
        both.forEach(i -> assertThat(readJson(workdir(i).resolve("etc/notes.json")).path("limit").asInt()).isEqualTo(1));

        CliRun update = ok(cli("service", "update", "--name=notes", "--config=" + hub.file("notes-2.json", "{\"limit\": 2}")));

        assertThat(update.out()).contains("published notes version 2").contains("rewritten in place on 2 instances, none restarted");
        both.forEach(i -> assertThat(readJson(workdir(i).resolve("etc/notes.json")).path("limit").asInt()).isEqualTo(2));
        assertThat(pids("notes")).isEqualTo(before);
        assertThat(versions("notes")).containsOnlyKeys(before.keySet()).allSatisfy((id, v) -> assertThat(v).isEqualTo(2L));
        JsonNode row = json(cli("config", "status", "notes", "-o", "json")).get(0);
        assertThat(row.path("service").asText()).isEqualTo("roll/notes");
        assertThat(row.path("reload").asText()).isEqualTo("file");
        // each instance's publish-to-applied time is in the propagation metric
        java.net.http.HttpResponse<String> scrape = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest
                        .newBuilder(java.net.URI.create(hub.url() + "/api/v1/metrics"))
                        .header("Authorization", "Bearer " + hub.hub().adminToken()).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(scrape.body()).containsPattern("mcphub_config_propagation_seconds_count\\{key=\"notes\"[^}]*} [1-9]");
    }

    @Test
    void aFileReloadCanSignalTheProcessToReReadIt() throws Exception {
        JsonNode instance = hub.healthy("hupper").get(0);
        long pid = instance.path("pid").asLong();
        Path log = workdir(instance).resolve("hup.log");

        ok(cli("config", "set", "hupper", "-f", hub.file("hupper-1.json", "{\"level\": \"info\"}").toString()));

        await().atMost(Duration.ofSeconds(20)).until(() -> Files.exists(log) && Files.readString(log).contains("reloaded"));
        assertThat(readJson(workdir(instance).resolve("hupper.json")).path("level").asText()).isEqualTo("info");
        assertThat(hub.healthy("hupper").get(0).path("pid").asLong()).isEqualTo(pid);
    }

    @Test
    void aGrayReleaseRunsTwoVersionsUntilPromotedOrAborted() {
        await().atMost(Duration.ofSeconds(20)).until(() -> versions("canary").values().stream().allMatch(v -> v == 1L));
        String canary = hub.instances("canary").stream().filter(i -> i.path("node").asText().equals("node-b")).findFirst()
                .orElseThrow().path("id").asText();
        Map<String, Long> pids = pids("canary");

        CliRun gray = ok(cli("config", "set", "canary", "-f", hub.file("canary-2.json", "{\"limit\": 20}").toString(),
                "--gray-labels", "node=node-b"));

        assertThat(gray.out()).contains("published canary version 2 to node=node-b only (gray release); the other instances"
                + " stay on version 1");
        await().atMost(Duration.ofSeconds(20)).until(() -> versions("canary").get(canary) == 2L);
        assertThat(versions("canary").values()).containsExactlyInAnyOrder(1L, 2L);
        assertThat(ok(cli("config", "gray", "status", "canary")).out())
                .contains("canary: version 1; gray release of version 2 to node=node-b (1 of 2 instances)");
        assertThat(json(cli("config", "get", "canary", "-o", "json")).path("limit").asInt()).isEqualTo(10); // watchers keep the stable one

        ok(cli("config", "gray", "promote", "canary"));
        await().atMost(Duration.ofSeconds(20)).until(() -> versions("canary").values().stream().allMatch(v -> v == 2L));

        ok(cli("config", "set", "canary", "-f", hub.file("canary-3.json", "{\"limit\": 30}").toString(),
                "--gray-labels", "node=node-b"));
        await().atMost(Duration.ofSeconds(20)).until(() -> versions("canary").get(canary) == 3L);
        CliRun abort = ok(cli("config", "gray", "abort", "canary"));
        assertThat(abort.out()).contains("its instances go back to version 2");
        await().atMost(Duration.ofSeconds(20)).until(() -> versions("canary").values().stream().allMatch(v -> v == 2L));
        JsonNode canaryInstance = hub.instances("canary").stream().filter(i -> i.path("id").asText().equals(canary)).findFirst().orElseThrow();
        assertThat(readJson(workdir(canaryInstance).resolve("etc/canary.json")).path("limit").asInt()).isEqualTo(20);
        assertThat(pids("canary")).isEqualTo(pids); // file reloads all along: no restart

        for (String step : List.of("config.gray.start", "config.gray.promote", "config.gray.abort")) {
            assertThat(hub.audit("--action", step)).as(step).isNotEmpty();
        }
    }

    @Test
    void aRestartRolloutOfTwoReplicasLosesNoCallThroughTheGateway() throws Exception {
        Map<String, Long> before = pids("everything");
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger calls = new AtomicInteger();
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        List<Thread> callers = new ArrayList<>();
        // quick calls, and calls that take a second and a half: those are in flight whenever an instance is replaced
        for (int c = 0; c < 4; c++) {
            RawMcp mcp = RawMcp.open(hub.url() + "/mcp", hub.hub().adminToken());
            boolean slow = c % 2 == 0;
            String call = slow
                    ? "{\"name\": \"everything__trigger-long-running-operation\", \"arguments\": {\"duration\": 1.5, \"steps\": 3}}"
                    : "{\"name\": \"everything__echo\", \"arguments\": {\"message\": \"hi\"}}";
            String expected = slow ? "Long running operation completed" : "Echo: hi";
            callers.add(Thread.ofVirtual().start(() -> {
                while (running.get()) {
                    try {
                        JsonNode answer = mcp.call("tools/call", call);
                        if (!answer.path("result").path("content").path(0).path("text").asText().startsWith(expected)) {
                            failures.add(answer.toString());
                        }
                    } catch (Exception e) {
                        failures.add(e.toString());
                    }
                    calls.incrementAndGet();
                }
            }));
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> calls.get() > 10);

        ok(cli("config", "set", "everything", "-f", hub.file("everything-2.json", "{\"mode\": \"two\"}").toString()));
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).until(() ->
                versions("everything").values().stream().allMatch(v -> v == 2L) && hub.healthy("everything").size() == 2);
        int atEnd = calls.get();
        await().atMost(Duration.ofSeconds(20)).until(() -> calls.get() > atEnd + 10); // and calls still go through after
        running.set(false);
        for (Thread t : callers) {
            t.join(Duration.ofSeconds(30));
        }

        assertThat(failures).as("failed calls out of " + calls.get()).isEmpty();
        Map<String, Long> after = pids("everything");
        assertThat(after.keySet()).isEqualTo(before.keySet());
        after.forEach((id, pid) -> assertThat(pid).as(id).isNotEqualTo(before.get(id)));
        JsonNode instance = hub.healthy("everything").get(0);
        assertThat(readJson(workdir(instance).resolve("everything.json")).path("mode").asText()).isEqualTo("two");
    }
}
