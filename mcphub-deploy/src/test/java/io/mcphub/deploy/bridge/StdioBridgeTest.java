package io.mcphub.deploy.bridge;

import static io.mcphub.deploy.bridge.McpHttpClient.request;
import static io.mcphub.deploy.bridge.McpHttpClient.toolCall;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mcphub.core.Json;
import io.mcphub.deploy.bridge.McpHttpClient.Reply;
import io.mcphub.deploy.runtime.mcp.JsonRpc;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Streamable HTTP transport as a client sees it, in front of one real server-everything process. */
class StdioBridgeTest {

    @TempDir
    static Path dir;
    static BridgeFixture fixture;

    @BeforeAll
    static void start() {
        fixture = BridgeFixture.start(dir, "everything-0", BridgeOptions.DEFAULTS);
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    private static Map<String, Object> args(Object... pairs) {
        Map<String, Object> map = new java.util.LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], pairs[i + 1]);
        }
        return map;
    }

    @Test
    void initializeOpensASessionAnsweredFromTheOneHandshake() {
        try (McpHttpClient a = fixture.client(); McpHttpClient b = fixture.client()) {
            JsonNode first = a.initialize();
            JsonNode second = b.initialize();

            assertThat(a.sessionId()).isNotBlank().isNotEqualTo(b.sessionId());
            assertThat(first.path("serverInfo").path("name").asText()).isEqualTo("mcp-servers/everything");
            assertThat(first.path("protocolVersion").asText()).isEqualTo("2025-06-18");
            assertThat(second).isEqualTo(first);
            assertThat(fixture.instance.logs().tail(1000)).filteredOn(l -> l.contains("MCP handshake done")).hasSize(1);
        }
    }

    @Test
    void toolsAreListedAndCalledThroughTheSession() {
        try (McpHttpClient client = fixture.client()) {
            client.initialize();

            Reply tools = client.post(request(1, "tools/list", null));
            Reply echo = client.post(toolCall("call-2", "echo", args("message", "hi")));

            assertThat(tools.status()).isEqualTo(200);
            assertThat(tools.contentType()).startsWith("application/json");
            assertThat(tools.only().path("id").asInt()).isEqualTo(1);
            List<String> names = new ArrayList<>();
            tools.only().at("/result/tools").forEach(t -> names.add(t.path("name").asText()));
            assertThat(names).contains("echo", "get-sum", "trigger-long-running-operation", "toggle-simulated-logging");
            assertThat(echo.only().path("id").asText()).isEqualTo("call-2");
            assertThat(echo.only().at("/result/content/0/text").asText()).isEqualTo("Echo: hi");
        }
    }

    @Test
    void concurrentSessionsWithTheSameIdsEachGetTheirOwnAnswers() throws Exception {
        try (McpHttpClient a = fixture.client(); McpHttpClient b = fixture.client();
             ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            a.initialize();
            b.initialize();
            List<Future<Reply>> fromA = new ArrayList<>();
            List<Future<Reply>> fromB = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                int id = i;
                fromA.add(pool.submit(() -> a.post(toolCall(id, "echo", args("message", "A" + id)))));
                fromB.add(pool.submit(() -> b.post(toolCall(id, "echo", args("message", "B" + id)))));
            }
            for (int i = 0; i < 20; i++) {
                JsonNode answerA = fromA.get(i).get(30, TimeUnit.SECONDS).only();
                JsonNode answerB = fromB.get(i).get(30, TimeUnit.SECONDS).only();
                assertThat(answerA.path("id").asInt()).isEqualTo(i);
                assertThat(answerA.at("/result/content/0/text").asText()).isEqualTo("Echo: A" + i);
                assertThat(answerB.path("id").asInt()).isEqualTo(i);
                assertThat(answerB.at("/result/content/0/text").asText()).isEqualTo("Echo: B" + i);
            }
        }
    }

    @Test
    void theGetStreamCarriesTheServersOwnNotifications() throws Exception {
        try (McpHttpClient client = fixture.client()) {
            client.initialize();
            McpHttpClient.EventStream stream = client.stream();
            assertThat(stream.status()).isEqualTo(200);

            client.post(toolCall(1, "toggle-simulated-logging", Map.of()));
            try {
                JsonNode message;
                do {
                    message = stream.messages().poll(10, TimeUnit.SECONDS);
                    assertThat(message).as("a log notification within 10 s").isNotNull().isNotEqualTo(McpHttpClient.END);
                } while (!"notifications/message".equals(message.path("method").asText()));
                assertThat(message.at("/params/level").asText()).isNotBlank();
                assertThat(message.at("/params/data").asText()).contains("message");
            } finally {
                client.post(toolCall(2, "toggle-simulated-logging", Map.of()));
            }
        }
    }

    @Test
    void progressComesOnThePostStreamUnderEachClientsOwnToken() throws Exception {
        try (McpHttpClient a = fixture.client(); McpHttpClient b = fixture.client();
             ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            a.initialize();
            b.initialize();
            Future<Reply> first = pool.submit(() -> a.post(longRun(5, 1, 3, 1)));
            Future<Reply> second = pool.submit(() -> b.post(longRun(5, 1, 3, 1)));

            for (Reply reply : List.of(first.get(30, TimeUnit.SECONDS), second.get(30, TimeUnit.SECONDS))) {
                assertThat(reply.contentType()).startsWith("text/event-stream");
                List<JsonNode> progress = reply.messages().subList(0, reply.messages().size() - 1);
                assertThat(progress).hasSize(3).allSatisfy(p -> {
                    assertThat(p.path("method").asText()).isEqualTo("notifications/progress");
                    assertThat(p.at("/params/progressToken").asInt()).isEqualTo(1);
                });
                assertThat(progress.stream().map(p -> p.at("/params/progress").asInt())).containsExactly(1, 2, 3);
                assertThat(reply.last().path("id").asInt()).isEqualTo(5);
                assertThat(reply.last().at("/result/content/0/text").asText()).contains("Long running operation completed");
            }
        }
    }

    static ObjectNode longRun(int id, double seconds, int steps, Object progressToken) {
        ObjectNode call = toolCall(id, "trigger-long-running-operation", args("duration", seconds, "steps", steps));
        if (progressToken != null) {
            ((ObjectNode) call.get("params")).putObject("_meta").set("progressToken", Json.JSON.valueToTree(progressToken));
        }
        return call;
    }

    @Test
    void aBatchGetsAllItsAnswersInOneArray() {
        try (McpHttpClient client = fixture.client()) {
            client.initialize();
            ArrayNode batch = McpHttpClient.NODES.arrayNode()
                    .add(toolCall(1, "get-sum", args("a", 2, "b", 3)))
                    .add(request(2, "ping", null))
                    .add(McpHttpClient.NODES.objectNode().put("jsonrpc", "2.0").put("method", "notifications/roots/list_changed"));

            Reply reply = client.post(batch);

            assertThat(reply.status()).isEqualTo(200);
            assertThat(reply.messages()).hasSize(2);
            JsonNode sum = reply.messages().stream().filter(m -> m.path("id").asInt() == 1).findFirst().orElseThrow();
            assertThat(sum.at("/result/content/0/text").asText()).contains("5");
            assertThat(reply.messages()).anySatisfy(m -> assertThat(m.path("id").asInt()).isEqualTo(2));
        }
    }

    @Test
    void aCancelledRequestEndsItsPostAtOnce() throws Exception {
        try (McpHttpClient client = fixture.client(); ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            client.initialize();
            long started = System.nanoTime();
            Future<Reply> running = pool.submit(() -> client.post(longRun(9, 20, 2, null)));
            Thread.sleep(500);

            ObjectNode cancel = McpHttpClient.NODES.objectNode().put("jsonrpc", "2.0").put("method", "notifications/cancelled");
            cancel.putObject("params").put("requestId", 9).put("reason", "user pressed stop");
            assertThat(client.post(cancel).status()).isEqualTo(202);

            JsonNode answer = running.get(10, TimeUnit.SECONDS).only();
            assertThat(answer.at("/error/code").asInt()).isEqualTo(JsonRpc.REQUEST_CANCELLED);
            assertThat(answer.at("/error/message").asText()).contains("user pressed stop");
            assertThat(System.nanoTime() - started).isLessThan(TimeUnit.SECONDS.toNanos(10));
        }
    }

    @Test
    void deleteEndsTheSessionAndItsStream() throws Exception {
        try (McpHttpClient client = fixture.client()) {
            client.initialize();
            McpHttpClient.EventStream stream = client.stream();

            assertThat(client.delete().status()).isEqualTo(200);

            await().atMost(5, TimeUnit.SECONDS).until(() -> stream.messages().contains(McpHttpClient.END));
            Reply after = client.post(request(1, "tools/list", null));
            assertThat(after.status()).isEqualTo(404);
            assertThat(after.only().at("/error/message").asText()).contains("initialize a new one");
        }
    }

    @Test
    void aNewGetStreamReplacesTheOldOne() throws Exception {
        try (McpHttpClient client = fixture.client()) {
            client.initialize();
            McpHttpClient.EventStream old = client.stream();
            McpHttpClient.EventStream current = client.stream();

            await().atMost(5, TimeUnit.SECONDS).until(() -> old.messages().contains(McpHttpClient.END));
            assertThat(current.status()).isEqualTo(200);
            assertThat(current.messages()).doesNotContain(McpHttpClient.END);
        }
    }

    @Test
    void badRequestsGetClearStatusesAndJsonRpcErrors() {
        try (McpHttpClient client = fixture.client()) {
            assertThat(client.post(request(1, "tools/list", null)).status()).as("no session").isEqualTo(400);
            client.sessionId("no-such-session");
            assertThat(client.post(request(1, "tools/list", null)).status()).as("unknown session").isEqualTo(404);
            client.initialize();

            Reply notJson = client.post("{\"jsonrpc\":", "application/json", "application/json", Map.of());
            assertThat(notJson.status()).isEqualTo(400);
            assertThat(notJson.only().at("/error/code").asInt()).isEqualTo(JsonRpc.PARSE_ERROR);
            Reply notRpc = client.post("{\"hello\":1}", "application/json", "application/json", Map.of());
            assertThat(notRpc.status()).isEqualTo(400);
            assertThat(notRpc.only().at("/error/code").asInt()).isEqualTo(JsonRpc.INVALID_REQUEST);
            assertThat(client.post("{}", "text/plain", "application/json", Map.of()).status()).isEqualTo(415);
            assertThat(client.post(Json.write(request(1, "ping", null)), "application/json", "text/html", Map.of()).status())
                    .isEqualTo(406);
            assertThat(client.post(Json.write(request(1, "ping", null)), "application/json", "application/json",
                    Map.of("Origin", "https://evil.example")).status()).isEqualTo(403);
            assertThat(client.post(Json.write(request(1, "ping", null)), "application/json", "application/json",
                    Map.of("Mcp-Protocol-Version", "1999-01-01")).status()).isEqualTo(400);
            ArrayNode initAndMore = McpHttpClient.NODES.arrayNode().add(request(1, "initialize", McpHttpClient.NODES.objectNode()))
                    .add(request(2, "ping", null));
            assertThat(client.post(initAndMore).status()).isEqualTo(400);
            assertThat(client.get("application/json").status()).isEqualTo(406);
            assertThat(client.post(Json.write(request(1, "ping", null)), "application/json", null, Map.of()).status())
                    .as("no Accept at all is read as JSON").isEqualTo(200);
        }
        try (McpHttpClient nowhere = new McpHttpClient(URI.create(fixture.endpoint.toString().replace("everything-0", "nope")))) {
            Reply reply = nowhere.post(request(1, "ping", null));
            assertThat(reply.status()).isEqualTo(404);
            assertThat(reply.only().at("/error/message").asText()).contains("no MCP instance nope");
        }
    }

    @Test
    void duplicateIdsInFlightInOneSessionAreRefused() throws Exception {
        try (McpHttpClient client = fixture.client(); ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            client.initialize();
            Future<Reply> slow = pool.submit(() -> client.post(longRun(3, 1, 1, null)));
            Thread.sleep(300);

            Reply clash = client.post(toolCall(3, "echo", args("message", "x")));

            assertThat(clash.only().at("/error/code").asInt()).isEqualTo(JsonRpc.INVALID_REQUEST);
            assertThat(slow.get(10, TimeUnit.SECONDS).only().at("/result/content/0/text").asText()).contains("completed");
        }
    }

    @Test
    void aBodyOverTheLimitIsRefusedWith413() {
        BridgeOptions small = new BridgeOptions(BridgeOptions.DEFAULTS.requestTimeout(), BridgeOptions.DEFAULTS.keepAlive(),
                BridgeOptions.DEFAULTS.readyTimeout(), BridgeOptions.DEFAULTS.sessionIdleTimeout(), 10, 10, 4096, Set.of());
        try (BridgeServer server = new BridgeServer("127.0.0.1", 0, null, small)) {
            server.start();
            try (McpHttpClient client = new McpHttpClient(server.mount(fixture.instance))) {
                client.initialize();
                Reply reply = client.post(toolCall(1, "echo", args("message", "x".repeat(10_000))));
                assertThat(reply.status()).isEqualTo(413);
                assertThat(client.post(toolCall(2, "echo", args("message", "small"))).only()
                        .at("/result/content/0/text").asText()).isEqualTo("Echo: small");
            }
        }
    }
}
