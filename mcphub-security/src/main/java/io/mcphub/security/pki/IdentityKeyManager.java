package io.mcphub.security.pki;

import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * Presents exactly one identity, which can be replaced while listeners run, so a renewed certificate takes effect
 * on the next handshake without rebuilding the SSLContext (and restarting the agent's bridge). Each identity gets a
 * fresh alias and the previous one stays resolvable, so a handshake that chose its alias just before a swap still
 * gets a matching key and chain.
 */
final class IdentityKeyManager extends X509ExtendedKeyManager {

    private record Entry(String alias, TlsIdentity identity) {}

    private static final AtomicLong GENERATION = new AtomicLong();
    private volatile Entry current;
    private volatile Entry previous;

    IdentityKeyManager(TlsIdentity identity) {
        set(identity);
    }

    synchronized void set(TlsIdentity identity) {
        previous = current;
        current = new Entry("identity-" + GENERATION.incrementAndGet(), identity);
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
        return matches(keyType) ? new String[] {current.alias()} : null;
    }

    @Override
    public String chooseClientAlias(String[] keyTypes, Principal[] issuers, Socket socket) {
        return Arrays.stream(keyTypes).anyMatch(this::matches) ? current.alias() : null;
    }

    @Override
    public String chooseEngineClientAlias(String[] keyTypes, Principal[] issuers, SSLEngine engine) {
        return chooseClientAlias(keyTypes, issuers, (Socket) null);
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
        return getClientAliases(keyType, issuers);
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
        return matches(keyType) ? current.alias() : null;
    }

    @Override
    public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
        return chooseServerAlias(keyType, issuers, null);
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
        Entry e = find(alias);
        return e == null ? null : e.identity().chain().toArray(X509Certificate[]::new);
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
        Entry e = find(alias);
        return e == null ? null : e.identity().key();
    }

    /** JSSE asks by key type ("EC", or "EC_EC" style for TLS 1.2 suites); our key serves its own algorithm only. */
    private boolean matches(String keyType) {
        String algorithm = current.identity().key().getAlgorithm();
        return keyType != null && (keyType.equals(algorithm) || keyType.startsWith(algorithm + "_"));
    }

    private Entry find(String alias) {
        Entry c = current;
        Entry p = previous;
        if (c.alias().equals(alias)) {
            return c;
        }
        return p != null && p.alias().equals(alias) ? p : null;
    }
}
