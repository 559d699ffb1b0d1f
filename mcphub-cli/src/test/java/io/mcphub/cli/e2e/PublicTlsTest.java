package io.mcphub.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.mcphub.agent.Agent;
import io.mcphub.agent.AgentSettings;
import io.mcphub.cli.CliRun;
import io.mcphub.cli.common.ExitCodes;
import io.mcphub.hub.Hub;
import io.mcphub.hub.HubSettings;
import io.mcphub.hub.PublicTls;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The public API over TLS: with the internal CA's certificate (on loopback when asked, beyond loopback always) and
 * with an operator's own; the CLI trusts the hub's CA only through MCPHUB_CA_FILE, never by switching checks off.
 */
class PublicTlsTest {
    @TempDir
    Path dir;

    private static Map<String, String> env(Hub hub, String caFile) {
        Map<String, String> env = new HashMap<>(Map.of("MCPHUB_URL", hub.url(), "MCPHUB_TOKEN", hub.adminToken(),
                "HOME", hub.dataDir().getParent().resolve("home").toString()));
        if (caFile != null) {
            env.put("MCPHUB_CA_FILE", caFile);
        }
        return env;
    }

    @Test
    void theInternalCaCertificateIsTrustedThroughCliEnvAndRefusedWithoutIt() throws Exception {
        try (Hub hub = Hub.start(new HubSettings("embedded", dir.resolve("hub"), "127.0.0.1", 0)
                .withTls(PublicTls.internalCa(List.of())))) {
            Path ca = hub.dataDir().resolve(Hub.CA_FILE);
            assertThat(hub.url()).startsWith("https://127.0.0.1:");
            assertThat(Files.readString(ca)).startsWith("-----BEGIN CERTIFICATE-----");
            assertThat(Files.readString(hub.cliEnv())).contains("MCPHUB_URL=https://", "MCPHUB_CA_FILE=" + ca);

            CliRun trusted = CliRun.run(env(hub, ca.toString()), "config", "list", "-o", "json");
            CliRun untrusted = CliRun.run(env(hub, null), "config", "list");

            assertThat(trusted.exitCode()).as(trusted.err()).isZero();
            assertThat(untrusted.exitCode()).isEqualTo(ExitCodes.UNREACHABLE);
            assertThat(untrusted.err()).contains("the hub's certificate is not one this CLI trusts", "MCPHUB_CA_FILE");
            assertThat(plainHttpAnswers(hub.url().replace("https://", "http://") + "/api/v1/health")).isFalse();
        }
    }

    @Test
    void anAgentJoinsAHubWhoseApiSpeaksTls() {
        try (Hub hub = Hub.start(new HubSettings("embedded", dir.resolve("hub"), "127.0.0.1", 0)
                .withTls(PublicTls.internalCa(List.of())));
             Agent agent = Agent.start(new AgentSettings(hub.url(), hub.createJoinToken(Duration.ofMinutes(1)), "tls-node",
                     dir.resolve("agent"), Map.of(), "127.0.0.1"))) {
            Map<String, String> env = env(hub, hub.dataDir().resolve(Hub.CA_FILE).toString());
            await().atMost(Duration.ofSeconds(20)).until(() -> CliRun.run(env, "node", "list", "-o", "json").out().contains("\"up\""));
            assertThat(agent.name()).isEqualTo("tls-node");
        }
    }

    @Test
    void beyondLoopbackTlsIsOnByDefaultAndCannotBeSwitchedOff() throws Exception {
        HubSettings wildcard = new HubSettings("embedded", dir.resolve("hub"), "0.0.0.0", 0);
        assertThat(wildcard.tls().mode()).isEqualTo(PublicTls.Mode.INTERNAL_CA);
        assertThatThrownBy(() -> wildcard.withTls(PublicTls.OFF))
                .hasMessage("refusing to listen on 0.0.0.0 without TLS: the API would carry tokens in clear text; leave TLS"
                        + " on (the internal CA's certificate, or --tls-cert/--tls-key) or listen on 127.0.0.1");

        try (Hub hub = Hub.start(wildcard)) {
            assertThat(hub.url()).startsWith("https://127.0.0.1:"); // a wildcard is no address to dial
            CliRun run = CliRun.run(env(hub, hub.dataDir().resolve(Hub.CA_FILE).toString()), "status");
            assertThat(run.exitCode()).as(run.err()).isZero();
        }
    }

    @Test
    void anOperatorsCertificateIsServedAsGiven() throws Exception {
        Path cert = dir.resolve("cert.pem");
        Path key = dir.resolve("key.pem");
        Process openssl = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256",
                "-nodes", "-days", "2", "-subj", "/CN=operator-test", "-addext", "subjectAltName=IP:127.0.0.1",
                "-keyout", key.toString(), "-out", cert.toString()).redirectErrorStream(true).start();
        assertThat(openssl.waitFor()).as(new String(openssl.getInputStream().readAllBytes())).isZero();

        try (Hub hub = Hub.start(new HubSettings("embedded", dir.resolve("hub"), "127.0.0.1", 0)
                .withTls(PublicTls.files(cert, key)))) {
            assertThat(Files.exists(hub.dataDir().resolve(Hub.CA_FILE))).isFalse();
            assertThat(Files.readString(hub.cliEnv())).doesNotContain("MCPHUB_CA_FILE");
            CliRun run = CliRun.run(env(hub, cert.toString()), "status");
            assertThat(run.exitCode()).as(run.err()).isZero();
        }
    }

    @Test
    void halfAnOperatorsPairIsRefused() {
        assertThatThrownBy(() -> new PublicTls(PublicTls.Mode.FILES, dir.resolve("cert.pem"), null, List.of()))
                .hasMessage("give both --tls-cert and --tls-key (PEM files), or neither to use a certificate from the hub's internal CA");
    }

    private static boolean plainHttpAnswers(String url) throws InterruptedException {
        try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build()) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(3)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return r.statusCode() < 400;
        } catch (IOException e) {
            return false;
        }
    }
}
