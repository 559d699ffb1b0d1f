package io.mcphub.security.pki;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A listener keeps its port and its TLS context while the certificate it presents is replaced before it expires. */
class RenewingIdentityTest {

    @TempDir
    Path dir;
    Pki pki;

    @BeforeEach
    void open() {
        pki = new Pki(dir.resolve("hub"), Clock.systemUTC());
    }

    @AfterEach
    void close() {
        pki.close();
    }

    /** The serial the server presents to a new connection (a client that trusts the install's CA). */
    private java.math.BigInteger presented(TlsServer server) throws Exception {
        SSLContext client = TlsContexts.joinClient(pki.ca.caPin());
        try (SSLSocket socket = (SSLSocket) client.getSocketFactory().createSocket("localhost", server.port())) {
            socket.startHandshake();
            return ((X509Certificate) socket.getSession().getPeerCertificates()[0]).getSerialNumber();
        }
    }

    @Test
    void aNewHandshakeGetsTheRenewedCertificateOnlyOnceRenewalIsDue() throws Exception {
        AtomicInteger issued = new AtomicInteger();
        RenewingIdentity identity = RenewingIdentity.issuedBy(() -> {
            issued.incrementAndGet();
            return pki.ca.issueServerCertificate(List.of("localhost"), List.of(), Duration.ofHours(3));
        });
        X509Certificate first = identity.current().certificate();
        Instant notAfter = first.getNotAfter().toInstant();

        assertThat(identity.due(notAfter.minus(Duration.ofHours(2)))).isFalse(); // still more than a third left
        assertThat(identity.renewIfDue(notAfter.minus(Duration.ofHours(2)))).isFalse();
        assertThat(issued).hasValue(1);

        try (TlsServer server = new TlsServer(TlsContexts.server(identity), null, s -> "ok")) {
            assertThat(presented(server)).isEqualTo(first.getSerialNumber());

            assertThat(identity.renewIfDue(notAfter.minus(Duration.ofMinutes(30)))).isTrue();

            assertThat(issued).hasValue(2);
            assertThat(identity.current().certificate().getSerialNumber()).isNotEqualTo(first.getSerialNumber());
            assertThat(presented(server)).isEqualTo(identity.current().certificate().getSerialNumber());
        }
        assertThat(RenewingIdentity.fixed(identity.current()).renewIfDue(notAfter.plus(Duration.ofDays(1)))).isFalse();
    }

    @Test
    void itLooksAgainWellBeforeRenewalIsDue() {
        RenewingIdentity identity = RenewingIdentity.fixed(pki.ca.issueServerCertificate(List.of("localhost"), List.of(),
                Duration.ofDays(30)));
        Instant issuedAt = identity.current().certificate().getNotBefore().toInstant();
        assertThat(identity.nextCheck(issuedAt)).isEqualTo(Duration.ofHours(1));
        assertThat(identity.nextCheck(identity.current().certificate().getNotAfter().toInstant())).isEqualTo(Duration.ofMinutes(1));
    }
}
