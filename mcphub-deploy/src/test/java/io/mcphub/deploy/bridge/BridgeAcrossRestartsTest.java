package io.mcphub.deploy.bridge;

import static io.mcphub.deploy.bridge.McpHttpClient.toolCall;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.mcphub.deploy.bridge.McpHttpClient.Reply;
import io.mcphub.deploy.runtime.InstanceState;
import io.mcphub.deploy.runtime.Processes;
import io.mcphub.deploy.runtime.mcp.JsonRpc;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a client sees when the process behind its session dies, or hangs, or the bridge stops serving it. */
class BridgeAcrossRestartsTest {

    @TempDir
    Path dir;
    private BridgeFixture fixture;

    @BeforeEach
    void start() {
        fixture = BridgeFixture.start(dir, "everything-r", BridgeOptions.DEFAULTS.withRequestTimeout(Duration.ofSeconds(2)));
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    @Test
    void aSessionOutlivesAProcessCrashAndItsOpenRequestFailsCleanly() throws Exception {
        try (McpHttpClient client = fixture.client(); ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            client.initialize();
            long pid = fixture.instance.pid().orElseThrow();
            Future<Reply> inFlight = pool.submit(() -> client.post(StdioBridgeTest.longRun(1, 1.5, 1, null)));
            Thread.sleep(300);

            Processes.kill9(pid);

            JsonNode failed = inFlight.get(10, TimeUnit.SECONDS).only();
            assertThat(failed.path("id").asInt()).isEqualTo(1);
            assertThat(failed.at("/error/code").asInt()).isEqualTo(JsonRpc.CONNECTION_CLOSED);
            assertThat(failed.at("/error/message").asText()).contains("process has ended");
            await().atMost(60, TimeUnit.SECONDS).until(() -> fixture.instance.state() == InstanceState.HEALTHY
                    && fixture.instance.pid().orElse(pid) != pid);

            Reply echo = client.post(toolCall(2, "echo", Map.of("message", "still here")));
            assertThat(echo.only().at("/result/content/0/text").asText()).isEqualTo("Echo: still here");
        }
    }

    @Test
    void aRequestTheServerSitsOnTimesOutAndIsCancelledUpstream() {
        try (McpHttpClient client = fixture.client()) {
            client.initialize();
            long started = System.nanoTime();

            JsonNode answer = client.post(StdioBridgeTest.longRun(4, 30, 1, null)).only();

            assertThat(answer.at("/error/code").asInt()).isEqualTo(JsonRpc.REQUEST_TIMEOUT);
            assertThat(answer.at("/error/message").asText()).contains("within 2 s");
            assertThat(System.nanoTime() - started).isBetween(TimeUnit.SECONDS.toNanos(2), TimeUnit.SECONDS.toNanos(8));
            Reply next = client.post(toolCall(5, "echo", Map.of("message", "next")));
            assertThat(next.only().at("/result/content/0/text").asText()).isEqualTo("Echo: next");
        }
    }

    @Test
    void unmountingEndsEverySessionAndAMountServesAnew() {
        try (McpHttpClient client = fixture.client()) {
            client.initialize();

            fixture.server.unmount("everything-r");

            assertThat(fixture.server.isMounted("everything-r")).isFalse();
            assertThat(client.post(toolCall(1, "echo", Map.of("message", "x"))).status()).isEqualTo(404);

            fixture.server.mount(fixture.instance);

            assertThat(client.post(toolCall(2, "echo", Map.of("message", "x"))).status())
                    .as("sessions of the old mount stay ended").isEqualTo(404);
            try (McpHttpClient fresh = fixture.client()) {
                fresh.initialize();
                assertThat(fresh.post(toolCall(3, "echo", Map.of("message", "again"))).only()
                        .at("/result/content/0/text").asText()).isEqualTo("Echo: again");
            }
        }
    }

    @Test
    void initializeOnAnEndedInstanceFailsAtOnce() {
        fixture.instance.stop(Duration.ofSeconds(5));
        try (McpHttpClient client = fixture.client()) {
            long started = System.nanoTime();
            Reply reply = client.post(McpHttpClient.request(0, "initialize", McpHttpClient.NODES.objectNode()));
            assertThat(reply.status()).isEqualTo(503);
            assertThat(reply.only().at("/error/message").asText()).contains("is not running");
            assertThat(System.nanoTime() - started).isLessThan(TimeUnit.SECONDS.toNanos(5));
        }
    }
}
