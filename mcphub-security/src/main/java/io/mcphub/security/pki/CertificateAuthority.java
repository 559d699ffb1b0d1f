package io.mcphub.security.pki;

import io.mcphub.core.Json;
import io.mcphub.core.error.ProblemException;
import io.mcphub.core.error.ProblemType;
import io.mcphub.security.crypto.EnvelopeCipher;
import io.mcphub.store.KeyValue;
import io.mcphub.store.Store;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.KeyPair;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;

/**
 * The install's internal CA, generated on first use (never shipped: a built-in CA key would let anyone mint agents).
 * The certificate is stored in clear and the private key sealed under the master key, in one document created by
 * compare-and-swap, so hubs racing on one etcd end up sharing one CA. The CA never rotates in place; it is loaded
 * once and cached.
 *
 * <p>Agents get their certificates here twice over: on joining (with a one-time {@link JoinTokens join token}) and
 * on every renewal, which the hub accepts over mutual TLS for the node name the current certificate carries.
 */
public final class CertificateAuthority {

    static final String KEY = "/mcphub/pki/ca";
    public static final Duration DEFAULT_AGENT_TTL = Duration.ofHours(24);
    public static final Duration DEFAULT_SERVER_TTL = Duration.ofDays(30);
    static final Duration MAX_TTL = Duration.ofDays(365);
    static final Duration CA_VALIDITY = Duration.ofDays(3650);
    /** A node whose clock runs a little behind must not see its fresh certificate as "not yet valid". */
    static final Duration BACKDATE = Duration.ofMinutes(5);

    private static final List<InetAddress> LOOPBACKS = loopbacks();

    private final Store store;
    private final EnvelopeCipher cipher;
    private final Clock clock;
    private volatile Loaded loaded;

    /** As stored; {@code sealedKey} is the PKCS#8 PEM sealed with the document key and install id as context. */
    record Stored(String installId, String certificatePem, String sealedKey, Instant createdAt) {}

    private record Loaded(String installId, Certificates.Issuer issuer, String certificatePem, String pin) {}

    public CertificateAuthority(Store store, EnvelopeCipher cipher, Clock clock) {
        this.store = store;
        this.cipher = cipher;
        this.clock = clock;
    }

    /** Random per install; names the CA, so certificates of two installs are told apart at a glance. */
    public String installId() {
        return loaded().installId();
    }

    public X509Certificate caCertificate() {
        return issuer().certificate();
    }

    public String caCertificatePem() {
        return loaded().certificatePem();
    }

    /** SHA-256 of the CA certificate, base64url; join tokens carry it so agents can authenticate their first contact. */
    public String caPin() {
        return loaded().pin();
    }

    /**
     * Signs an agent's certificate request for {@code nodeName}, refusing a request whose signature does not verify
     * or whose CN is another name. Only the request's public key is used: subject, names and usages are the CA's
     * choice, so a request cannot ask for more than an agent is.
     *
     * @param ttl null for {@link #DEFAULT_AGENT_TTL}
     */
    public X509Certificate issueAgentCertificate(String csrPem, String nodeName, Duration ttl) {
        NodeNames.check(nodeName);
        CertificateRequest request = CertificateRequest.parse(csrPem);
        if (!request.commonName().equals(nodeName)) {
            throw new ProblemException(ProblemType.BAD_REQUEST, "the certificate request is for '"
                    + NodeNames.shown(request.commonName()) + "' but the node is '" + nodeName
                    + "'; make the request's CN the node name");
        }
        GeneralNames names = new GeneralNames(new GeneralName(GeneralName.dNSName, nodeName));
        // serverAuth as well: the agent also serves the stdio bridge the gateway connects to.
        return issue(PeerRole.AGENT.subject(nodeName, installId()), request.publicKey(), ttl, DEFAULT_AGENT_TTL, names);
    }

    /**
     * A key pair and certificate for one of the hub's own TLS listeners. The names always include localhost,
     * 127.0.0.1 and ::1, so tools on the hub's machine can connect without knowing its public name. The certificate
     * also allows client use, for the hub's connections to agents' bridges.
     *
     * @param ttl null for {@link #DEFAULT_SERVER_TTL}; the hub must obtain a new one before it runs out
     */
    public TlsIdentity issueServerCertificate(List<String> dnsNames, List<InetAddress> ips, Duration ttl) {
        Set<String> dns = new LinkedHashSet<>();
        for (String name : dnsNames) {
            NodeNames.checkHost(name);
            dns.add(name);
        }
        dns.add("localhost");
        Set<InetAddress> addresses = new LinkedHashSet<>(ips);
        addresses.addAll(LOOPBACKS);
        List<GeneralName> names = new ArrayList<>();
        dns.forEach(d -> names.add(new GeneralName(GeneralName.dNSName, d)));
        addresses.forEach(a -> names.add(new GeneralName(GeneralName.iPAddress,
                new DEROctetString(a.getAddress()))));
        KeyPair keys = Certificates.newKeyPair();
        X500Name subject = PeerRole.HUB.subject(dns.iterator().next(), installId());
        X509Certificate leaf = issue(subject, keys.getPublic(), ttl, DEFAULT_SERVER_TTL,
                new GeneralNames(names.toArray(GeneralName[]::new)));
        return new TlsIdentity(keys.getPrivate(), List.of(leaf, caCertificate()));
    }

    private X509Certificate issue(X500Name subject, PublicKey publicKey, Duration ttl, Duration defaultTtl,
                                  GeneralNames names) {
        Duration lifetime = ttl == null ? defaultTtl : ttl;
        if (lifetime.isNegative() || lifetime.isZero() || lifetime.compareTo(MAX_TTL) > 0) {
            throw new ProblemException(ProblemType.BAD_REQUEST, "a certificate lifetime must be positive and at most "
                    + MAX_TTL.toDays() + " days, not " + lifetime);
        }
        Certificates.Issuer issuer = issuer();
        Instant now = clock.instant();
        Instant caEnd = issuer.certificate().getNotAfter().toInstant();
        Instant notAfter = now.plus(lifetime).isAfter(caEnd) ? caEnd : now.plus(lifetime);
        return Certificates.leaf(issuer, subject, publicKey, now.minus(BACKDATE), notAfter, names,
                KeyPurposeId.id_kp_clientAuth, KeyPurposeId.id_kp_serverAuth);
    }

    Certificates.Issuer issuer() {
        return loaded().issuer();
    }

    private Loaded loaded() {
        Loaded l = loaded;
        return l != null ? l : load();
    }

    private synchronized Loaded load() {
        if (loaded == null) {
            // Losing the creation race to another hub is fine: its CA is as good as ours, and all use the winner's.
            KeyValue kv = store.getOrCreate(KEY, this::createFirst);
            loaded = open(Json.read(kv.value(), Stored.class));
        }
        return loaded;
    }

    private byte[] createFirst() {
        byte[] idBytes = new byte[8];
        new SecureRandom().nextBytes(idBytes);
        String installId = HexFormat.of().formatHex(idBytes);
        KeyPair keys = Certificates.newKeyPair();
        Instant now = clock.instant();
        X500Name subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, "MCP Hub CA " + installId).build();
        X509Certificate certificate = Certificates.selfSignedCa(keys, subject, now.minus(BACKDATE), now.plus(CA_VALIDITY));
        Stored stored = new Stored(installId, Pem.encode(certificate),
                cipher.seal(Pem.encode(keys.getPrivate()), context(installId)), now);
        return Json.bytes(stored);
    }

    private Loaded open(Stored stored) {
        X509Certificate certificate = Pem.certificate(stored.certificatePem());
        Certificates.Issuer issuer = new Certificates.Issuer(
                Pem.privateKey(cipher.open(stored.sealedKey(), context(stored.installId()))), certificate);
        if (!Certificates.keyMatches(issuer.key(), certificate)) {
            throw new IllegalStateException("the CA key in the store does not match the CA certificate; restore "
                    + KEY + " from a backup");
        }
        return new Loaded(stored.installId(), issuer, stored.certificatePem(), Certificates.pin(certificate));
    }

    private static String context(String installId) {
        return KEY + "#" + installId;
    }

    private static List<InetAddress> loopbacks() {
        try {
            return List.of(InetAddress.getByName("127.0.0.1"), InetAddress.getByName("::1"));
        } catch (UnknownHostException e) {
            throw new IllegalStateException("literal loopback addresses do not parse", e);
        }
    }
}
