package io.mcphub.deploy.bridge;

import static io.mcphub.deploy.bridge.McpHttpClient.toolCall;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpClient;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bridge beyond loopback: TLS with client certificates (mTLS), from a key pair the JDK's keytool makes. */
class BridgeTlsTest {

    @TempDir
    static Path dir;
    static BridgeFixture fixture;
    static TestTls tls;

    @BeforeAll
    static void start() throws Exception {
        tls = TestTls.generate(dir);
        fixture = BridgeFixture.start(dir, "everything-tls", BridgeOptions.DEFAULTS);
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    @Test
    void mutualTlsServesClientsWithACertificateOnly() throws Exception {
        try (BridgeServer server = new BridgeServer("127.0.0.1", 0, new BridgeServer.Tls(tls.context(true), true),
                BridgeOptions.DEFAULTS)) {
            server.start();
            server.mount(fixture.instance);
            assertThat(server.address("everything-tls").toString()).startsWith("https://127.0.0.1:");

            try (McpHttpClient client = new McpHttpClient(server.address("everything-tls"),
                    HttpClient.newBuilder().sslContext(tls.context(true)).version(HttpClient.Version.HTTP_1_1).build())) {
                client.initialize();
                assertThat(client.post(toolCall(1, "echo", Map.of("message", "over tls"))).only()
                        .at("/result/content/0/text").asText()).isEqualTo("Echo: over tls");
            }
            try (McpHttpClient anonymous = new McpHttpClient(server.address("everything-tls"),
                    HttpClient.newBuilder().sslContext(tls.context(false)).version(HttpClient.Version.HTTP_1_1).build())) {
                assertThatThrownBy(anonymous::initialize).hasRootCauseInstanceOf(java.io.IOException.class);
            }
        }
    }

    @Test
    void plainHttpBeyondLoopbackIsRefused() {
        assertThatThrownBy(() -> new BridgeServer("0.0.0.0", 0, null, BridgeOptions.DEFAULTS))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("without TLS");
    }
}
