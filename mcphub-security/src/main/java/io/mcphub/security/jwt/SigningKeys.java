package io.mcphub.security.jwt;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import io.mcphub.core.Json;
import io.mcphub.security.crypto.EnvelopeCipher;
import io.mcphub.store.Compare;
import io.mcphub.store.KeyValue;
import io.mcphub.store.Op;
import io.mcphub.store.Store;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * The install's ES256 signing keys, generated here (never a built-in default: the Nacos default-JWT-key CVE is the
 * cautionary tale). All keys live in one store document, newest (active) first, so a rotation is one
 * compare-and-swap even with several hubs on one etcd. Private keys are sealed under the master key; the store
 * alone holds nothing that can sign.
 *
 * <p>Keys are cached. A hub notices another hub's rotation when a token names a kid it does not know, and in any
 * case within a minute, so it does not keep signing with a key the others have dropped.
 */
public final class SigningKeys {

    static final String KEY = "/mcphub/auth/keys/signing";
    /** The active key plus two predecessors, so tokens survive two rotations within their lifetime. */
    static final int KEEP = 3;
    private static final long MAX_CACHE_AGE_NANOS = TimeUnit.MINUTES.toNanos(1);
    /** Unknown kids come from attackers too; a flood of them must not become a flood of store reads. */
    private static final long MIN_RELOAD_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    /** Our kids are RFC 7638 thumbprints: base64url SHA-256. */
    private static final Pattern KID = Pattern.compile("[A-Za-z0-9_-]{43}");
    private static final int CAS_ATTEMPTS = 5;

    private final Store store;
    private final EnvelopeCipher cipher;
    private final Clock clock;
    /** Null until first use: construction touches neither the store nor the master key. */
    private volatile Cache cache;

    /** One stored key; {@code sealedJwk} is the full private JWK, sealed with the kid as context. */
    record StoredKey(String kid, Map<String, Object> publicJwk, String sealedJwk, Instant createdAt) {}

    record StoredKeys(List<StoredKey> keys) {}

    private record Cache(List<ECKey> keys, long modRevision, long loadedAtNanos) {}

    public SigningKeys(Store store, EnvelopeCipher cipher, Clock clock) {
        this.store = store;
        this.cipher = cipher;
        this.clock = clock;
    }

    /** Makes sure a signing key exists (creating the install's first one) and returns the active kid. */
    public String ensureActive() {
        return activeKey().getKeyID();
    }

    /** Makes a new key the active one; older keys keep verifying until they fall out of the last three. */
    public String rotate() {
        for (int attempt = 0; attempt < CAS_ATTEMPTS; attempt++) {
            Optional<KeyValue> kv = store.get(KEY);
            List<StoredKey> current = kv.map(k -> Json.read(k.value(), StoredKeys.class).keys()).orElse(List.of());
            ECKey fresh = generate();
            List<StoredKey> next = new ArrayList<>();
            next.add(seal(fresh));
            next.addAll(current.subList(0, Math.min(current.size(), KEEP - 1)));
            long expected = kv.map(KeyValue::modRevision).orElse(0L);
            if (store.txn(List.of(Compare.modRevision(KEY, expected)), List.of(Op.put(KEY, Json.bytes(new StoredKeys(next)))))
                    .succeeded()) {
                reload();
                return fresh.getKeyID();
            }
        }
        throw new IllegalStateException("signing keys changed concurrently " + CAS_ATTEMPTS + " times; rotate again");
    }

    /**
     * The public halves of every key still verifying, for {@code /.well-known/jwks.json}; empty until the first key
     * exists (call {@link #ensureActive} at startup), since a read should not create keys.
     */
    public JWKSet publicJwks() {
        List<JWK> keys = current().keys().stream().map(k -> (JWK) k.toPublicJWK()).toList();
        return new JWKSet(keys);
    }

    /** The private key new tokens are signed with. */
    ECKey activeKey() {
        Cache c = current();
        if (c.keys().isEmpty()) {
            createFirst();
            c = reload();
        }
        return c.keys().getFirst();
    }

    /** The key to verify a token with {@code kid}, re-reading the store once if another hub may have rotated. */
    Optional<ECKey> verificationKey(String kid) {
        if (kid == null || !KID.matcher(kid).matches()) {
            return Optional.empty();
        }
        Cache c = current();
        Optional<ECKey> known = find(c, kid);
        if (known.isPresent() || System.nanoTime() - c.loadedAtNanos() < MIN_RELOAD_INTERVAL_NANOS) {
            return known;
        }
        return find(reload(), kid);
    }

    private static Optional<ECKey> find(Cache c, String kid) {
        return c.keys().stream().filter(k -> kid.equals(k.getKeyID())).findFirst();
    }

    private Cache current() {
        Cache c = cache;
        return c == null || System.nanoTime() - c.loadedAtNanos() > MAX_CACHE_AGE_NANOS ? reload() : c;
    }

    private synchronized Cache reload() {
        Optional<KeyValue> kv = store.get(KEY);
        long revision = kv.map(KeyValue::modRevision).orElse(0L);
        Cache old = cache;
        List<ECKey> keys = old != null && revision == old.modRevision()
                ? old.keys()
                : kv.map(k -> Json.read(k.value(), StoredKeys.class).keys().stream().map(this::open).toList()).orElse(List.of());
        cache = new Cache(keys, revision, System.nanoTime());
        return cache;
    }

    private void createFirst() {
        StoredKeys first = new StoredKeys(List.of(seal(generate())));
        // Losing this race to another hub is fine: its key is as good as ours, and reload() picks it up.
        store.txn(List.of(Compare.absent(KEY)), List.of(Op.put(KEY, Json.bytes(first))));
    }

    private StoredKey seal(ECKey key) {
        return new StoredKey(key.getKeyID(), key.toPublicJWK().toJSONObject(),
                cipher.seal(key.toJSONString(), context(key.getKeyID())), clock.instant());
    }

    private ECKey open(StoredKey stored) {
        try {
            ECKey key = ECKey.parse(cipher.open(stored.sealedJwk(), context(stored.kid())));
            if (!stored.kid().equals(key.getKeyID()) || !key.isPrivate()) {
                throw new IllegalStateException("signing key " + stored.kid() + " in the store is corrupt; rotate the keys");
            }
            return key;
        } catch (ParseException e) {
            throw new IllegalStateException("signing key " + stored.kid() + " in the store is corrupt; rotate the keys", e);
        }
    }

    private static String context(String kid) {
        return KEY + "#" + kid;
    }

    private static ECKey generate() {
        try {
            return new ECKeyGenerator(Curve.P_256)
                    .keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.ES256)
                    .keyIDFromThumbprint(true)
                    .generate();
        } catch (JOSEException e) {
            throw new IllegalStateException("this JDK cannot generate P-256 keys", e);
        }
    }
}
