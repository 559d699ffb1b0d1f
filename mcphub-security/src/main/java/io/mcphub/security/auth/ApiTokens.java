package io.mcphub.security.auth;

import io.mcphub.core.Json;
import io.mcphub.store.KeyValue;
import io.mcphub.store.Store;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Opaque API tokens for automation and for the CLI of {@code mcphub dev}. A token is {@code mcphub_ID_SECRET}:
 * the id finds its record in the store, and only a SHA-256 of the secret is stored, so a store dump grants nothing.
 */
public final class ApiTokens {

    static final String PREFIX = "/mcphub/auth/tokens/";
    private static final Pattern FORMAT = Pattern.compile("mcphub_([0-9a-f]{16})_([A-Za-z0-9_-]{43})");

    private final Store store;
    private final SecureRandom random = new SecureRandom();

    public ApiTokens(Store store) {
        this.store = store;
    }

    /** What is stored per token; {@code expiresAt} null means it does not expire. */
    public record TokenRecord(String id, String name, String subject, List<String> grants, String secretSha256,
                              Instant createdAt, Instant expiresAt) {}

    /** A freshly minted token: the only moment its full text exists outside the caller's hands. */
    public record Issued(String token, TokenRecord record) {}

    public Issued create(String name, String subject, Set<String> grants, Instant expiresAt) {
        byte[] idBytes = new byte[8];
        byte[] secretBytes = new byte[32];
        random.nextBytes(idBytes);
        random.nextBytes(secretBytes);
        String id = HexFormat.of().formatHex(idBytes);
        String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(secretBytes);
        TokenRecord rec = new TokenRecord(id, name, subject, List.copyOf(grants), sha256(secret), Instant.now(), expiresAt);
        store.put(PREFIX + id, Json.bytes(rec));
        return new Issued("mcphub_" + id + "_" + secret, rec);
    }

    /** The principal a token stands for, if the token is well formed, known, unexpired and its secret matches. */
    public Optional<Principal> authenticate(String token) {
        if (token == null) {
            return Optional.empty();
        }
        Matcher m = FORMAT.matcher(token);
        if (!m.matches()) {
            return Optional.empty();
        }
        Optional<KeyValue> kv = store.get(PREFIX + m.group(1));
        if (kv.isEmpty()) {
            return Optional.empty();
        }
        TokenRecord rec = Json.read(kv.get().value(), TokenRecord.class);
        boolean secretMatches = MessageDigest.isEqual(
                sha256(m.group(2)).getBytes(StandardCharsets.US_ASCII), rec.secretSha256().getBytes(StandardCharsets.US_ASCII));
        if (!secretMatches || (rec.expiresAt() != null && rec.expiresAt().isBefore(Instant.now()))) {
            return Optional.empty();
        }
        return Optional.of(new Principal(rec.subject(), Set.of(), Set.copyOf(rec.grants()), null, "api-token:" + rec.id()));
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
