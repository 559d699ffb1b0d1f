/**
 * The install's internal PKI, behind mutual TLS between the hub and its agents.
 *
 * <ul>
 *   <li>{@link io.mcphub.security.pki.CertificateAuthority} — the per-install CA (key sealed in the store), issuing
 *       short-lived agent certificates from CSRs, on join and on renewal, and the hub's own server certificates;</li>
 *   <li>{@link io.mcphub.security.pki.JoinTokens} — one-time, expiring tokens that admit a new agent; they carry the
 *       CA's pin so the agent can authenticate the hub before sending anything;</li>
 *   <li>{@link io.mcphub.security.pki.Revocations} — serials the hub refuses on every agent handshake;</li>
 *   <li>{@link io.mcphub.security.pki.AgentIdentity} — the agent's key, certificate and CA in its data directory;</li>
 *   <li>{@link io.mcphub.security.pki.TlsContexts} — the SSLContexts of both sides, and the node name a connection
 *       proved.</li>
 * </ul>
 *
 * Agent certificates are CN=node, OU=agent; the hub's are OU=hub. Each side accepts only the other role, so an agent
 * cannot pose as the hub however it names itself.
 */
package io.mcphub.security.pki;
