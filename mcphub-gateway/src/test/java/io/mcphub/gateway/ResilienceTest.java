package io.mcphub.gateway;

import static io.mcphub.deploy.bridge.McpHttpClient.toolCall;
import static io.mcphub.deploy.bridge.McpHttpClient.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.mcphub.core.Json;
import io.mcphub.deploy.bridge.McpHttpClient;
import io.mcphub.deploy.runtime.InstanceState;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Downstreams that hang, die or cannot be reached, and clients that go away: each gets the right error, the work
 * downstream is cancelled, requests without side effects fail over, and the next call works.
 */
@ExtendWith(SharedFixture.class)
class ResilienceTest {

    static final String LONG = "everything__trigger-long-running-operation";

    static GatewayFixture fixture;
    static GatewayServer server;

    @BeforeAll
    static void start(GatewayFixture shared) {
        fixture = shared;
        server = new GatewayServer(fixture, GatewayOptions.DEFAULTS.withCallTimeout(Duration.ofMillis(1500))
                .withKeepAlive(Duration.ofMillis(200)));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void aCallThatHangsTimesOutAndIsCancelledDownstream() {
        try (McpHttpClient client = server.client("/mcp", TestAuth.ALICE)) {
            client.initialize();
            // Another test of this class restarts an agent; on a loaded machine it may still be coming back.
            await().atMost(60, TimeUnit.SECONDS).until(() -> "Echo: ready".equals(ProtocolTest.text(
                    client.post(toolCall(0, "everything__echo", Map.of("message", "ready"))).only())));
            long started = System.nanoTime();
            JsonNode answer = client.post(toolCall("slow-1", LONG, Map.of("duration", 20, "steps", 20))).last();
            assertThat(answer.at("/error/code").asInt()).as(answer.toString()).isEqualTo(-32001);
            assertThat(answer.at("/error/message").asText()).contains("within 1500 ms").contains("cancelled");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
            CallEvent event = server.audit.await(e -> e.outcome() == CallEvent.Outcome.TIMEOUT);
            assertThat(event.error()).as("the bridge acknowledged the cancellation").contains("the instance answered: cancelled");
            assertThat(ProtocolTest.text(client.post(toolCall(2, "everything__echo", Map.of("message", "next"))).only()))
                    .isEqualTo("Echo: next");
        }
    }

    @Test
    void aClientThatGoesAwayHasItsCallCancelledDownstream() throws Exception {
        // A server of its own, without the class's short call timeout: on a loaded machine noticing the hang-up can
        // take longer than 1.5 s, and the call must still be running then, not timed out.
        try (GatewayServer patient = new GatewayServer(fixture, GatewayOptions.DEFAULTS.withKeepAlive(Duration.ofMillis(200)));
             McpHttpClient client = patient.client("/mcp", TestAuth.ALICE);
             HttpClient raw = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            client.initialize();
            HttpRequest request = HttpRequest.newBuilder(patient.url("/mcp"))
                    .header("Authorization", "Bearer " + TestAuth.ALICE).header("Mcp-Session-Id", client.sessionId())
                    .header("Content-Type", "application/json").header("Accept", "application/json, text/event-stream")
                    // long enough that the call is still running when the hang-up is noticed, even on a loaded machine
                    .POST(HttpRequest.BodyPublishers.ofString(Json.write(toolCall("gone-1", LONG,
                            Map.of("duration", 8, "steps", 80))))).build();
            HttpResponse<InputStream> response = raw.send(request, HttpResponse.BodyHandlers.ofInputStream());
            // The answer is slow, so it became an event stream with keep-alives; the client hangs up.
            assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
            response.body().close();
            CallEvent event = patient.audit.await(e -> e.outcome() == CallEvent.Outcome.CANCELLED
                    && e.session().equals(client.sessionId()));
            assertThat(event.error()).startsWith("the MCP client disconnected").contains("the instance answered: cancelled");
            assertThat(ProtocolTest.text(client.post(toolCall(2, "everything__echo", Map.of("message", "next"))).only()))
                    .isEqualTo("Echo: next");
        }
    }

    @Test
    void anInstanceThatDiesMidCallGivesAnErrorAndTheNextCallGoesElsewhere() throws Exception {
        // As the hub would see it: one instance in service; the one that dies is then taken out of rotation.
        UpstreamService full = fixture.everything();
        fixture.upstreams.put(new UpstreamService("everything", full.groups(), List.of(full.instances().get(0))));
        try (McpHttpClient client = server.client("/mcp", TestAuth.ALICE)) {
            client.initialize();
            CompletableFuture<JsonNode> call = new CompletableFuture<>();
            Thread.ofVirtual().start(() -> call.complete(client.post(
                    toolCall("doomed", LONG, Map.of("duration", 1.4, "steps", 14))).last()));
            Thread.sleep(600);
            kill(fixture.everything1.pid().orElseThrow());
            JsonNode answer = call.get(10, TimeUnit.SECONDS);
            assertThat(answer.at("/error/code").asInt()).isEqualTo(-32000);
            CallEvent event = server.audit.await(e -> e.outcome() == CallEvent.Outcome.FAILED
                    && e.session().equals(client.sessionId()));
            assertThat(event.instance()).isEqualTo("everything-1");
            assertThat(event.error()).isNotBlank();
            fixture.upstreams.put(new UpstreamService("everything", full.groups(), List.of(full.instances().get(1))));
            assertThat(ProtocolTest.text(client.post(toolCall(2, "everything__echo", Map.of("message", "after"))).only()))
                    .isEqualTo("Echo: after");
        } finally {
            await().atMost(60, TimeUnit.SECONDS).until(() -> fixture.everything1.state() == InstanceState.HEALTHY);
            fixture.upstreams.put(full);
        }
    }

    @Test
    void requestsFailOverWhenAnInstanceCannotBeReached() {
        // everything-2's agent no longer serves it, but the upstream set still says healthy (reports lag).
        fixture.node2.unmount("everything-2");
        try (McpHttpClient client = server.client("/mcp", TestAuth.ALICE)) {
            client.initialize();
            String uri = client.post(request(1, "resources/list", null)).only().at("/result/resources/0/uri").asText();
            for (int i = 0; i < 4; i++) {
                JsonNode read = client.post(request(10 + i, "resources/read",
                        McpHttpClient.NODES.objectNode().put("uri", uri))).only();
                assertThat(read.at("/result/contents/0/uri").asText()).as("read %d", i).isEqualTo(uri);
            }
            for (int i = 0; i < 4; i++) {
                assertThat(ProtocolTest.text(client.post(toolCall("echo-" + i, "everything__echo", Map.of("message", "x"))).only()))
                        .isEqualTo("Echo: x");
            }
            assertThat(server.audit.events.stream().filter(e -> e.session().equals(client.sessionId()))
                    .map(CallEvent::instance).distinct()).as("every call went to the instance that answers")
                    .containsExactly("everything-1");
        } finally {
            fixture.resetUpstreams();
        }
    }

    @Test
    void anAgentThatRestartsIsReachedAgainOnNewConnectionsAndSessions() {
        UpstreamService full = fixture.everything();
        fixture.upstreams.put(new UpstreamService("everything", full.groups(), List.of(full.instances().get(1))));
        try (McpHttpClient client = server.client("/mcp/s/everything", TestAuth.ALICE)) {
            client.initialize();
            assertThat(ProtocolTest.text(client.post(toolCall(1, "echo", Map.of("message", "before"))).only()))
                    .isEqualTo("Echo: before");
            // node2's listener goes down and comes back on the same address: the gateway's kept-alive connections
            // and its session there are gone, which it must find out without failing the call.
            fixture.restartNode2();
            assertThat(ProtocolTest.text(client.post(toolCall(2, "echo", Map.of("message", "after"))).only()))
                    .isEqualTo("Echo: after");
        } finally {
            fixture.upstreams.put(full);
        }
    }

    private static void kill(long pid) {
        ProcessHandle process = ProcessHandle.of(pid).orElseThrow();
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }
}
