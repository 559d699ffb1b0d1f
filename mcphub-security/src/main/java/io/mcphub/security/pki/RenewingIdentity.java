package io.mcphub.security.pki;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * A server's certificate that is replaced before it expires, without a restart: every TLS context built on it
 * presents the current one to each new handshake (connections already open keep theirs). A hub runs for months; the
 * certificates its CA issues itself last 30 days.
 */
public final class RenewingIdentity {

    private final Supplier<TlsIdentity> issuer;
    private final IdentityKeyManager keys;
    private volatile TlsIdentity current;

    private RenewingIdentity(TlsIdentity first, Supplier<TlsIdentity> issuer) {
        this.issuer = issuer;
        this.current = first;
        this.keys = new IdentityKeyManager(first);
    }

    /** One certificate for good (tests, or an identity nothing can renew). */
    public static RenewingIdentity fixed(TlsIdentity identity) {
        return new RenewingIdentity(identity, null);
    }

    /** The certificate {@code issuer} gives now, and a new one from it whenever renewal is due. */
    public static RenewingIdentity issuedBy(Supplier<TlsIdentity> issuer) {
        return new RenewingIdentity(issuer.get(), issuer);
    }

    public TlsIdentity current() {
        return current;
    }

    /** Less than a third of the current certificate's validity is left: time for a new one (as cert-manager does). */
    public boolean due(Instant now) {
        X509Certificate cert = current.certificate();
        Instant from = cert.getNotBefore().toInstant();
        Instant to = cert.getNotAfter().toInstant();
        return Duration.between(now, to).compareTo(Duration.between(from, to).dividedBy(3)) < 0;
    }

    /** When to look again: a third of what is left before renewal is due, between a minute and an hour. */
    public Duration nextCheck(Instant now) {
        X509Certificate cert = current.certificate();
        Duration life = Duration.between(cert.getNotBefore().toInstant(), cert.getNotAfter().toInstant());
        Duration untilDue = Duration.between(now, cert.getNotAfter().toInstant()).minus(life.dividedBy(3));
        Duration wait = untilDue.isNegative() ? Duration.ZERO : untilDue.dividedBy(3);
        return wait.compareTo(Duration.ofMinutes(1)) < 0 ? Duration.ofMinutes(1)
                : wait.compareTo(Duration.ofHours(1)) > 0 ? Duration.ofHours(1) : wait;
    }

    /** Takes a new certificate if renewal is due and this identity can be renewed; true when it did. */
    public synchronized boolean renewIfDue(Instant now) {
        if (issuer == null || !due(now)) {
            return false;
        }
        TlsIdentity next = issuer.get();
        keys.set(next);
        current = next;
        return true;
    }

    IdentityKeyManager keyManager() {
        return keys;
    }
}
