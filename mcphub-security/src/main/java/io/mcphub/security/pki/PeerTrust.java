package io.mcphub.security.pki;

import java.io.IOException;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.function.Predicate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Trusts peers whose chain validates up to one CA and nothing else (not the JDK's public roots), whose certificate
 * carries the expected {@link PeerRole}, and whose serial is not revoked. Validation itself (signatures, validity
 * period, key usage, host names when the caller asks for them) stays with the JDK's PKIX trust manager.
 *
 * <p>With an expected node name the peer is identified by its certificate's CN instead of the host name in the URL:
 * the hub reaches agents at whatever address they report, which their certificates cannot name.
 */
final class PeerTrust extends X509ExtendedTrustManager {

    private final X509ExtendedTrustManager pkix;
    private final X509Certificate ca;
    private final PeerRole role;
    private final Predicate<X509Certificate> revoked;
    private final String expectedName;

    PeerTrust(X509Certificate ca, PeerRole role, Predicate<X509Certificate> revoked) {
        this(ca, role, revoked, null);
    }

    /** @param expectedName the CN the peer must have, checked instead of the host name; null to check the host name */
    PeerTrust(X509Certificate ca, PeerRole role, Predicate<X509Certificate> revoked, String expectedName) {
        this.pkix = pkixTrusting(ca);
        this.ca = ca;
        this.role = role;
        this.revoked = revoked;
        this.expectedName = expectedName;
    }

    static X509ExtendedTrustManager pkixTrusting(X509Certificate ca) {
        try {
            KeyStore anchors = KeyStore.getInstance(KeyStore.getDefaultType());
            anchors.load(null, null);
            anchors.setCertificateEntry("ca", ca);
            TrustManagerFactory factory = TrustManagerFactory.getInstance("PKIX");
            factory.init(anchors);
            return only(factory.getTrustManagers());
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot build a trust manager for " + ca.getSubjectX500Principal(), e);
        }
    }

    static X509ExtendedTrustManager only(TrustManager[] managers) {
        for (TrustManager m : managers) {
            if (m instanceof X509ExtendedTrustManager x) {
                return x;
            }
        }
        throw new IllegalStateException("the JDK offers no X.509 trust manager");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        pkix.checkClientTrusted(chain, authType);
        admit(chain);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        pkix.checkClientTrusted(chain, authType, socket);
        admit(chain);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        pkix.checkClientTrusted(chain, authType, engine);
        admit(chain);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        pkix.checkServerTrusted(chain, authType);
        admit(chain);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        if (expectedName == null) {
            pkix.checkServerTrusted(chain, authType, socket);
        } else {
            pkix.checkServerTrusted(chain, authType);
        }
        admit(chain);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        if (expectedName == null) {
            pkix.checkServerTrusted(chain, authType, engine);
        } else {
            pkix.checkServerTrusted(chain, authType);
        }
        admit(chain);
    }

    /** The CA only: a client asked for a certificate then offers the one this CA issued. */
    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[] {ca};
    }

    private void admit(X509Certificate[] chain) throws CertificateException {
        X509Certificate leaf = chain[0];
        if (!role.holds(leaf)) {
            throw new CertificateException("the peer's certificate is not an MCP Hub " + role.name().toLowerCase()
                    + " certificate");
        }
        if (expectedName != null && !PeerRole.commonName(leaf).filter(expectedName::equals).isPresent()) {
            throw new CertificateException("the peer is not node '" + expectedName + "'");
        }
        if (revoked.test(leaf)) {
            throw new CertificateException("the peer's certificate (serial " + leaf.getSerialNumber().toString(16)
                    + ") has been revoked");
        }
    }
}
