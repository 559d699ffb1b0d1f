package io.mcphub.deploy.bridge;

import static io.mcphub.deploy.bridge.McpHttpClient.toolCall;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Map;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bridge beyond loopback: TLS with client certificates (mTLS), from a key pair the JDK's keytool makes. */
class BridgeTlsTest {

    private static final char[] PASSWORD = "bridge-test".toCharArray();

    @TempDir
    static Path dir;
    static BridgeFixture fixture;
    static KeyStore keys;

    @BeforeAll
    static void start() throws Exception {
        Path store = dir.resolve("bridge.p12");
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Process p = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", "bridge", "-keyalg", "EC",
                "-groupname", "secp256r1", "-dname", "CN=localhost", "-ext", "SAN=ip:127.0.0.1,dns:localhost",
                "-validity", "1", "-storetype", "PKCS12", "-keystore", store.toString(),
                "-storepass", new String(PASSWORD), "-keypass", new String(PASSWORD))
                .redirectErrorStream(true).start();
        assertThat(p.waitFor()).as(new String(p.getInputStream().readAllBytes())).isZero();
        keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            keys.load(in, PASSWORD);
        }
        fixture = BridgeFixture.start(dir, "everything-tls", BridgeOptions.DEFAULTS);
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    private static SSLContext context(boolean withClientCertificate) throws Exception {
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(keys);
        KeyManagerFactory key = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        key.init(keys, PASSWORD);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(withClientCertificate ? key.getKeyManagers() : null, trust.getTrustManagers(), null);
        return context;
    }

    @Test
    void mutualTlsServesClientsWithACertificateOnly() throws Exception {
        try (BridgeServer server = new BridgeServer("127.0.0.1", 0, new BridgeServer.Tls(context(true), true),
                BridgeOptions.DEFAULTS)) {
            server.start();
            server.mount(fixture.instance);
            assertThat(server.address("everything-tls").toString()).startsWith("https://127.0.0.1:");

            try (McpHttpClient client = new McpHttpClient(server.address("everything-tls"),
                    HttpClient.newBuilder().sslContext(context(true)).version(HttpClient.Version.HTTP_1_1).build())) {
                client.initialize();
                assertThat(client.post(toolCall(1, "echo", Map.of("message", "over tls"))).only()
                        .at("/result/content/0/text").asText()).isEqualTo("Echo: over tls");
            }
            try (McpHttpClient anonymous = new McpHttpClient(server.address("everything-tls"),
                    HttpClient.newBuilder().sslContext(context(false)).version(HttpClient.Version.HTTP_1_1).build())) {
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
