package io.mcphub.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.mcphub.core.Json;
import io.mcphub.hub.Hub;
import io.mcphub.hub.HubSettings;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The deployment issue's stack, for real: a hub, two agents joined with one-time tokens over mutual TLS, and the
 * npm MCP servers from the issue started as processes, health-checked by MCP ping, restarted when killed, spread
 * over both nodes, and gone without an orphan when the agents stop.
 */
class AgentDeploysAStackTest {

    /** The stack, as the repository ships it in examples/. */
    static final String STACK = read(Path.of("..", "examples", "demo.yaml"));

    private static String read(Path file) {
        try {
            return java.nio.file.Files.readString(file);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @TempDir
    Path dir;
    Hub hub;
    final List<Agent> agents = new ArrayList<>();
    final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() {
        hub = Hub.start(new HubSettings("embedded", dir.resolve("hub"), "127.0.0.1", 0));
        for (String node : List.of("node1", "node2")) {
            agents.add(Agent.start(new AgentSettings(hub.url(), hub.createJoinToken(Duration.ofMinutes(5)), node,
                    dir.resolve(node), Map.of("zone", node), "127.0.0.1")));
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> call("GET", "/api/v1/nodes", null).findValuesAsText("status")
                .stream().filter("up"::equals).count() == 2);
    }

    @AfterEach
    void stop() {
        agents.forEach(Agent::close);
        hub.close();
    }

    JsonNode call(String method, String path, String body) throws Exception {
        return new HubApi(hub, http).call(method, path, body);
    }

    List<JsonNode> instances() throws Exception {
        return new HubApi(hub, http).instances();
    }

    boolean allHealthy(int expected) throws Exception {
        List<JsonNode> all = instances();
        return all.size() == expected && all.stream().allMatch(i -> i.path("status").asText().equals("healthy") && i.path("pid").isNumber());
    }

    @Test
    void appliesTheStackRestartsKilledInstancesScalesAndLeavesNoOrphan() throws Exception {
        JsonNode dry = call("POST", "/api/v1/stacks/apply?dryRun=true", STACK);
        assertThat(dry.get("applied").asBoolean()).isFalse();
        assertThat(call("GET", "/api/v1/services", null)).isEmpty();

        JsonNode plan = call("POST", "/api/v1/stacks/apply", STACK);
        assertThat(plan.get("applied").asBoolean()).isTrue();
        assertThat(plan.findValuesAsText("why")).anyMatch(w -> w.startsWith("auto: the node has npx"));
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> allHealthy(3));

        List<JsonNode> everything = instances().stream().filter(i -> i.path("service").asText().equals("everything")).toList();
        assertThat(everything).extracting(i -> i.path("node").asText()).containsExactlyInAnyOrder("node1", "node2");
        assertThat(call("POST", "/api/v1/stacks/apply", STACK).get("changes").asBoolean()).as("a second identical apply plans nothing").isFalse();

        long pid = everything.get(0).path("pid").asLong();
        String id = everything.get(0).path("id").asText();
        List<Long> seen = new ArrayList<>(instances().stream().map(i -> i.path("pid").asLong()).toList());
        ProcessHandle.of(pid).orElseThrow().destroyForcibly();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> instances().stream()
                .anyMatch(i -> i.path("id").asText().equals(id) && i.path("status").asText().equals("healthy") && i.path("pid").asLong() != pid));

        long oldPid = instances().stream().filter(i -> i.path("service").asText().equals("memory")).findFirst().orElseThrow().path("pid").asLong();
        call("POST", "/api/v1/services/memory/restart", "{}");
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> instances().stream()
                .anyMatch(i -> i.path("service").asText().equals("memory") && i.path("status").asText().equals("healthy")
                        && i.path("pid").asLong() != oldPid));
        seen.add(oldPid);

        List<String> before = instances().stream().map(i -> i.path("id").asText()).toList();
        call("POST", "/api/v1/services/everything/scale", "{\"replicas\": 3}");
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> allHealthy(4));
        assertThat(instances().stream().map(i -> i.path("id").asText()).toList()).as("scaling keeps the running instances")
                .containsAll(before);
        instances().forEach(i -> seen.add(i.path("pid").asLong()));

        agents.forEach(Agent::close);
        agents.clear();
        for (long p : seen) {
            assertThat(ProcessHandle.of(p).map(ProcessHandle::isAlive).orElse(false)).as("pid " + p + " survives the agent").isFalse();
        }
    }

    @Test
    void aPlacementNoNodeSatisfiesSaysWhyEachNodeWasRejectedAndAppliesNothing() throws Exception {
        String pinned = STACK.replace("    replicas: 2\n", "    replicas: 2\n    placement: {labels: {zone: mars}}\n");
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(hub.url() + "/api/v1/stacks/apply"))
                .header("Authorization", "Bearer " + hub.adminToken()).header("Content-Type", "application/yaml")
                .POST(HttpRequest.BodyPublishers.ofString(pinned)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(422);
        assertThat(Json.tree(r.body().getBytes(StandardCharsets.UTF_8)).get("detail").asText())
                .startsWith("no node can run demo/everything: node1 (label zone=mars wanted, node has zone=node1), "
                        + "node2 (label zone=mars wanted, node has zone=node2)")
                .endsWith("nothing was applied");
        assertThat(call("GET", "/api/v1/stacks", null)).isEmpty();
        assertThat(call("GET", "/api/v1/services", null)).isEmpty();
    }

    @Test
    void aJoinTokenWorksOnceAndAnExpiredOneNotAtAll() {
        String token = hub.createJoinToken(Duration.ofMinutes(5));
        agents.add(Agent.start(new AgentSettings(hub.url(), token, "node3", dir.resolve("node3"), Map.of(), "127.0.0.1")));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Agent.start(new AgentSettings(hub.url(), token, "node4",
                        dir.resolve("node4"), Map.of(), "127.0.0.1")))
                .hasMessageContaining("refused to let node4 join").hasMessageContaining("already been used");
        String shortLived = hub.createJoinToken(Duration.ofSeconds(1));
        await().pollDelay(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(5)).until(() -> true);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Agent.start(new AgentSettings(hub.url(), shortLived, "node5",
                        dir.resolve("node5"), Map.of(), "127.0.0.1")))
                .hasMessageContaining("refused to let node5 join").hasMessageContaining("expired");
    }

    @Test
    void aServiceStartsOnlyOnceItsDependenciesAreHealthy() throws Exception {
        String stack = """
                apiVersion: mcphub/v1
                kind: Stack
                metadata: {name: gated}
                services:
                  broken:
                    type: http
                    runtime: process
                    command: "false"
                    restart: {policy: never}
                  app:
                    type: mcp
                    runtime: process
                    command: npx
                    args: ["-y", "@modelcontextprotocol/server-memory"]
                    transport: stdio
                    dependsOn: [broken]
                """;
        call("POST", "/api/v1/stacks/apply", stack);
        await().atMost(Duration.ofSeconds(20)).until(() -> instances().stream()
                .anyMatch(i -> i.path("service").asText().equals("broken") && i.path("status").asText().equals("failed")));
        Thread.sleep(2000); // long enough for an agent to have started app, had it been handed out
        JsonNode app = call("GET", "/api/v1/services/app", null).path("instances").get(0);
        assertThat(app.path("status").asText()).isEqualTo("pending");
        assertThat(app.path("detail").asText()).isEqualTo("waiting for broken to be healthy");
    }
}
