package io.mcphub.gateway;

import static io.mcphub.deploy.bridge.McpHttpClient.request;
import static io.mcphub.deploy.bridge.McpHttpClient.toolCall;
import static org.assertj.core.api.Assertions.assertThat;

import io.mcphub.deploy.bridge.BridgeOptions;
import io.mcphub.deploy.bridge.BridgeServer;
import io.mcphub.deploy.bridge.McpHttpClient;
import io.mcphub.deploy.bridge.TestTls;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gateway in front of a bridge that demands client certificates, as agents' bridges do in production: the
 * hub's {@link DownstreamTls} gives the gateway the certificate per node; a node it has no certificate for stays
 * unlisted rather than half-working.
 */
@ExtendWith(SharedFixture.class)
class MutualTlsTest {

    @TempDir
    static Path dir;
    static BridgeServer bridge;
    static GatewayServer server;

    @BeforeAll
    static void start(GatewayFixture fixture) throws Exception {
        TestTls tls = TestTls.generate(dir);
        bridge = new BridgeServer("127.0.0.1", 0, new BridgeServer.Tls(tls.context(true), true), BridgeOptions.DEFAULTS);
        bridge.start();
        bridge.mount(fixture.everything1);
        SSLContext withCertificate = tls.context(true);
        SSLContext withoutCertificate = tls.context(false);
        TestUpstreams upstreams = new TestUpstreams()
                .put(new UpstreamService("secure", Set.of(), List.of(new UpstreamInstance("everything-1", "tls-node",
                        bridge.address("everything-1"), true))))
                .put(new UpstreamService("anonymous", Set.of(), List.of(new UpstreamInstance("everything-1-again",
                        "node-without-certificate", bridge.address("everything-1"), true))));
        server = new GatewayServer(upstreams, GatewayOptions.DEFAULTS,
                node -> node.equals("tls-node") ? withCertificate : withoutCertificate, "secure");
    }

    @AfterAll
    static void stop() {
        server.close();
        bridge.close();
    }

    @Test
    void callsReachABridgeThatDemandsTheHubsCertificate() {
        assertThat(bridge.address("everything-1").getScheme()).isEqualTo("https");
        try (McpHttpClient client = server.client("/mcp", TestAuth.ALICE)) {
            client.initialize();
            assertThat(ProtocolTest.text(client.post(toolCall(1, "secure__echo", Map.of("message", "over mtls"))).only()))
                    .isEqualTo("Echo: over mtls");
            assertThat(client.post(request(2, "tools/list", null)).only().at("/result/tools").findValuesAsText("name"))
                    .contains("secure__echo").noneMatch(name -> name.startsWith("anonymous__"));
        }
        assertThat(server.gateway.listed("anonymous")).as("refused by the bridge without a client certificate").isFalse();
    }
}
