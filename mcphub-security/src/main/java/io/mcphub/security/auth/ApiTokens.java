package io.mcphub.security.auth;

import com.fasterxml.jackson.annotation.JsonAlias;
import io.mcphub.core.Json;
import io.mcphub.core.error.ProblemException;
import io.mcphub.core.error.ProblemType;
import io.mcphub.store.KeyValue;
import io.mcphub.store.Store;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Opaque API tokens for automation and for the CLI of {@code mcphub dev}. A token is {@code mcphub_ID_SECRET}:
 * the id finds its record in the store, and only a SHA-256 of the secret is stored, so a store dump grants nothing.
 * A token acts as its subject, narrowed to its own permission list when it has one.
 */
public final class ApiTokens {

    static final String PREFIX = "/mcphub/auth/tokens/";
    private static final Pattern FORMAT = Pattern.compile("mcphub_([0-9a-f]{16})_([A-Za-z0-9_-]{43})");
    private static final Pattern ID = Pattern.compile("[0-9a-f]{16}");
    private static final int MAX_NAME_LENGTH = 100;

    private final Store store;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public ApiTokens(Store store) {
        this(store, Clock.systemUTC());
    }

    public ApiTokens(Store store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /**
     * A token as listed: never its secret or the secret's hash.
     *
     * @param permissions the token's limit, or null for "everything its subject may do"
     * @param expiresAt   null when it does not expire
     */
    public record ApiToken(String id, String name, String subject, List<String> permissions, Instant createdAt,
                           Instant expiresAt) {

        public ApiToken {
            permissions = permissions == null ? null : List.copyOf(permissions);
        }
    }

    /** A freshly minted token: the only moment its full text exists outside the caller's hands. */
    public record Issued(String token, ApiToken record) {}

    /** Flat, and reading the pre-1.0 field name {@code grants}, so tokens minted by earlier builds keep their limits. */
    private record Stored(String id, String name, String subject, @JsonAlias("grants") List<String> permissions,
                          String secretSha256, Instant createdAt, Instant expiresAt) {

        Stored(ApiToken token, String secretSha256) {
            this(token.id(), token.name(), token.subject(), token.permissions(), secretSha256, token.createdAt(),
                    token.expiresAt());
        }

        ApiToken token() {
            return new ApiToken(id, name, subject, permissions, createdAt, expiresAt);
        }
    }

    /** Whether {@code text} has the shape of an API token (says nothing about whether it is valid). */
    public static boolean isApiToken(String text) {
        return text != null && FORMAT.matcher(text).matches();
    }

    public Issued create(String name, String subject, List<String> permissions, Instant expiresAt) {
        if (name == null || name.isBlank() || name.length() > MAX_NAME_LENGTH) {
            throw new ProblemException(ProblemType.BAD_REQUEST,
                    "a token needs a name of 1 to " + MAX_NAME_LENGTH + " characters saying what it is for");
        }
        if (permissions != null && permissions.stream().anyMatch(p -> p == null || p.isBlank())) {
            throw new ProblemException(ProblemType.BAD_REQUEST,
                    "a token's permissions must not be blank; list them as VERB:TYPE[:SCOPE] or leave the list out");
        }
        Instant now = clock.instant();
        if (expiresAt != null && !expiresAt.isAfter(now)) {
            throw new ProblemException(ProblemType.BAD_REQUEST, "the token would already be expired; give an expiry in the future");
        }
        byte[] idBytes = new byte[8];
        byte[] secretBytes = new byte[32];
        random.nextBytes(idBytes);
        random.nextBytes(secretBytes);
        String id = HexFormat.of().formatHex(idBytes);
        String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(secretBytes);
        ApiToken token = new ApiToken(id, name, subject, permissions, now, expiresAt);
        store.put(PREFIX + id, Json.bytes(new Stored(token, sha256(secret))));
        return new Issued("mcphub_" + id + "_" + secret, token);
    }

    /** Every token, oldest first. */
    public List<ApiToken> list() {
        return store.range(PREFIX).kvs().stream().map(kv -> read(kv).token())
                .sorted(Comparator.comparing(ApiToken::createdAt)).toList();
    }

    public void revoke(String id) {
        if (id == null || !ID.matcher(id).matches() || !store.delete(PREFIX + id)) {
            throw new ProblemException(ProblemType.NOT_FOUND,
                    "no API token '" + id + "'; list tokens with GET /api/v1/tokens");
        }
    }

    /** The token's record if the text is well formed, known, unexpired and its secret matches. */
    public Optional<ApiToken> authenticate(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher m = FORMAT.matcher(text);
        if (!m.matches()) {
            return Optional.empty();
        }
        Optional<KeyValue> kv = store.get(PREFIX + m.group(1));
        if (kv.isEmpty()) {
            return Optional.empty();
        }
        Stored stored = read(kv.get());
        boolean secretMatches = MessageDigest.isEqual(sha256(m.group(2)).getBytes(StandardCharsets.US_ASCII),
                stored.secretSha256().getBytes(StandardCharsets.US_ASCII));
        Instant expiresAt = stored.token().expiresAt();
        if (!secretMatches || (expiresAt != null && !clock.instant().isBefore(expiresAt))) {
            return Optional.empty();
        }
        return Optional.of(stored.token());
    }

    private static Stored read(KeyValue kv) {
        return Json.read(kv.value(), Stored.class);
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
