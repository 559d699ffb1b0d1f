package io.mcphub.security.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mcphub.security.jwt.MutableClock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentIdentityTest {

    @TempDir
    Path dir;
    final MutableClock clock = new MutableClock(Instant.now());
    Pki pki;
    Path agentDir;

    @BeforeEach
    void open() {
        pki = new Pki(dir.resolve("hub"), clock);
        agentDir = dir.resolve("agent");
    }

    @AfterEach
    void close() {
        pki.close();
    }

    @Test
    void keyIsMadeOnceAndReadableOnlyByItsOwner() throws Exception {
        AgentIdentity first = AgentIdentity.open(agentDir, clock);
        Path keyFile = agentDir.resolve("pki").resolve(AgentIdentity.KEY_FILE);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile))).isEqualTo("rw-------");
        assertThat(publicKeyOf(AgentIdentity.open(agentDir, clock).certificateRequest("node-1")))
                .isEqualTo(publicKeyOf(first.certificateRequest("node-1")));
        assertThat(first.joined()).isFalse();
        assertThatThrownBy(first::sslContext).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("has not joined a hub yet");
    }

    @Test
    void joinInstallsTheCertificateAndSurvivesARestart() {
        AgentIdentity agent = AgentIdentity.open(agentDir, clock);
        String token = pki.joinTokens.create(null, null).token();
        X509Certificate cert = pki.ca.issueAgentCertificate(agent.certificateRequest("node-1"), "node-1", null);

        agent.installJoined(Pem.encode(cert), pki.ca.caCertificatePem(), JoinTokens.caPin(token));

        AgentIdentity reopened = AgentIdentity.open(agentDir, clock);
        assertThat(reopened.joined()).isTrue();
        assertThat(reopened.nodeName()).contains("node-1");
        assertThat(reopened.certificate()).isEqualTo(cert);
        assertThat(reopened.caCertificate()).isEqualTo(pki.ca.caCertificate());
        assertThat(Files.exists(agentDir.resolve("pki").resolve(AgentIdentity.CA_FILE))).isTrue();
    }

    @Test
    void caThatDoesNotMatchTheTokenIsRefused() throws Exception {
        AgentIdentity agent = AgentIdentity.open(agentDir, clock);
        try (Pki impostor = new Pki(dir.resolve("impostor"), clock)) {
            X509Certificate cert = impostor.ca.issueAgentCertificate(agent.certificateRequest("node-1"), "node-1", null);
            String realPin = pki.ca.caPin();

            assertThatThrownBy(() -> agent.installJoined(Pem.encode(cert), impostor.ca.caCertificatePem(), realPin))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("does not match the join token");
        }
        assertThat(agent.joined()).isFalse();
        assertThat(Files.exists(agentDir.resolve("pki").resolve(AgentIdentity.CERT_FILE))).isFalse();
    }

    @Test
    void certificateForAnotherKeyIsRefused() {
        AgentIdentity agent = AgentIdentity.open(agentDir, clock);
        X509Certificate stranger = pki.ca.issueAgentCertificate(
                CertificateRequest.create(Certificates.newKeyPair(), "node-1"), "node-1", null);

        assertThatThrownBy(() -> agent.installJoined(Pem.encode(stranger), pki.ca.caCertificatePem(), pki.ca.caPin()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("another key");
    }

    @Test
    void renewalIsDueAtTwoThirdsOfTheLifetime() {
        AgentIdentity agent = joined("node-1");
        X509Certificate cert = agent.certificate();
        Duration lifetime = Duration.between(cert.getNotBefore().toInstant(), cert.getNotAfter().toInstant());

        assertThat(agent.renewAt()).isEqualTo(cert.getNotBefore().toInstant().plus(lifetime.multipliedBy(2).dividedBy(3)));
        assertThat(agent.renewalDue()).isFalse();
        clock.advance(Duration.ofHours(15));
        assertThat(agent.renewalDue()).isFalse();
        clock.advance(Duration.ofHours(1));
        assertThat(agent.renewalDue()).isTrue();
    }

    @Test
    void renewalKeepsTheKeyAndReplacesTheCertificate() throws Exception {
        AgentIdentity agent = joined("node-1");
        X509Certificate old = agent.certificate();
        String keyBefore = Files.readString(agentDir.resolve("pki").resolve(AgentIdentity.KEY_FILE), StandardCharsets.US_ASCII);
        clock.advance(Duration.ofHours(17));

        X509Certificate renewed = pki.ca.issueAgentCertificate(agent.certificateRequest("node-1"), "node-1", null);
        agent.installRenewed(Pem.encode(renewed));

        assertThat(agent.certificate()).isEqualTo(renewed).isNotEqualTo(old);
        assertThat(agent.renewalDue()).isFalse();
        assertThat(AgentIdentity.open(agentDir, clock).certificate()).isEqualTo(renewed);
        assertThat(Files.readString(agentDir.resolve("pki").resolve(AgentIdentity.KEY_FILE), StandardCharsets.US_ASCII))
                .isEqualTo(keyBefore);
    }

    @Test
    void renewalFromAnotherCaIsRefused() throws Exception {
        AgentIdentity agent = joined("node-1");
        try (Pki other = new Pki(dir.resolve("other"), clock)) {
            X509Certificate foreign = other.ca.issueAgentCertificate(agent.certificateRequest("node-1"), "node-1", null);

            assertThatThrownBy(() -> agent.installRenewed(Pem.encode(foreign)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not valid under its CA");
        }
    }

    @Test
    void damagedFilesAreReportedWithWhatToDo() throws Exception {
        joined("node-1");
        Files.writeString(agentDir.resolve("pki").resolve(AgentIdentity.CERT_FILE), "garbage");

        assertThatThrownBy(() -> AgentIdentity.open(agentDir, clock)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("are damaged").hasMessageContaining("join the node again");
    }

    private AgentIdentity joined(String name) {
        AgentIdentity agent = AgentIdentity.open(agentDir, clock);
        X509Certificate cert = pki.ca.issueAgentCertificate(agent.certificateRequest(name), name, null);
        agent.installJoined(Pem.encode(cert), pki.ca.caCertificatePem(), pki.ca.caPin());
        return agent;
    }

    private static Object publicKeyOf(String csrPem) {
        return CertificateRequest.parse(csrPem).publicKey();
    }
}
