package io.mcphub.gateway;

import static io.mcphub.deploy.bridge.McpHttpClient.NODES;
import static io.mcphub.deploy.bridge.McpHttpClient.request;
import static io.mcphub.deploy.bridge.McpHttpClient.toolCall;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mcphub.deploy.bridge.McpHttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The gateway's Streamable HTTP endpoint spoken to by hand, for what a well-behaved client never sends: versions
 * to negotiate, missing tokens, broken JSON, unknown names, oversized bodies. After each, the gateway still serves.
 */
@ExtendWith(SharedFixture.class)
class ProtocolTest {

    static final String JSON = "application/json";
    static final String BOTH = "application/json, text/event-stream";
    static final long LIMIT = 64 * 1024;

    static GatewayServer server;
    private final List<McpHttpClient> opened = new ArrayList<>();

    /** Refuses get-sum, so that the refusal and its retry hint can be seen; everything else passes. */
    static final RateLimiter NO_SUMS = (caller, service, tool) -> tool.equals("get-sum")
            ? RateLimiter.Decision.refuse(Duration.ofSeconds(3), caller.name() + " used up the calls of " + service + "/" + tool)
            : RateLimiter.Decision.ALLOW;

    @BeforeAll
    static void start(GatewayFixture fixture) {
        server = new GatewayServer(fixture.upstreams, GatewayOptions.DEFAULTS.withMaxBodyBytes(LIMIT), DownstreamTls.NONE,
                NO_SUMS, "everything", "memory", "everything-http");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** Every case ends with the gateway answering a good call, so no bad input leaves it broken. */
    @AfterEach
    void gatewayStillServes() {
        opened.forEach(McpHttpClient::close);
        try (McpHttpClient client = server.client("/mcp", TestAuth.ALICE)) {
            client.initialize();
            assertThat(text(client.post(toolCall(9, "everything__echo", Map.of("message", "still fine"))).only()))
                    .isEqualTo("Echo: still fine");
        }
    }

    @Test
    void theServerAnswersTheRequestedVersionIfItSpeaksItElseItsLatest() {
        for (String version : new String[] {"2025-03-26", "2025-06-18", "2025-11-25", "1999-01-01"}) {
            try (McpHttpClient client = server.client("/mcp", TestAuth.ALICE)) {
                McpHttpClient.Reply reply = client.post(initialize(version));
                assertThat(reply.status()).isEqualTo(200);
                String agreed = reply.only().at("/result/protocolVersion").asText();
                assertThat(agreed).isEqualTo(version.equals("1999-01-01") ? "2025-11-25" : version);
                client.sessionId(reply.sessionId());
                JsonNode tools = client.post(request(2, "tools/list", null).toString(), JSON, BOTH,
                        Map.of("Mcp-Protocol-Version", agreed)).only();
                assertThat(tools.at("/result/tools").size()).as("tools over %s", agreed).isPositive();
            }
        }
        try (McpHttpClient client = server.client("/mcp", TestAuth.ALICE)) {
            client.initialize();
            McpHttpClient.Reply reply = client.post(request(3, "tools/list", null).toString(), JSON, BOTH,
                    Map.of("Mcp-Protocol-Version", "2099-01-01"));
            assertThat(reply.status()).isEqualTo(400);
            assertThat(message(reply)).contains("unsupported Mcp-Protocol-Version 2099-01-01");
        }
    }

    @Test
    void everyRequestNeedsAValidBearerToken() {
        try (McpHttpClient anonymous = new McpHttpClient(server.url("/mcp"))) {
            McpHttpClient.Reply reply = anonymous.post(initialize("2025-06-18"));
            assertThat(reply.status()).isEqualTo(401);
            assertThat(message(reply)).contains("Authorization: Bearer");
        }
        try (McpHttpClient forged = server.client("/mcp", "forged-token")) {
            McpHttpClient.Reply reply = forged.post(initialize("2025-06-18"));
            assertThat(reply.status()).isEqualTo(401);
            assertThat(message(reply)).contains("unknown or expired").doesNotContain("forged-token");
        }
    }

    @Test
    void aSessionServesOnlyTheCallerThatOpenedIt() {
        try (McpHttpClient alice = server.client("/mcp", TestAuth.ALICE);
             McpHttpClient bob = server.client("/mcp", TestAuth.BOB)) {
            alice.initialize();
            bob.sessionId(alice.sessionId());
            McpHttpClient.Reply reply = bob.post(request(1, "tools/list", null));
            assertThat(reply.status()).isEqualTo(404);
            assertThat(message(reply)).startsWith("Session not found");
        }
    }

    @Test
    void malformedJsonIsAParseError() {
        McpHttpClient.Reply reply = withSession().post("{\"jsonrpc\": \"2.0\", \"id\": 1,", JSON, BOTH, Map.of());
        assertThat(reply.status()).isEqualTo(400);
        assertThat(code(reply)).isEqualTo(-32700);
        assertThat(message(reply)).startsWith("Parse error").contains("line 1");
    }

    @Test
    void whatIsNotJsonRpcIsAnInvalidRequest() {
        for (String body : new String[] {"{\"hello\": 1}", "[]", "[{\"jsonrpc\": \"2.0\", \"id\": 1}]", "42"}) {
            McpHttpClient.Reply reply = withSession().post(body, JSON, BOTH, Map.of());
            assertThat(reply.status()).as(body).isEqualTo(400);
            assertThat(code(reply)).as(body).isEqualTo(-32600);
        }
    }

    @Test
    void anUnknownMethodIsMethodNotFound() {
        JsonNode answer = withSession().post(request(1, "tools/explode", null)).only();
        assertThat(answer.at("/error/code").asInt()).isEqualTo(-32601);
        assertThat(answer.at("/error/message").asText()).contains("tools/explode");
    }

    @Test
    void anUnknownToolIsInvalidParamsWithAGuess() {
        JsonNode answer = withSession().post(toolCall(1, "everything__ecoh", Map.of("message", "x"))).only();
        assertThat(answer.at("/error/code").asInt()).isEqualTo(-32602);
        assertThat(answer.at("/error/message").asText()).isEqualTo("Unknown tool: everything__ecoh; did you mean everything__echo?");
        JsonNode nameless = withSession().post(request(2, "tools/call", NODES.objectNode())).only();
        assertThat(nameless.at("/error/code").asInt()).isEqualTo(-32602);
        assertThat(nameless.at("/error/message").asText()).contains("params.name");
        CallEvent event = server.audit.await(e -> "everything__ecoh".equals(e.tool()));
        assertThat(event.outcome()).isEqualTo(CallEvent.Outcome.INVALID);
    }

    @Test
    void anUnknownServiceOrGroupEndpointIsNotFound() {
        try (McpHttpClient client = server.client("/mcp/s/everythin", TestAuth.ALICE)) {
            McpHttpClient.Reply reply = client.post(initialize("2025-06-18"));
            assertThat(reply.status()).isEqualTo(404);
            assertThat(code(reply)).isEqualTo(-32602);
            assertThat(message(reply)).isEqualTo("Unknown MCP service: everythin; did you mean everything?");
        }
        try (McpHttpClient client = server.client("/mcp/s/everything", TestAuth.BOB)) {
            assertThat(client.post(initialize("2025-06-18")).status()).as("a service bob may not use").isEqualTo(404);
        }
        try (McpHttpClient client = server.client("/mcp/g/nobody", TestAuth.ALICE)) {
            assertThat(message(client.post(initialize("2025-06-18")))).startsWith("Unknown group: nobody");
        }
    }

    @Test
    void anOversizedMessageIsRefusedWith413() {
        String big = "x".repeat((int) LIMIT);
        McpHttpClient.Reply reply = withSession().post(toolCall(1, "everything__echo", Map.of("message", big)));
        assertThat(reply.status()).isEqualTo(413);
        assertThat(message(reply)).contains(LIMIT + " bytes");
    }

    @Test
    void aJsonOnlyClientGetsJsonAndAStreamOnlyClientAStream() {
        McpHttpClient client = withSession();
        McpHttpClient.Reply json = client.post(toolCall(1, "everything__echo", Map.of("message", "j")).toString(), JSON, JSON, Map.of());
        assertThat(json.contentType()).startsWith("application/json");
        McpHttpClient.Reply stream = client.post(toolCall(2, "everything__echo", Map.of("message", "s")).toString(), JSON,
                "text/event-stream", Map.of());
        assertThat(stream.contentType()).startsWith("text/event-stream");
        assertThat(text(stream.only())).isEqualTo("Echo: s");
        McpHttpClient.Reply neither = client.post(toolCall(3, "everything__echo", Map.of("message", "n")).toString(), JSON,
                "text/html", Map.of());
        assertThat(neither.status()).isEqualTo(406);
    }

    @Test
    void aRateLimitedCallSaysWhenToTryAgain() {
        JsonNode answer = withSession().post(toolCall(1, "everything__get-sum", Map.of("a", 1, "b", 2))).only();
        assertThat(answer.at("/error/code").asInt()).isEqualTo(-32029);
        assertThat(answer.at("/error/data/retryAfterMs").asLong()).isEqualTo(3000);
        assertThat(answer.at("/error/message").asText()).contains("alice used up the calls of everything/get-sum");
        assertThat(server.audit.await(RecordingAudit.by("alice", "get-sum")).outcome()).isEqualTo(CallEvent.Outcome.RATE_LIMITED);
    }

    @Test
    void whenPermissionsChangeConnectedClientsAreToldToListAgain() throws Exception {
        McpHttpClient client = withSession();
        McpHttpClient.EventStream stream = client.stream();
        assertThat(stream.status()).isEqualTo(200);
        // Notifications wait in the session's outbox until its stream takes them, so no race with the stream's start.
        server.gateway.visibilityChanged();
        List<String> methods = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            JsonNode message = stream.messages().poll(10, TimeUnit.SECONDS);
            assertThat(message).as("notification %d", i).isNotNull();
            methods.add(message.path("method").asText());
        }
        assertThat(methods).containsExactlyInAnyOrder("notifications/tools/list_changed",
                "notifications/prompts/list_changed", "notifications/resources/list_changed");
    }

    private McpHttpClient withSession() {
        McpHttpClient client = server.client("/mcp", TestAuth.ALICE);
        opened.add(client);
        client.initialize();
        return client;
    }

    static ObjectNode initialize(String version) {
        ObjectNode params = NODES.objectNode().put("protocolVersion", version);
        params.putObject("capabilities");
        params.putObject("clientInfo").put("name", "protocol-test").put("version", "1");
        return request(0, "initialize", params);
    }

    static String text(JsonNode answer) {
        return answer.at("/result/content/0/text").asText();
    }

    static int code(McpHttpClient.Reply reply) {
        return reply.only().at("/error/code").asInt();
    }

    static String message(McpHttpClient.Reply reply) {
        return reply.only().at("/error/message").asText();
    }
}
