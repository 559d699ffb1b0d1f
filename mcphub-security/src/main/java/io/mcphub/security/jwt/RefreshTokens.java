package io.mcphub.security.jwt;

import io.mcphub.core.Json;
import io.mcphub.store.Compare;
import io.mcphub.store.KeyValue;
import io.mcphub.store.Op;
import io.mcphub.store.Store;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Opaque, one-time refresh tokens. The store keeps only a SHA-256 of each (a store dump lets nobody log in), under
 * a lease that lets the store forget it once it has expired. Redeeming deletes the record by compare-and-swap, so of
 * two concurrent redeems exactly one wins: a stolen token raced against its owner gains one pair at most, and the
 * owner's next refresh fails, which is the signal to log in again.
 */
public final class RefreshTokens {

    public static final Duration DEFAULT_TTL = Duration.ofDays(7);
    static final String PREFIX = "/mcphub/auth/refresh/";
    private static final String TOKEN_PREFIX = "mcphub_rt_";
    private static final Pattern FORMAT = Pattern.compile(Pattern.quote(TOKEN_PREFIX) + "[A-Za-z0-9_-]{43}");
    /** The lease outlives the token a little, so the store never drops a record the clock still calls valid. */
    private static final Duration LEASE_MARGIN = Duration.ofHours(1);

    private final Store store;
    private final Clock clock;
    private final Duration ttl;
    private final SecureRandom random = new SecureRandom();

    public RefreshTokens(Store store, Clock clock) {
        this(store, clock, DEFAULT_TTL);
    }

    public RefreshTokens(Store store, Clock clock, Duration ttl) {
        this.store = store;
        this.clock = clock;
        this.ttl = ttl;
    }

    public record Issued(String token, Instant expiresAt) {}

    /** Whom a redeemed token was issued to, and when: a session older than a password change should not continue. */
    public record Redeemed(String subject, Instant issuedAt) {}

    record Stored(String subject, Instant issuedAt, Instant expiresAt) {}

    public Duration ttl() {
        return ttl;
    }

    public Issued issue(String subject) {
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        String token = TOKEN_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        Instant now = clock.instant();
        Stored stored = new Stored(subject, now, now.plus(ttl));
        long lease = store.grantLease(ttl.plus(LEASE_MARGIN));
        store.put(key(token), Json.bytes(stored), lease);
        return new Issued(token, stored.expiresAt());
    }

    /** Spends the token: the subject if it was known and unexpired and this call was the one that consumed it. */
    public Optional<Redeemed> redeem(String token) {
        if (token == null || !FORMAT.matcher(token).matches()) {
            return Optional.empty();
        }
        String key = key(token);
        Optional<KeyValue> kv = store.get(key);
        if (kv.isEmpty()) {
            return Optional.empty();
        }
        boolean consumed = store.txn(List.of(Compare.modRevision(key, kv.get().modRevision())), List.of(Op.delete(key)))
                .succeeded();
        Stored stored = Json.read(kv.get().value(), Stored.class);
        if (!consumed || !clock.instant().isBefore(stored.expiresAt())) {
            return Optional.empty();
        }
        return Optional.of(new Redeemed(stored.subject(), stored.issuedAt()));
    }

    /** Ends every session of {@code subject} (logout everywhere, user deleted); returns how many were revoked. */
    public int revokeAll(String subject) {
        int revoked = 0;
        for (KeyValue kv : store.range(PREFIX).kvs()) {
            if (subject.equals(Json.read(kv.value(), Stored.class).subject())
                    && store.txn(List.of(Compare.modRevision(kv.key(), kv.modRevision())), List.of(Op.delete(kv.key()))).succeeded()) {
                revoked++;
            }
        }
        return revoked;
    }

    private static String key(String token) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII));
            return PREFIX + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is unavailable in this JDK", e);
        }
    }
}
