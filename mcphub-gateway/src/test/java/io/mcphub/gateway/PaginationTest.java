package io.mcphub.gateway;

import static io.mcphub.deploy.bridge.McpHttpClient.request;
import static io.mcphub.deploy.bridge.McpHttpClient.toolCall;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mcphub.deploy.bridge.McpHttpClient;
import io.mcphub.deploy.bridge.TypeScriptSdk;
import io.mcphub.deploy.runtime.Instance;
import io.mcphub.deploy.runtime.InstanceSpec;
import io.mcphub.deploy.runtime.InstanceState;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A server that lists its tools page by page (made with the official SDK): the gateway lists them all. */
@ExtendWith(SharedFixture.class)
class PaginationTest {

    static GatewayFixture fixture;
    static Instance paged;
    static GatewayServer server;

    @BeforeAll
    static void start(GatewayFixture shared) throws Exception {
        fixture = shared;
        Path script = Path.of(PaginationTest.class.getResource("/paged-server.mjs").toURI());
        paged = fixture.runtime.start(InstanceSpec.builder("paged-1", "paged", "node")
                .args(List.of(script.toString(), TypeScriptSdk.locate().toString()))
                .transport(InstanceSpec.Transport.STDIO).build(), fixture.dir.resolve("paged-1"));
        await().atMost(60, TimeUnit.SECONDS).until(() -> paged.state() == InstanceState.HEALTHY);
        TestUpstreams upstreams = new TestUpstreams().put(new UpstreamService("paged", Set.of(),
                List.of(new UpstreamInstance("paged-1", "node1", fixture.node1.mount(paged), true))));
        server = new GatewayServer(upstreams, GatewayOptions.DEFAULTS, DownstreamTls.NONE, "paged");
    }

    @AfterAll
    static void stop() {
        server.close();
        fixture.node1.unmount("paged-1");
        paged.stop(Duration.ofSeconds(5));
    }

    @Test
    void everyPageOfAServersListIsFollowed() {
        try (McpHttpClient client = server.client("/mcp", TestAuth.ALICE)) {
            client.initialize();
            List<String> tools = client.post(request(1, "tools/list", null)).only().at("/result/tools").findValuesAsText("name");
            assertThat(tools).hasSize(25).contains("paged__tool-0", "paged__tool-10", "paged__tool-24");
            assertThat(ProtocolTest.text(client.post(toolCall(2, "paged__tool-24", Map.of())).only())).isEqualTo("called tool-24");
        }
    }
}
