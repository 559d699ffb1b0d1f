package io.mcphub.security.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsExchange;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import io.mcphub.core.error.ProblemException;
import io.mcphub.security.jwt.MutableClock;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import javax.net.ssl.TrustManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real handshakes over loopback between the hub's contexts and agents' (and impostors'). */
class MutualTlsTest {

    @TempDir
    Path dir;
    Pki pki;
    TlsIdentity hub;

    @BeforeEach
    void open() {
        pki = new Pki(dir.resolve("hub"), Clock.systemUTC());
        hub = pki.ca.issueServerCertificate(List.of(), List.of(), null);
    }

    private String nodeName(SSLSession session) {
        return TlsContexts.nodeName(session, pki.revocations);
    }

    @AfterEach
    void close() {
        pki.close();
    }

    @Test
    void joinedAgentCompletesAMutualHandshakeAndTheHubReadsItsNodeName() throws Exception {
        AgentIdentity agent = join("node-1");
        try (TlsServer server = TlsServer.mutual(agentListener(), this::nodeName)) {
            assertThat(server.connect(agent.sslContext()).answer()).isEqualTo("node-1");
            assertThat(server.next().answer()).isEqualTo("node-1");
        }
    }

    @Test
    void mutualTlsOverHttpsBindsEachRequestToItsNodeAndStopsARevokedOneMidConnection() throws Exception {
        AgentIdentity agent = join("node-1");
        SSLContext context = agentListener();
        HttpsServer server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(context) {
            @Override
            public void configure(HttpsParameters params) {
                params.setSSLParameters(TlsContexts.requireClientCertificate(context));
            }
        });
        server.createContext("/whoami", exchange -> {
            int status = 200;
            String answer;
            try {
                answer = nodeName(((HttpsExchange) exchange).getSSLSession());
            } catch (ProblemException e) {
                status = e.type().status();
                answer = e.getMessage();
            }
            byte[] body = answer.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        HttpRequest whoami = HttpRequest.newBuilder(
                URI.create("https://localhost:" + server.getAddress().getPort() + "/whoami")).build();
        try (HttpClient client = HttpClient.newBuilder().sslContext(agent.sslContext()).build()) {
            HttpResponse<String> response = client.send(whoami, HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("node-1");

            pki.revocations.revoke(agent.certificate());
            HttpResponse<String> afterRevocation = client.send(whoami, HttpResponse.BodyHandlers.ofString());

            assertThat(afterRevocation.statusCode()).isEqualTo(401);
            assertThat(afterRevocation.body()).startsWith("this agent's certificate has been revoked");
        } finally {
            server.stop(0);
        }
    }

    @Test
    void clientWithoutACertificateIsRefused() throws Exception {
        try (TlsServer server = TlsServer.mutual(agentListener(), this::nodeName)) {
            assertRefusedByServer(server, TlsContexts.joinClient(pki.ca.caPin()), "Empty client certificate chain");
        }
    }

    @Test
    void selfSignedClientCertificateIsRefused() throws Exception {
        KeyPair keys = Certificates.newKeyPair();
        X509Certificate selfSigned = Certificates.selfSignedCa(keys, PeerRole.AGENT.subject("node-1", pki.ca.installId()),
                Instant.now().minusSeconds(60), Instant.now().plus(Duration.ofDays(1)));
        SSLContext impostor = trustingOurCa(new TlsIdentity(keys.getPrivate(), List.of(selfSigned)));

        try (TlsServer server = TlsServer.mutual(agentListener(), this::nodeName)) {
            assertRefusedByServer(server, impostor, "unable to find valid certification path");
        }
    }

    @Test
    void agentOfAnotherInstallIsRefused() throws Exception {
        try (Pki other = new Pki(dir.resolve("other-install"), Clock.systemUTC())) {
            KeyPair keys = Certificates.newKeyPair();
            X509Certificate foreign = other.ca.issueAgentCertificate(CertificateRequest.create(keys, "node-1"), "node-1", null);
            SSLContext client = trustingOurCa(new TlsIdentity(keys.getPrivate(), List.of(foreign, other.ca.caCertificate())));

            try (TlsServer server = TlsServer.mutual(agentListener(), this::nodeName)) {
                assertRefusedByServer(server, client, "unable to find valid certification path");
            }
        }
    }

    @Test
    void expiredAgentCertificateIsRefused() throws Exception {
        CertificateAuthority past = pki.anotherCa(new MutableClock(Instant.now().minus(Duration.ofDays(3))));
        KeyPair keys = Certificates.newKeyPair();
        X509Certificate expired = past.issueAgentCertificate(CertificateRequest.create(keys, "node-1"), "node-1",
                Duration.ofHours(1));
        assertThat(expired.getNotAfter().toInstant()).isBefore(Instant.now());

        try (TlsServer server = TlsServer.mutual(agentListener(), this::nodeName)) {
            assertRefusedByServer(server, trustingOurCa(new TlsIdentity(keys.getPrivate(), List.of(expired))),
                    "validity check failed");
        }
    }

    @Test
    void revokedAgentCertificateIsRefusedOnItsNextConnection() throws Exception {
        AgentIdentity agent = join("node-1");
        try (TlsServer server = TlsServer.mutual(agentListener(), this::nodeName)) {
            assertThat(server.connect(agent.sslContext()).ok()).isTrue();
            assertThat(server.next().ok()).isTrue();

            pki.revocations.revoke(agent.certificate().getSerialNumber());

            assertThat(pki.revocations.isRevoked(agent.certificate())).isTrue();
            assertRefusedByServer(server, agent.sslContext(), "has been revoked");
        }
    }

    @Test
    void hubServerCertificateCannotPoseAsAnAgent() throws Exception {
        try (TlsServer server = TlsServer.mutual(agentListener(), this::nodeName)) {
            assertRefusedByServer(server, trustingOurCa(hub), "not an MCP Hub agent certificate");
        }
    }

    @Test
    void agentRefusesAnotherAgentPosingAsTheHub() throws Exception {
        AgentIdentity victim = join("node-1");
        AgentIdentity rogue = join("localhost"); // named like the hub's host, so only the role check stops it
        try (TlsServer server = new TlsServer(TlsContexts.server(rogue.tlsIdentity()), null, s -> "pwned")) {
            TlsServer.Outcome outcome = server.connect(victim.sslContext());

            assertThat(outcome.ok()).isFalse();
            assertThat(outcome.failure()).hasStackTraceContaining("not an MCP Hub hub certificate");
        }
    }

    @Test
    void joiningAgentTrustsTheHubItsTokenPinsAndNoOther() throws Exception {
        String token = pki.joinTokens.create(null, null).token();
        try (TlsServer server = new TlsServer(TlsContexts.server(hub), null, s -> "welcome")) {
            assertThat(server.connect(TlsContexts.joinClient(JoinTokens.caPin(token))).answer()).isEqualTo("welcome");

            try (Pki other = new Pki(dir.resolve("other-install"), Clock.systemUTC())) {
                TlsServer.Outcome outcome = server.connect(TlsContexts.joinClient(other.ca.caPin()));
                assertThat(outcome.ok()).isFalse();
            }
        }
    }

    @Test
    void renewedCertificateIsPresentedWithoutANewContext() throws Exception {
        AgentIdentity agent = join("node-1");
        SSLContext context = agent.sslContext();
        Function<SSLSession, String> serial = s -> ((X509Certificate) peer(s)).getSerialNumber().toString(16);
        try (TlsServer server = TlsServer.mutual(agentListener(), serial)) {
            assertThat(server.connect(context).answer()).isEqualTo(agent.certificate().getSerialNumber().toString(16));

            agent.installRenewed(Pem.encode(pki.ca.issueAgentCertificate(agent.certificateRequest("node-1"), "node-1", null)));

            assertThat(server.connect(context).answer()).isEqualTo(agent.certificate().getSerialNumber().toString(16));
        }
    }

    @Test
    void agentBridgeAcceptsTheHubAndRefusesOtherAgents() throws Exception {
        AgentIdentity bridgeOwner = join("node-1");
        AgentIdentity neighbour = join("node-2");
        SSLContext bridge = bridgeOwner.sslContext();
        Function<SSLSession, String> peerName = s -> PeerRole.commonName((X509Certificate) peer(s)).orElseThrow();
        try (TlsServer server = TlsServer.mutual(bridge, peerName)) {
            assertThat(server.connect(TlsContexts.hubClient(hub, pki.ca, pki.revocations, "node-1")).answer())
                    .isEqualTo("localhost");
            server.next();

            // The neighbour trusts the bridge here, so that only the bridge's judgement of the neighbour is tested.
            SSLContext neighbourTrustingTheBridge = client(neighbour.tlsIdentity(),
                    new PeerTrust(pki.ca.caCertificate(), PeerRole.AGENT, c -> false, "node-1"));
            assertRefusedByServer(server, neighbourTrustingTheBridge, "not an MCP Hub hub certificate");
        }
    }

    @Test
    void hubReachesOnlyTheNodeItMeantAndNotARevokedOne() throws Exception {
        AgentIdentity node1 = join("node-1");
        try (TlsServer bridge = TlsServer.mutual(node1.sslContext(), s -> "bridge")) {
            TlsServer.Outcome wrongNode = bridge.connect(TlsContexts.hubClient(hub, pki.ca, pki.revocations, "node-2"));
            assertThat(wrongNode.ok()).isFalse();
            assertThat(wrongNode.failure()).hasStackTraceContaining("the peer is not node 'node-2'");

            pki.revocations.revoke(node1.certificate());
            TlsServer.Outcome revoked = bridge.connect(TlsContexts.hubClient(hub, pki.ca, pki.revocations, "node-1"));
            assertThat(revoked.ok()).isFalse();
            assertThat(revoked.failure()).hasStackTraceContaining("has been revoked");
        }
    }

    @Test
    void nodeNameNeedsALiveAgentCertificate() {
        CertificateAuthority past = pki.anotherCa(new MutableClock(Instant.now().minus(Duration.ofDays(3))));
        X509Certificate expired = past.issueAgentCertificate(
                CertificateRequest.create(Certificates.newKeyPair(), "node-1"), "node-1", Duration.ofHours(1));

        assertThatThrownBy(() -> TlsContexts.nodeName(new Certificate[0], pki.revocations))
                .isInstanceOf(ProblemException.class).hasMessageStartingWith("this connection presented no agent certificate");
        assertThatThrownBy(() -> TlsContexts.nodeName(new Certificate[] {hub.certificate()}, pki.revocations))
                .isInstanceOf(ProblemException.class).hasMessageStartingWith("this connection presented no agent certificate");
        assertThatThrownBy(() -> TlsContexts.nodeName(new Certificate[] {expired}, pki.revocations))
                .isInstanceOf(ProblemException.class).hasMessageStartingWith("this agent's certificate expired at");
    }

    private SSLContext agentListener() {
        return TlsContexts.agentListener(hub, pki.ca, pki.revocations);
    }

    private AgentIdentity join(String name) {
        AgentIdentity agent = AgentIdentity.open(dir.resolve("agent-" + name), Clock.systemUTC());
        String token = pki.joinTokens.create(null, null).token();
        pki.joinTokens.redeem(token);
        X509Certificate cert = pki.ca.issueAgentCertificate(agent.certificateRequest(name), name, null);
        agent.installJoined(Pem.encode(cert), pki.ca.caCertificatePem(), JoinTokens.caPin(token));
        return agent;
    }

    /** A client presenting {@code identity} that trusts the hub, so any failure is the server refusing the client. */
    private SSLContext trustingOurCa(TlsIdentity identity) {
        return TlsContexts.agent(new IdentityKeyManager(identity), pki.ca.caCertificate());
    }

    private static SSLContext client(TlsIdentity identity, TrustManager trust) throws Exception {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(new KeyManager[] {new IdentityKeyManager(identity)}, new TrustManager[] {trust}, null);
        return context;
    }

    private static void assertRefusedByServer(TlsServer server, SSLContext client, String reason)
            throws InterruptedException {
        TlsServer.Outcome seenByClient = server.connect(client);
        TlsServer.Outcome seenByServer = server.next();

        assertThat(seenByClient.ok()).as("client got an answer: " + seenByClient).isFalse();
        assertThat(seenByServer.failure()).as("server refused the client").isNotNull();
        assertThat(seenByServer.failure()).hasStackTraceContaining(reason);
    }

    private static Certificate peer(SSLSession session) {
        try {
            return session.getPeerCertificates()[0];
        } catch (SSLPeerUnverifiedException e) {
            throw new IllegalStateException(e);
        }
    }
}
