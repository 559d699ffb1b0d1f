package io.mcphub.security.pki;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Server trust for an agent that has only its join token: a chain holding the pinned CA is validated against that
 * CA (and must be a hub certificate); any other chain must satisfy the fallback, normally the JDK's public roots.
 */
final class PinnedTrust extends X509ExtendedTrustManager {

    private final String pin;
    private final X509ExtendedTrustManager fallback;

    PinnedTrust(String pin, TrustManager fallback) {
        this.pin = pin;
        this.fallback = (X509ExtendedTrustManager) fallback;
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        judge(chain).checkServerTrusted(chain, authType);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        judge(chain).checkServerTrusted(chain, authType, socket);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        judge(chain).checkServerTrusted(chain, authType, engine);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw notAServer();
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        throw notAServer();
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        throw notAServer();
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
    }

    private X509ExtendedTrustManager judge(X509Certificate[] chain) {
        return Arrays.stream(chain)
                .filter(c -> Certificates.pin(c).equals(pin))
                .findFirst()
                .<X509ExtendedTrustManager>map(ca -> new PeerTrust(ca, PeerRole.HUB, c -> false))
                .orElse(fallback);
    }

    private static CertificateException notAServer() {
        return new CertificateException("a joining agent's context is for outgoing connections only");
    }
}
