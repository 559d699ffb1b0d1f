package io.mcphub.security.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mcphub.core.error.ProblemException;
import io.mcphub.core.error.ProblemType;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole join and renewal flow, agent and hub, with the renewal over a real mutual-TLS connection. */
class AgentEnrollmentTest {

    @TempDir
    Path dir;
    Pki pki;
    AgentEnrollment enrollment;

    @BeforeEach
    void open() {
        pki = new Pki(dir.resolve("hub"), Clock.systemUTC());
        enrollment = new AgentEnrollment(pki.ca, pki.joinTokens, pki.revocations, Duration.ofHours(6));
    }

    @AfterEach
    void close() {
        pki.close();
    }

    @Test
    void agentJoinsWithATokenAndGetsItsLabels() {
        String token = pki.joinTokens.create(null, Map.of("zone", "eu-1")).token();
        AgentIdentity agent = AgentIdentity.open(dir.resolve("agent"), Clock.systemUTC());

        AgentEnrollment.Enrolled enrolled = enrollment.join(token, "node-1", agent.certificateRequest("node-1"));
        agent.installJoined(enrolled.certificatePem(), enrolled.caCertificatePem(), JoinTokens.caPin(token));

        assertThat(enrolled.nodeName()).isEqualTo("node-1");
        assertThat(enrolled.tokenLabels()).isEqualTo(Map.of("zone", "eu-1"));
        assertThat(agent.nodeName()).contains("node-1");
        assertThat(Duration.between(agent.certificate().getNotBefore().toInstant(),
                agent.certificate().getNotAfter().toInstant()))
                .isEqualTo(Duration.ofHours(6).plus(CertificateAuthority.BACKDATE));
        assertThatThrownBy(() -> enrollment.join(token, "node-2", agent.certificateRequest("node-2")))
                .isInstanceOf(ProblemException.class).hasMessageStartingWith("this join token has already been used");
    }

    @Test
    void badRequestDoesNotBurnTheToken() {
        String token = pki.joinTokens.create(null, null).token();
        AgentIdentity agent = AgentIdentity.open(dir.resolve("agent"), Clock.systemUTC());

        assertThatThrownBy(() -> enrollment.join(token, "node-1", agent.certificateRequest("node-2")))
                .isInstanceOf(ProblemException.class)
                .extracting(e -> ((ProblemException) e).type()).isEqualTo(ProblemType.BAD_REQUEST);
        assertThatThrownBy(() -> enrollment.join(token, "node-1", "garbage"))
                .isInstanceOf(ProblemException.class).hasMessageContaining("not a PEM PKCS#10 request");

        assertThat(enrollment.join(token, "node-1", agent.certificateRequest("node-1")).nodeName()).isEqualTo("node-1");
    }

    @Test
    void badTokenIsRefusedBeforeTheRequestIsSigned() {
        AgentIdentity agent = AgentIdentity.open(dir.resolve("agent"), Clock.systemUTC());

        assertThatThrownBy(() -> enrollment.join("mcphub_join_x", "node-1", agent.certificateRequest("node-1")))
                .isInstanceOf(ProblemException.class)
                .extracting(e -> ((ProblemException) e).type()).isEqualTo(ProblemType.UNAUTHORIZED);
    }

    @Test
    void agentRenewsOverMutualTlsOnlyForItself() throws Exception {
        String token = pki.joinTokens.create(null, null).token();
        AgentIdentity agent = AgentIdentity.open(dir.resolve("agent"), Clock.systemUTC());
        AgentEnrollment.Enrolled joined = enrollment.join(token, "node-1", agent.certificateRequest("node-1"));
        agent.installJoined(joined.certificatePem(), joined.caCertificatePem(), JoinTokens.caPin(token));
        TlsIdentity hub = pki.ca.issueServerCertificate(List.of(), List.of(), null);
        AtomicReference<String> csr = new AtomicReference<>(agent.certificateRequest("node-1"));
        AtomicReference<AgentEnrollment.Enrolled> renewed = new AtomicReference<>();

        try (TlsServer server = TlsServer.mutual(TlsContexts.agentListener(hub, pki.ca, pki.revocations), session -> {
            renewed.set(enrollment.renew(session, csr.get()));
            return "renewed";
        })) {
            assertThat(server.connect(agent.sslContext()).answer()).isEqualTo("renewed");
            agent.installRenewed(renewed.get().certificatePem());
            assertThat(agent.certificate().getSerialNumber()).isNotEqualTo(joined.certificate().getSerialNumber());

            csr.set(CertificateRequest.create(Certificates.newKeyPair(), "node-2"));
            assertThat(server.connect(agent.sslContext()).ok()).isFalse();
            assertThat(server.next().answer()).isEqualTo("renewed");
            assertThat(server.next().failure()).isInstanceOf(ProblemException.class)
                    .hasMessage("the certificate request is for 'node-2' but the node is 'node-1'; make the request's CN "
                            + "the node name");
        }
    }
}
