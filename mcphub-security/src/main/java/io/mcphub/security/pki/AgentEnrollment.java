package io.mcphub.security.pki;

import io.mcphub.core.error.ProblemException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Map;
import javax.net.ssl.SSLSession;

/**
 * The hub's two certificate routes for agents, in the order that loses nothing on bad input: a join checks the
 * token, then signs the request (a malformed or mismatched request fails here and leaves the token usable), and only
 * then consumes the token, atomically, handing out the certificate only if it won. A renewal names the node the
 * current certificate proves, so an agent can renew only itself.
 */
public final class AgentEnrollment {

    private final CertificateAuthority ca;
    private final JoinTokens tokens;
    private final Revocations revocations;
    private final Duration ttl;

    /** What an agent gets back, and what the hub records about the node. */
    public record Enrolled(String nodeName, Map<String, String> tokenLabels, X509Certificate certificate,
                           String certificatePem, String caCertificatePem) {

        public Enrolled {
            tokenLabels = Map.copyOf(tokenLabels);
        }
    }

    /** @param ttl agent certificate lifetime; null for {@link CertificateAuthority#DEFAULT_AGENT_TTL} */
    public AgentEnrollment(CertificateAuthority ca, JoinTokens tokens, Revocations revocations, Duration ttl) {
        this.ca = ca;
        this.tokens = tokens;
        this.revocations = revocations;
        this.ttl = ttl;
    }

    /**
     * {@code POST /api/v1/nodes/join}: the token is the credential.
     *
     * @throws ProblemException UNAUTHORIZED for a bad token, BAD_REQUEST for a bad name or request
     */
    public Enrolled join(String token, String nodeName, String csrPem) {
        tokens.check(token);
        X509Certificate certificate = ca.issueAgentCertificate(csrPem, nodeName, ttl);
        JoinTokens.JoinToken redeemed = tokens.redeem(token);
        return enrolled(nodeName, redeemed.labels(), certificate);
    }

    /**
     * A renewal over the agent listener: the request's CN must be the node the connection's certificate names.
     *
     * @throws ProblemException UNAUTHORIZED without a live agent certificate, BAD_REQUEST for a bad request
     */
    public Enrolled renew(SSLSession session, String csrPem) {
        String nodeName = TlsContexts.nodeName(session, revocations);
        return enrolled(nodeName, Map.of(), ca.issueAgentCertificate(csrPem, nodeName, ttl));
    }

    private Enrolled enrolled(String nodeName, Map<String, String> labels, X509Certificate certificate) {
        return new Enrolled(nodeName, labels, certificate, Pem.encode(certificate), ca.caCertificatePem());
    }
}
