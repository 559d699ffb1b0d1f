package io.mcphub.security.pki;

import io.mcphub.core.Json;
import io.mcphub.store.Store;
import java.math.BigInteger;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import javax.net.ssl.SSLSession;

/**
 * Serials of agent certificates the hub no longer accepts, one store key each, checked on every agent handshake
 * (see {@link TlsContexts#agentListener}) and every agent request (see {@link TlsContexts#nodeName(SSLSession,
 * Revocations)}). Short certificate lifetimes bound how long a stolen key is useful; this closes even that window
 * when an operator removes a node.
 *
 * <p>Checks read a snapshot of the whole set, at most {@link #MAX_SNAPSHOT_AGE} old, so thousands of agents'
 * requests cost one store read a second; a revocation made through this instance counts at once, one made on
 * another hub within that second.
 */
public final class Revocations {

    static final String PREFIX = "/mcphub/pki/revoked/";
    /** Covers clocks of hubs and agents that disagree a little about when a certificate expired. */
    private static final Duration AFTER_EXPIRY = Duration.ofHours(1);

    static final Duration MAX_SNAPSHOT_AGE = Duration.ofSeconds(1);

    private final Store store;
    private final Clock clock;
    private volatile Snapshot snapshot;

    private record Snapshot(Set<String> serials, long loadedAtNanos) {}

    /** @param expiresAt null when the entry is kept for good (the certificate's expiry was not known) */
    public record Revoked(String serial, Instant revokedAt, Instant expiresAt) {}

    public Revocations(Store store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** Revokes a serial for good: without the certificate there is no expiry after which the entry could go. */
    public void revoke(BigInteger serial) {
        store.put(key(serial), Json.bytes(new Revoked(hex(serial), clock.instant(), null)));
        snapshot = null;
    }

    /**
     * Revokes a certificate; the entry lives until shortly after the certificate expires, when validation refuses it
     * anyway, so the set stays as small as the number of live revoked certificates.
     */
    public void revoke(X509Certificate certificate) {
        Instant now = clock.instant();
        Instant expiresAt = certificate.getNotAfter().toInstant().plus(AFTER_EXPIRY);
        Duration left = Duration.between(now, expiresAt);
        byte[] value = Json.bytes(new Revoked(hex(certificate.getSerialNumber()), now, expiresAt));
        long lease = store.grantLease(left.isNegative() || left.isZero() ? AFTER_EXPIRY : left);
        store.put(key(certificate.getSerialNumber()), value, lease);
        snapshot = null;
    }

    public boolean isRevoked(X509Certificate certificate) {
        return isRevoked(certificate.getSerialNumber());
    }

    public boolean isRevoked(BigInteger serial) {
        return serial.signum() > 0 && current().serials().contains(hex(serial));
    }

    /** Every live revocation, newest first. */
    public List<Revoked> list() {
        return store.range(PREFIX).kvs().stream()
                .map(kv -> Json.read(kv.value(), Revoked.class))
                .sorted(Comparator.comparing(Revoked::revokedAt).reversed())
                .toList();
    }

    private Snapshot current() {
        Snapshot s = snapshot;
        return s != null && System.nanoTime() - s.loadedAtNanos() < MAX_SNAPSHOT_AGE.toNanos() ? s : reload();
    }

    private synchronized Snapshot reload() {
        Set<String> serials = store.range(PREFIX).kvs().stream()
                .map(kv -> kv.key().substring(PREFIX.length()))
                .collect(Collectors.toUnmodifiableSet());
        Snapshot s = new Snapshot(serials, System.nanoTime());
        snapshot = s;
        return s;
    }

    /** Lower-case hex, as {@code openssl x509 -serial} prints it (case aside) and operators will paste it. */
    public static String hex(BigInteger serial) {
        return serial.toString(16);
    }

    private static String key(BigInteger serial) {
        if (serial.signum() <= 0) {
            throw new IllegalArgumentException("a certificate serial is a positive number");
        }
        return PREFIX + hex(serial);
    }
}
