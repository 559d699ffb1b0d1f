package io.mcphub.security.pki;

import io.mcphub.core.error.ProblemException;
import io.mcphub.core.error.ProblemType;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

/**
 * The SSLContexts of the hub's listeners and clients. An SSLContext cannot itself demand client certificates; a
 * listener built on {@link #agentListener} must also apply {@link #requireClientCertificate} (or its server's own
 * "need client auth" and "TLSv1.3 only" switches), and every request must still be bound to
 * {@link #nodeName(SSLSession, Revocations)}, which fails for a connection without a live agent certificate.
 */
public final class TlsContexts {

    static final String TLS_13 = "TLSv1.3";
    /** Above the JDK's 7-day maximum ticket lifetime (see {@link #withoutResumption}). */
    private static final int NO_TICKETS_TIMEOUT_SECONDS = (int) Duration.ofDays(8).toSeconds();

    private TlsContexts() {}

    /**
     * The hub's mutual-TLS listener for agents: presents {@code hub}, accepts only agent certificates of this
     * install's CA that are not revoked. Every handshake is a full one (see {@link #withoutResumption}), so a
     * revocation bars the agent's next connection; {@link #nodeName(SSLSession, Revocations)} bars its next request.
     */
    public static SSLContext agentListener(TlsIdentity hub, CertificateAuthority ca, Revocations revocations) {
        return agentListener(RenewingIdentity.fixed(hub), ca, revocations);
    }

    public static SSLContext agentListener(RenewingIdentity hub, CertificateAuthority ca, Revocations revocations) {
        return withoutResumption(context(hub.keyManager(),
                new PeerTrust(ca.caCertificate(), PeerRole.AGENT, revocations::isRevoked)));
    }

    /**
     * Parameters that make a server socket, engine or {@code HttpsServer} refuse clients without a certificate, and
     * speak TLS 1.3 only: both ends are ours, and only 1.3 lets {@link #agentListener} rule out session resumption.
     */
    public static SSLParameters requireClientCertificate(SSLContext context) {
        SSLParameters parameters = context.getDefaultSSLParameters();
        parameters.setNeedClientAuth(true);
        parameters.setProtocols(new String[] {TLS_13});
        return parameters;
    }

    /**
     * A listener without client certificates, for the public API and gateway: {@code identity} is either issued by
     * {@link CertificateAuthority#issueServerCertificate} or read with {@link TlsIdentity#fromPemFiles}.
     */
    public static SSLContext server(TlsIdentity identity) {
        return server(RenewingIdentity.fixed(identity));
    }

    public static SSLContext server(RenewingIdentity identity) {
        return context(identity.keyManager(), null);
    }

    /**
     * The hub as a client of one agent's bridge: presents the hub's certificate and accepts only that node's live
     * agent certificate. The node is identified by name, not by the host in the URL, since agents are reached at
     * addresses their certificates do not carry.
     */
    public static SSLContext hubClient(TlsIdentity hub, CertificateAuthority ca, Revocations revocations, String nodeName) {
        return hubClient(RenewingIdentity.fixed(hub), ca, revocations, nodeName);
    }

    public static SSLContext hubClient(RenewingIdentity hub, CertificateAuthority ca, Revocations revocations, String nodeName) {
        return context(hub.keyManager(),
                new PeerTrust(ca.caCertificate(), PeerRole.AGENT, revocations::isRevoked, nodeName));
    }

    /**
     * An agent's first contact, before it has a certificate or knows the CA: trusts a hub whose chain holds the CA
     * pinned in the join token, or else one the JDK's public roots trust (a hub whose public API presents an
     * operator's certificate). Either way the token never goes to an impostor.
     */
    public static SSLContext joinClient(String caPin) {
        return context(null, new PinnedTrust(caPin, defaultTrust()));
    }

    /** An agent's mutual-TLS context, towards the hub and for its bridge: trusts only hub certificates of {@code ca}. */
    static SSLContext agent(IdentityKeyManager identity, X509Certificate ca) {
        return withoutResumption(context(identity, new PeerTrust(ca, PeerRole.HUB, c -> false)));
    }

    /**
     * The node a request on the agent listener comes from: the CN of the agent certificate its handshake proved,
     * checked again for expiry and revocation, since one connection carries many requests over hours.
     *
     * @throws ProblemException UNAUTHORIZED if the connection has no live agent certificate
     */
    public static String nodeName(SSLSession session, Revocations revocations) {
        try {
            return nodeName(session.getPeerCertificates(), revocations);
        } catch (SSLPeerUnverifiedException e) {
            throw unauthorized("this connection presented no agent certificate");
        }
    }

    /**
     * As {@link #nodeName(SSLSession, Revocations)}, for servers that hand over the peer chain instead of the session
     * (a servlet's {@code jakarta.servlet.request.X509Certificate} attribute). Only for chains {@link #agentListener}
     * validated: this checks the chain's leaf, not its signatures.
     */
    public static String nodeName(Certificate[] peerChain, Revocations revocations) {
        if (peerChain == null || peerChain.length == 0 || !(peerChain[0] instanceof X509Certificate leaf)
                || !PeerRole.AGENT.holds(leaf)) {
            throw unauthorized("this connection presented no agent certificate");
        }
        try {
            leaf.checkValidity();
        } catch (CertificateException e) {
            throw unauthorized("this agent's certificate expired at " + leaf.getNotAfter().toInstant());
        }
        if (revocations.isRevoked(leaf)) {
            throw new ProblemException(ProblemType.UNAUTHORIZED, "this agent's certificate has been revoked; "
                    + "if the node should still belong to the hub, join it again with a new join token");
        }
        return PeerRole.commonName(leaf).orElseThrow(() -> unauthorized("this agent's certificate names no node"));
    }

    private static ProblemException unauthorized(String what) {
        return new ProblemException(ProblemType.UNAUTHORIZED, what + "; a node gets a certificate by joining with "
                + "'mcphub agent --hub URL --join-token TOKEN' and keeps it by renewing before it expires");
    }

    /**
     * A resumed session skips certificate validation, which would let a revoked or since-expired certificate back in.
     * The JDK issues no TLS 1.3 session tickets when the session timeout exceeds the 7-day ticket limit, so a timeout
     * beyond it turns resumption off; TLS 1.2 (which resumes by session id) is excluded by
     * {@link #requireClientCertificate}. Requests are checked again in {@link #nodeName(SSLSession, Revocations)}
     * in any case.
     */
    private static SSLContext withoutResumption(SSLContext context) {
        context.getServerSessionContext().setSessionTimeout(NO_TICKETS_TIMEOUT_SECONDS);
        return context;
    }

    static TrustManager defaultTrust() {
        try {
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init((KeyStore) null);
            return PeerTrust.only(factory.getTrustManagers());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK's default trust store cannot be loaded", e);
        }
    }

    private static SSLContext context(KeyManager keys, TrustManager trust) {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys == null ? null : new KeyManager[] {keys},
                    trust == null ? null : new TrustManager[] {trust}, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK cannot create a TLS context", e);
        }
    }
}
