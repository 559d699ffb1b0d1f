package io.mcphub.security.pki;

import io.mcphub.security.files.OwnerOnlyFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLContext;

/**
 * An agent's side of the PKI, kept in {@code DATA_DIR/pki}: its own key pair (made here, never sent anywhere), the
 * certificate the hub issued for it and the hub's CA. Joining and renewing both go through
 * {@link #certificateRequest}; the key is kept across renewals, since a renewal already requires the current
 * certificate and key, so a fresh key would not shut out anyone who had stolen them.
 *
 * <p>{@link #sslContext()} always presents the latest installed certificate, so listeners built on it (the agent's
 * bridge) pick up a renewal on their next handshake.
 */
public final class AgentIdentity {

    static final String DIR = "pki";
    static final String KEY_FILE = "agent.key";
    static final String CERT_FILE = "agent.crt";
    static final String CA_FILE = "ca.crt";

    private final Path dir;
    private final Clock clock;
    private final KeyPair keys;
    private volatile Installed installed;
    private IdentityKeyManager keyManager;
    private SSLContext context;

    private record Installed(X509Certificate certificate, X509Certificate ca) {}

    private AgentIdentity(Path dir, Clock clock, KeyPair keys, Installed installed) {
        this.dir = dir;
        this.clock = clock;
        this.keys = keys;
        this.installed = installed;
    }

    /** Opens {@code dataDir/pki}, making the agent's key pair on first use. */
    public static AgentIdentity open(Path dataDir, Clock clock) {
        Path dir = dataDir.resolve(DIR);
        try {
            KeyPair keys = loadOrCreateKey(dir.resolve(KEY_FILE));
            Installed installed = null;
            if (Files.exists(dir.resolve(CERT_FILE)) && Files.exists(dir.resolve(CA_FILE))) {
                installed = new Installed(Pem.certificate(read(dir.resolve(CERT_FILE))),
                        Pem.certificate(read(dir.resolve(CA_FILE))));
                if (!Certificates.keyMatches(keys.getPrivate(), installed.certificate())) {
                    throw new IllegalStateException(dir.resolve(CERT_FILE) + " does not belong to " + dir.resolve(KEY_FILE)
                            + "; delete " + dir + " and join the node again with a new join token");
                }
            }
            return new AgentIdentity(dir, clock, keys, installed);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the agent's keys in " + dir
                    + "; check that the data directory is writable by this user", e);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("the agent's key or certificates in " + dir + " are damaged (" + e.getMessage()
                    + "); delete " + dir + " and join the node again with a new join token", e);
        }
    }

    /** A PEM PKCS#10 request for CN={@code nodeName}, signed by this agent's key: what join and renewal send. */
    public String certificateRequest(String nodeName) {
        return CertificateRequest.create(keys, nodeName);
    }

    /**
     * Installs the answer to a join: the certificate must be for this agent's key and chain to a CA whose pin
     * (from the join token, see {@link JoinTokens#caPin}) matches, so a hub impostor cannot plant its own CA.
     */
    public synchronized void installJoined(String certificatePem, String caCertificatePem, String expectedCaPin) {
        X509Certificate ca = Pem.certificate(caCertificatePem);
        if (!Certificates.pin(ca).equals(expectedCaPin)) {
            throw new IllegalArgumentException("the hub answered with a CA that does not match the join token; "
                    + "check that --hub points at the hub that created the token");
        }
        install(Pem.certificate(certificatePem), ca);
    }

    /** Installs a renewed certificate, which must come from the CA this agent already trusts. */
    public synchronized void installRenewed(String certificatePem) {
        install(Pem.certificate(certificatePem), current().ca());
    }

    public boolean joined() {
        return installed != null;
    }

    /** The name the hub knows this node by, once joined. */
    public Optional<String> nodeName() {
        Installed i = installed;
        return i == null ? Optional.empty() : PeerRole.commonName(i.certificate());
    }

    public X509Certificate certificate() {
        return current().certificate();
    }

    public X509Certificate caCertificate() {
        return current().ca();
    }

    /** Two thirds into the certificate's lifetime: late enough to renew rarely, early enough to survive a hub outage. */
    public Instant renewAt() {
        X509Certificate c = certificate();
        Instant from = c.getNotBefore().toInstant();
        Duration lifetime = Duration.between(from, c.getNotAfter().toInstant());
        return from.plus(lifetime.multipliedBy(2).dividedBy(3));
    }

    public boolean renewalDue() {
        return !clock.instant().isBefore(renewAt());
    }

    /**
     * Mutual TLS towards the hub and for the agent's bridge listener: presents the agent's certificate and trusts
     * only hub certificates of the hub's CA (never the JDK's public roots). A listener must still demand client
     * certificates itself, e.g. with {@link TlsContexts#requireClientCertificate}.
     */
    public synchronized SSLContext sslContext() {
        if (context == null) {
            keyManager = new IdentityKeyManager(tlsIdentity());
            context = TlsContexts.agent(keyManager, caCertificate());
        }
        return context;
    }

    TlsIdentity tlsIdentity() {
        Installed i = current();
        return new TlsIdentity(keys.getPrivate(), List.of(i.certificate(), i.ca()));
    }

    private void install(X509Certificate certificate, X509Certificate ca) {
        check(certificate, ca);
        Installed previous = installed;
        try {
            OwnerOnlyFile.write(dir.resolve(CA_FILE), Pem.encode(ca));
            OwnerOnlyFile.write(dir.resolve(CERT_FILE), Pem.encode(certificate));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the agent's certificate into " + dir, e);
        }
        installed = new Installed(certificate, ca);
        if (previous != null && !previous.ca().equals(ca)) {
            context = null; // trust changes with the CA; contexts handed out before keep the old one
        } else if (keyManager != null) {
            keyManager.set(tlsIdentity());
        }
    }

    private void check(X509Certificate certificate, X509Certificate ca) {
        if (!Certificates.keyMatches(keys.getPrivate(), certificate)) {
            throw new IllegalArgumentException("the hub issued a certificate for another key than this agent's");
        }
        try {
            certificate.verify(ca.getPublicKey());
            certificate.checkValidity(Date.from(clock.instant()));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("the hub's certificate for this agent is not valid under its CA ("
                    + e.getMessage() + ")", e);
        }
        if (!PeerRole.AGENT.holds(certificate)) {
            throw new IllegalArgumentException("the hub issued a certificate that is not an agent certificate");
        }
    }

    private Installed current() {
        Installed i = installed;
        if (i == null) {
            throw new IllegalStateException("this agent has not joined a hub yet; "
                    + "run 'mcphub agent --hub URL --join-token TOKEN'");
        }
        return i;
    }

    private static KeyPair loadOrCreateKey(Path file) throws IOException {
        if (!Files.exists(file)) {
            KeyPair fresh = Certificates.newKeyPair();
            OwnerOnlyFile.write(file, Pem.encode(fresh.getPrivate()) + Pem.encode(fresh.getPublic()));
            return fresh;
        }
        String pem = read(file);
        KeyPair keys = new KeyPair(Pem.publicKey(pem), Pem.privateKey(pem));
        if (!Certificates.keyMatches(keys.getPrivate(), keys.getPublic())) {
            throw new IllegalArgumentException("the public and private key in " + file + " do not belong together");
        }
        return keys;
    }

    private static String read(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.US_ASCII);
    }
}
