package io.mcphub.security.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.mcphub.store.KeyValue;
import java.math.BigInteger;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RevocationsTest {

    @TempDir
    Path dir;
    Pki pki;

    @BeforeEach
    void open() {
        pki = new Pki(dir, Clock.systemUTC());
    }

    @AfterEach
    void close() {
        pki.close();
    }

    @Test
    void revokedSerialIsRevokedAndOthersAreNot() {
        X509Certificate revoked = issue();
        X509Certificate kept = issue();

        pki.revocations.revoke(revoked.getSerialNumber());

        assertThat(pki.revocations.isRevoked(revoked)).isTrue();
        assertThat(pki.revocations.isRevoked(kept)).isFalse();
        assertThat(pki.revocations.list()).extracting(Revocations.Revoked::serial)
                .containsExactly(Revocations.hex(revoked.getSerialNumber()));
    }

    @Test
    void revokingACertificateKeepsTheEntryOnlyUntilShortlyAfterItExpires() {
        X509Certificate cert = issue();

        pki.revocations.revoke(cert);

        KeyValue kv = pki.store.get(Revocations.PREFIX + Revocations.hex(cert.getSerialNumber())).orElseThrow();
        assertThat(kv.lease()).isNotZero();
        assertThat(pki.revocations.list().getFirst().expiresAt())
                .isEqualTo(cert.getNotAfter().toInstant().plus(Duration.ofHours(1)));
    }

    @Test
    void anotherHubSeesARevocationWithinASecond() {
        Revocations otherHub = new Revocations(pki.store, Clock.systemUTC());
        X509Certificate cert = issue();
        assertThat(otherHub.isRevoked(cert)).isFalse();

        pki.revocations.revoke(cert);

        await().atMost(Duration.ofSeconds(3)).until(() -> otherHub.isRevoked(cert));
    }

    @Test
    void serialsMustBePositive() {
        assertThatThrownBy(() -> pki.revocations.revoke(BigInteger.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThat(pki.revocations.isRevoked(BigInteger.ONE.negate())).isFalse();
    }

    private X509Certificate issue() {
        return pki.ca.issueAgentCertificate(CertificateRequest.create(Certificates.newKeyPair(), "node-1"), "node-1", null);
    }
}
