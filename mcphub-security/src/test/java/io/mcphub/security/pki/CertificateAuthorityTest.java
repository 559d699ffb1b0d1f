package io.mcphub.security.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mcphub.core.error.ProblemException;
import io.mcphub.core.error.ProblemType;
import io.mcphub.security.crypto.EnvelopeCipher;
import io.mcphub.security.crypto.MasterKey;
import io.mcphub.security.crypto.SealedValueException;
import io.mcphub.security.jwt.MutableClock;
import io.mcphub.store.KeyValue;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CertificateAuthorityTest {

    private static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";
    private static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";

    @TempDir
    Path dir;
    final MutableClock clock = new MutableClock(Instant.now());
    Pki pki;

    @BeforeEach
    void open() {
        pki = new Pki(dir.resolve("hub"), clock);
    }

    @AfterEach
    void close() {
        pki.close();
    }

    @Test
    void caIsCreatedOnceAndEveryInstanceOnTheStoreAgrees() {
        X509Certificate first = pki.ca.caCertificate();

        assertThat(pki.anotherCa(clock).caCertificate()).isEqualTo(first);
        assertThat(pki.anotherCa(clock).installId()).isEqualTo(pki.ca.installId());
        assertThat(pki.store.range(CertificateAuthority.KEY).kvs()).hasSize(1);
    }

    @Test
    void hubsRacingOnAnEmptyStoreEndWithOneCa() throws Exception {
        List<CertificateAuthority> hubs = List.of(pki.anotherCa(clock), pki.anotherCa(clock), pki.anotherCa(clock),
                pki.anotherCa(clock));
        try (ExecutorService pool = Executors.newFixedThreadPool(hubs.size())) {
            List<Future<X509Certificate>> results = pool.invokeAll(
                    hubs.stream().map(h -> (Callable<X509Certificate>) h::caCertificate).toList());
            X509Certificate winner = results.getFirst().get();
            for (Future<X509Certificate> r : results) {
                assertThat(r.get()).isEqualTo(winner);
            }
        }
    }

    @Test
    void caSurvivesARestart() {
        X509Certificate before = pki.ca.caCertificate();
        pki.close();

        pki = new Pki(dir.resolve("hub"), clock);

        assertThat(pki.ca.caCertificate()).isEqualTo(before);
        assertThat(pki.ca.caPin()).isEqualTo(Certificates.pin(before));
    }

    @Test
    void caCertificateIsASelfSignedTenYearCa() throws Exception {
        X509Certificate ca = pki.ca.caCertificate();

        assertThat(ca.getSubjectX500Principal().getName()).isEqualTo("CN=MCP Hub CA " + pki.ca.installId());
        assertThat(pki.ca.installId()).matches("[0-9a-f]{16}");
        assertThat(ca.getBasicConstraints()).isEqualTo(0);
        assertThat(ca.getKeyUsage()[5]).as("keyCertSign").isTrue();
        assertThat(ca.getKeyUsage()[6]).as("cRLSign").isTrue();
        assertThat(ca.getPublicKey().getAlgorithm()).isEqualTo("EC");
        assertThat(Duration.between(ca.getNotBefore().toInstant(), ca.getNotAfter().toInstant()))
                .isEqualTo(CertificateAuthority.CA_VALIDITY.plus(CertificateAuthority.BACKDATE));
        ca.verify(ca.getPublicKey());
        assertThat(Pem.certificate(pki.ca.caCertificatePem())).isEqualTo(ca);
    }

    @Test
    void caPrivateKeyIsNeverStoredInClear() {
        pki.ca.caCertificate();
        byte[] der = pki.ca.issuer().key().getEncoded();
        String base64 = Base64.getEncoder().encodeToString(der);
        String mime = Pem.encode(pki.ca.issuer().key());

        for (KeyValue kv : pki.store.range("").kvs()) {
            String text = kv.valueAsString();
            assertThat(text).doesNotContain("PRIVATE KEY").doesNotContain(base64.substring(0, 40))
                    .doesNotContain(mime.lines().skip(1).findFirst().orElseThrow());
            assertThat(indexOf(kv.value(), der)).as("raw DER in " + kv.key()).isNegative();
        }
    }

    @Test
    void anotherMasterKeyCannotOpenTheCa() throws Exception {
        pki.ca.caCertificate();
        Path other = dir.resolve("other");
        Files.createDirectories(other);
        CertificateAuthority stranger = new CertificateAuthority(pki.store,
                new EnvelopeCipher(MasterKey.loadOrCreate(other)), clock);

        assertThatThrownBy(stranger::caCertificate).isInstanceOf(SealedValueException.class)
                .hasMessageContaining("master.key");
    }

    @Test
    void agentCertificateChainValidatesAgainstTheCa() throws Exception {
        KeyPair keys = Certificates.newKeyPair();
        String csr = CertificateRequest.create(keys, "node-1");

        X509Certificate leaf = pki.ca.issueAgentCertificate(csr, "node-1", null);

        validate(leaf, pki.ca.caCertificate());
        assertThat(leaf.getPublicKey()).isEqualTo(keys.getPublic());
        assertThat(PeerRole.commonName(leaf)).contains("node-1");
        assertThat(PeerRole.AGENT.holds(leaf)).isTrue();
        assertThat(PeerRole.HUB.holds(leaf)).isFalse();
        assertThat(leaf.getSubjectAlternativeNames()).containsExactly(List.of(2, "node-1"));
        assertThat(leaf.getExtendedKeyUsage()).containsExactlyInAnyOrder(CLIENT_AUTH, SERVER_AUTH);
        assertThat(leaf.getBasicConstraints()).isEqualTo(-1);
        assertThat(leaf.getSerialNumber().bitLength()).isBetween(100, 128);
        assertThat(leaf.getNotAfter().toInstant()).isEqualTo(clock.instant().plus(Duration.ofHours(24))
                .truncatedTo(ChronoUnit.SECONDS));
    }

    @Test
    void everyCertificateGetsItsOwnSerial() {
        KeyPair keys = Certificates.newKeyPair();
        String csr = CertificateRequest.create(keys, "node-1");

        assertThat(pki.ca.issueAgentCertificate(csr, "node-1", null).getSerialNumber())
                .isNotEqualTo(pki.ca.issueAgentCertificate(csr, "node-1", null).getSerialNumber());
    }

    @Test
    void requestForAnotherNodeNameIsRefused() {
        String csr = CertificateRequest.create(Certificates.newKeyPair(), "node-2");

        assertThatThrownBy(() -> pki.ca.issueAgentCertificate(csr, "node-1", null))
                .isInstanceOf(ProblemException.class)
                .hasMessage("the certificate request is for 'node-2' but the node is 'node-1'; make the request's CN "
                        + "the node name")
                .extracting(e -> ((ProblemException) e).type()).isEqualTo(ProblemType.BAD_REQUEST);
    }

    @Test
    void requestSignedByAnotherKeyIsRefused() throws Exception {
        KeyPair claimed = Certificates.newKeyPair();
        KeyPair signer = Certificates.newKeyPair();
        String forged = Pem.encode(new JcaPKCS10CertificationRequestBuilder(
                new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, "node-1").build(), claimed.getPublic())
                .build(Certificates.signer(signer.getPrivate())));

        assertThatThrownBy(() -> pki.ca.issueAgentCertificate(forged, "node-1", null))
                .isInstanceOf(ProblemException.class)
                .hasMessageContaining("signature does not verify");
    }

    @Test
    void malformedRequestsAndNamesAreRefusedClearly() {
        String csr = CertificateRequest.create(Certificates.newKeyPair(), "node-1");

        assertThatThrownBy(() -> pki.ca.issueAgentCertificate("not pem", "node-1", null))
                .isInstanceOf(ProblemException.class).hasMessageContaining("not a PEM PKCS#10 request");
        assertThatThrownBy(() -> pki.ca.issueAgentCertificate(pki.ca.caCertificatePem(), "node-1", null))
                .isInstanceOf(ProblemException.class).hasMessageContaining("no CERTIFICATE REQUEST");
        assertThatThrownBy(() -> pki.ca.issueAgentCertificate(csr, "Node_1", null))
                .isInstanceOf(ProblemException.class).hasMessageStartingWith("node name 'Node_1' is not valid");
        assertThatThrownBy(() -> pki.ca.issueAgentCertificate(csr, "node-1", Duration.ZERO))
                .isInstanceOf(ProblemException.class).hasMessageContaining("lifetime must be positive");
        assertThatThrownBy(() -> pki.ca.issueAgentCertificate(csr, "node-1", Duration.ofDays(400)))
                .isInstanceOf(ProblemException.class).hasMessageContaining("at most 365 days");
    }

    @Test
    void serverCertificateNamesLoopbackAndTheGivenNames() throws Exception {
        TlsIdentity server = pki.ca.issueServerCertificate(List.of("hub.example"),
                List.of(InetAddress.getByName("10.1.2.3")), Duration.ofDays(2));

        X509Certificate leaf = server.certificate();
        validate(leaf, pki.ca.caCertificate());
        assertThat(server.chain()).containsExactly(leaf, pki.ca.caCertificate());
        assertThat(PeerRole.HUB.holds(leaf)).isTrue();
        assertThat(PeerRole.commonName(leaf)).contains("hub.example");
        assertThat(leaf.getSubjectAlternativeNames().stream().map(n -> (Object) n.get(1)).toList())
                .contains("hub.example", "localhost", "10.1.2.3", "127.0.0.1");
        assertThat(leaf.getExtendedKeyUsage()).contains(SERVER_AUTH);
        assertThat(Certificates.keyMatches(server.key(), leaf)).isTrue();
        assertThat(server.toString()).doesNotContain(Base64.getEncoder().encodeToString(server.key().getEncoded()));
    }

    @Test
    void serverCertificateRefusesNamesThatAreNotHosts() {
        assertThatThrownBy(() -> pki.ca.issueServerCertificate(List.of("bad name"), List.of(), null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a DNS name");
    }

    @Test
    void operatorPemFilesLoadAndMismatchedOnesAreRefused() throws Exception {
        TlsIdentity issued = pki.ca.issueServerCertificate(List.of("api.example"), List.of(), null);
        Path chain = dir.resolve("chain.pem");
        Path key = dir.resolve("key.pem");
        Files.writeString(chain, Pem.encode(issued.chain()), StandardCharsets.US_ASCII);
        Files.writeString(key, Pem.encode(issued.key()), StandardCharsets.US_ASCII);

        assertThat(TlsIdentity.fromPemFiles(chain, key).chain()).isEqualTo(issued.chain());

        Files.writeString(key, Pem.encode(Certificates.newKeyPair().getPrivate()), StandardCharsets.US_ASCII);
        assertThatThrownBy(() -> TlsIdentity.fromPemFiles(chain, key))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not belong to the certificate");
        assertThatThrownBy(() -> TlsIdentity.fromPemFiles(chain, dir.resolve("missing.pem")))
                .hasMessageContaining("cannot read the TLS private key");
    }

    @Test
    void certificatesNeverOutliveTheCa() {
        pki.ca.caCertificate();
        CertificateAuthority late = pki.anotherCa(new MutableClock(clock.instant().plus(Duration.ofDays(3649))));
        String csr = CertificateRequest.create(Certificates.newKeyPair(), "node-1");

        X509Certificate leaf = late.issueAgentCertificate(csr, "node-1", Duration.ofDays(30));

        assertThat(leaf.getNotAfter()).isEqualTo(pki.ca.caCertificate().getNotAfter());
    }

    static void validate(X509Certificate leaf, X509Certificate ca) throws Exception {
        CertificateFactory factory = CertificateFactory.getInstance("X.509");
        PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(ca, null)));
        parameters.setRevocationEnabled(false);
        parameters.setDate(Date.from(Instant.now()));
        CertPathValidator.getInstance("PKIX").validate(factory.generateCertPath(List.of(leaf)), parameters);
    }

    @Test
    void aCertificateOfAnotherInstallDoesNotValidate() throws Exception {
        try (Pki other = new Pki(dir.resolve("other-install"), clock)) {
            X509Certificate foreign = other.ca.issueAgentCertificate(
                    CertificateRequest.create(Certificates.newKeyPair(), "node-1"), "node-1", null);

            assertThatThrownBy(() -> validate(foreign, pki.ca.caCertificate()))
                    .isInstanceOf(CertPathValidatorException.class);
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
