package io.mcphub.security.pki;

import io.mcphub.core.Json;
import io.mcphub.core.error.ProblemException;
import io.mcphub.core.error.ProblemType;
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
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One-time tokens that let a new agent obtain its first certificate. The text is
 * {@code mcphub_join_ID_SECRET_CAPIN}: the id finds the record, only a SHA-256 of the secret is stored (a store dump
 * joins nothing), and CAPIN is the SHA-256 of the CA certificate, so the agent can authenticate the hub on first
 * contact instead of handing its token to whoever answers (the idea of kubeadm's CA cert hash, folded into the one
 * value an operator copies).
 *
 * <p>Each record sits on a store lease that outlives its expiry by {@link #KEPT_AFTER_EXPIRY}: late agents hear
 * "expired" rather than "never existed", and the store forgets the record by itself afterwards. Redeeming deletes the
 * record by compare-and-swap, so of two agents racing with one token exactly one joins.
 */
public final class JoinTokens {

    static final String PREFIX = "/mcphub/pki/join/";
    public static final Duration DEFAULT_TTL = Duration.ofHours(1);
    static final Duration MAX_TTL = Duration.ofDays(7);
    static final Duration KEPT_AFTER_EXPIRY = Duration.ofHours(24);
    private static final Pattern FORMAT =
            Pattern.compile("mcphub_join_([0-9a-f]{16})_([A-Za-z0-9_-]{43})_([A-Za-z0-9_-]{43})");
    private static final Pattern LABEL_KEY = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9._/-]{0,61}[A-Za-z0-9])?");
    private static final Pattern LABEL_VALUE = Pattern.compile("([A-Za-z0-9]([A-Za-z0-9._-]{0,61}[A-Za-z0-9])?)?");
    private static final String CREATE_HINT = "create a new one with 'mcphub node token create'";
    private static final Logger log = LoggerFactory.getLogger(JoinTokens.class);

    private final Store store;
    private final CertificateAuthority ca;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    /** A token as the hub knows it: never its secret. */
    public record JoinToken(String id, Map<String, String> labels, Instant createdAt, Instant expiresAt) {

        public JoinToken {
            labels = labels == null ? Map.of() : Map.copyOf(labels);
        }
    }

    /** A freshly created token: the only moment its full text exists outside the operator's hands. */
    public record Issued(String token, JoinToken record) {

        @Override
        public String toString() {
            return "Issued[" + record + "]"; // never the token text
        }
    }

    private record Stored(String id, String secretSha256, Map<String, String> labels, Instant createdAt,
                          Instant expiresAt) {

        JoinToken token() {
            return new JoinToken(id, labels, createdAt, expiresAt);
        }
    }

    public JoinTokens(Store store, CertificateAuthority ca, Clock clock) {
        this.store = store;
        this.ca = ca;
        this.clock = clock;
    }

    /** Whether {@code text} has the shape of a join token (says nothing about whether it is valid). */
    public static boolean isJoinToken(String text) {
        return text != null && FORMAT.matcher(text).matches();
    }

    /** The CA pin a token carries, for the agent to check the hub's CA against before trusting it. */
    public static String caPin(String token) {
        Matcher m = token == null ? null : FORMAT.matcher(token);
        if (m == null || !m.matches()) {
            throw new IllegalArgumentException("this is not an MCP Hub join token; "
                    + "get one on the hub with 'mcphub node token create'");
        }
        return m.group(3);
    }

    /**
     * @param ttl    null for {@link #DEFAULT_TTL}; at most {@link #MAX_TTL}
     * @param labels given to the node that joins with the token; may be null
     */
    public Issued create(Duration ttl, Map<String, String> labels) {
        Duration lifetime = ttl == null ? DEFAULT_TTL : ttl;
        if (lifetime.isNegative() || lifetime.isZero() || lifetime.compareTo(MAX_TTL) > 0) {
            throw new ProblemException(ProblemType.BAD_REQUEST, "a join token must live for a positive time of at most "
                    + MAX_TTL.toDays() + " days, not " + lifetime);
        }
        Map<String, String> checked = checkLabels(labels);
        byte[] idBytes = new byte[8];
        byte[] secretBytes = new byte[32];
        random.nextBytes(idBytes);
        random.nextBytes(secretBytes);
        String id = HexFormat.of().formatHex(idBytes);
        String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(secretBytes);
        Instant now = clock.instant();
        Stored stored = new Stored(id, sha256(secret), checked, now, now.plus(lifetime));
        long lease = store.grantLease(lifetime.plus(KEPT_AFTER_EXPIRY));
        store.put(PREFIX + id, Json.bytes(stored), lease);
        return new Issued("mcphub_join_" + id + "_" + secret + "_" + ca.caPin(), stored.token());
    }

    /**
     * Consumes a token and returns what it was created with.
     *
     * @throws ProblemException UNAUTHORIZED if the token is unknown, already used or expired
     */
    public JoinToken redeem(String token) {
        Found found = find(token);
        String key = found.kv().key();
        if (!store.txn(List.of(Compare.modRevision(key, found.kv().modRevision())), List.of(Op.delete(key))).succeeded()) {
            throw unknown(); // another agent redeemed it between our read and our delete
        }
        releaseLease(found.kv().lease());
        return found.stored().token();
    }

    /**
     * Checks a token as {@link #redeem} would, without consuming it: lets a join refuse a bad request before it burns
     * the token, so the operator need not create another one.
     */
    public JoinToken check(String token) {
        return find(token).stored().token();
    }

    private record Found(KeyValue kv, Stored stored) {}

    private Found find(String token) {
        Matcher m = token == null ? null : FORMAT.matcher(token);
        if (m == null || !m.matches()) {
            throw unknown();
        }
        KeyValue kv = store.get(PREFIX + m.group(1)).orElseThrow(JoinTokens::unknown);
        Stored stored = Json.read(kv.value(), Stored.class);
        if (!MessageDigest.isEqual(sha256(m.group(2)).getBytes(StandardCharsets.US_ASCII),
                stored.secretSha256().getBytes(StandardCharsets.US_ASCII))) {
            throw unknown(); // a wrong secret must not burn the real token, nor tell a guesser the id exists
        }
        if (!clock.instant().isBefore(stored.expiresAt())) {
            throw new ProblemException(ProblemType.UNAUTHORIZED,
                    "this join token expired at " + stored.expiresAt() + "; " + CREATE_HINT);
        }
        return new Found(kv, stored);
    }

    /** Tokens not yet redeemed (expired ones included until the store forgets them), oldest first. */
    public List<JoinToken> list() {
        return store.range(PREFIX).kvs().stream()
                .map(kv -> Json.read(kv.value(), Stored.class).token())
                .sorted(Comparator.comparing(JoinToken::createdAt))
                .toList();
    }

    private void releaseLease(long lease) {
        try {
            store.revokeLease(lease);
        } catch (RuntimeException e) {
            // The token is already gone; an orphaned lease only expires later on its own.
            log.debug("could not revoke the lease of a redeemed join token: {}", e.toString());
        }
    }

    private static Map<String, String> checkLabels(Map<String, String> labels) {
        Map<String, String> out = new TreeMap<>();
        if (labels == null) {
            return out;
        }
        labels.forEach((k, v) -> {
            if (k == null || !LABEL_KEY.matcher(k).matches() || v == null || !LABEL_VALUE.matcher(v).matches()) {
                throw new ProblemException(ProblemType.BAD_REQUEST, "label '" + k + "=" + v + "' is not valid; keys and "
                        + "values are up to 63 letters, digits, '.', '_' or '-' (keys may also hold '/'), starting and "
                        + "ending with a letter or digit");
            }
            out.put(k, v);
        });
        return out;
    }

    private static ProblemException unknown() {
        return new ProblemException(ProblemType.UNAUTHORIZED,
                "this join token has already been used or never existed; " + CREATE_HINT);
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
