package io.mcphub.security.jwt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.mcphub.security.crypto.EnvelopeCipher;
import io.mcphub.security.crypto.MasterKey;
import io.mcphub.security.crypto.SealedValueException;
import io.mcphub.security.jwt.AccessTokens.Invalid;
import io.mcphub.security.jwt.AccessTokens.Reason;
import io.mcphub.security.jwt.AccessTokens.Valid;
import io.mcphub.store.Store;
import io.mcphub.store.Stores;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Date;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AccessTokensTest {

    @TempDir
    Path dir;
    final MutableClock clock = new MutableClock();
    Store store;
    EnvelopeCipher cipher;
    SigningKeys keys;
    AccessTokens tokens;

    @BeforeEach
    void open() {
        store = Stores.open("embedded", dir.resolve("hub"));
        cipher = new EnvelopeCipher(MasterKey.loadOrCreate(dir.resolve("hub")));
        keys = new SigningKeys(store, cipher, clock);
        tokens = new AccessTokens(keys, clock);
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void issuesAnEs256TokenThatVerifies() throws Exception {
        AccessTokens.Issued issued = tokens.issue("bob");

        assertThat(tokens.verify(issued.token())).isEqualTo(
                new Valid("bob", issued.jti(), issued.issuedAt(), issued.issuedAt().plus(Duration.ofMinutes(15))));
        SignedJWT jwt = SignedJWT.parse(issued.token());
        assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.ES256);
        assertThat(jwt.getHeader().getKeyID()).isEqualTo(keys.ensureActive());
        assertThat(jwt.getHeader().getType().getType()).isEqualTo("at+jwt");
        assertThat(jwt.getJWTClaimsSet().getIssuer()).isEqualTo("mcphub");
        assertThat(jwt.getJWTClaimsSet().getAudience()).containsExactly("mcphub-api");
        assertThat(tokens.issue("bob").jti()).isNotEqualTo(issued.jti());
    }

    @Test
    void expiresAfterFifteenMinutes() {
        String token = tokens.issue("bob").token();

        clock.advance(Duration.ofMinutes(15).minusSeconds(1));
        assertThat(tokens.verify(token)).isInstanceOf(Valid.class);

        clock.advance(Duration.ofSeconds(1));
        assertThat(tokens.verify(token)).isEqualTo(new Invalid(Reason.EXPIRED));
    }

    @Test
    void anyChangedCharacterInvalidatesTheToken() {
        String token = tokens.issue("bob").token();
        int firstDot = token.indexOf('.');
        int secondDot = token.lastIndexOf('.');

        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            char replacement = c == 'A' ? 'B' : 'A';
            String tampered = token.substring(0, i) + replacement + token.substring(i + 1);
            String where = i < firstDot ? "header" : i < secondDot ? "payload" : "signature";
            assertThat(tokens.verify(tampered)).as("%s character %d changed", where, i).isInstanceOf(Invalid.class);
        }
        assertThat(tokens.verify(token)).isInstanceOf(Valid.class);
    }

    @Test
    void refusesGarbage() {
        for (String garbage : new String[] {null, "", "a.b.c", "..", "abc", token() + ".", token().replace('.', '!')}) {
            assertThat(tokens.verify(garbage)).as(garbage).isEqualTo(new Invalid(Reason.MALFORMED));
        }
    }

    @Test
    void refusesAlgNone() {
        String token = token();
        String[] parts = token.split("\\.");
        String none = Base64URL.encode("{\"alg\":\"none\",\"typ\":\"at+jwt\",\"kid\":\"" + keys.ensureActive() + "\"}").toString();

        assertThat(tokens.verify(none + "." + parts[1] + ".")).isInstanceOf(Invalid.class);
        assertThat(tokens.verify(none + "." + parts[1] + "." + parts[2])).isInstanceOf(Invalid.class);
    }

    @Test
    void refusesHs256KeyedWithThePublicKey() throws Exception {
        keys.ensureActive();
        JWK publicJwk = keys.publicJwks().getKeys().getFirst();
        byte[][] attackerKeys = {
            publicJwk.toECKey().toECPublicKey().getEncoded(),
            publicJwk.toJSONString().getBytes(StandardCharsets.UTF_8),
        };
        for (byte[] secret : attackerKeys) {
            SignedJWT forged = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256)
                    .type(AccessTokens.TYPE).keyID(publicJwk.getKeyID()).build(), claims(b -> b));
            forged.sign(new MACSigner(secret));

            assertThat(tokens.verify(forged.serialize())).isEqualTo(new Invalid(Reason.WRONG_ALG));
        }
    }

    @Test
    void refusesTokensOfAnotherInstall() {
        Store otherStore = Stores.open("embedded", dir.resolve("other"));
        try {
            SigningKeys otherKeys = new SigningKeys(otherStore,
                    new EnvelopeCipher(MasterKey.loadOrCreate(dir.resolve("other"))), clock);
            String foreign = new AccessTokens(otherKeys, clock).issue("admin").token();

            assertThat(tokens.verify(foreign)).isEqualTo(new Invalid(Reason.UNKNOWN_KEY));
        } finally {
            otherStore.close();
        }
    }

    @Test
    void refusesAForeignKeyClaimingOurKid() throws Exception {
        ECKey impostor = new ECKeyGenerator(Curve.P_256).keyID(keys.ensureActive()).generate();

        assertThat(tokens.verify(sign(impostor, claims(b -> b)))).isEqualTo(new Invalid(Reason.BAD_SIGNATURE));
    }

    @Test
    void refusesAnUnknownKid() throws Exception {
        ECKey stranger = new ECKeyGenerator(Curve.P_256).keyIDFromThumbprint(true).generate();
        ECKey noKid = new ECKeyGenerator(Curve.P_256).generate();

        assertThat(tokens.verify(sign(stranger, claims(b -> b)))).isEqualTo(new Invalid(Reason.UNKNOWN_KEY));
        assertThat(tokens.verify(sign(noKid, claims(b -> b)))).isEqualTo(new Invalid(Reason.UNKNOWN_KEY));
    }

    @Test
    void refusesOurSignatureOnTheWrongClaims() throws Exception {
        ECKey ours = keys.activeKey();

        assertThat(tokens.verify(sign(ours, claims(b -> b)))).isInstanceOf(Valid.class);
        assertThat(tokens.verify(sign(ours, claims(b -> b.issuer("someone-else"))))).isEqualTo(new Invalid(Reason.INVALID_CLAIMS));
        assertThat(tokens.verify(sign(ours, claims(b -> b.audience("another-api"))))).isEqualTo(new Invalid(Reason.INVALID_CLAIMS));
        assertThat(tokens.verify(sign(ours, claims(b -> b.expirationTime(null))))).isEqualTo(new Invalid(Reason.INVALID_CLAIMS));
        assertThat(tokens.verify(sign(ours, claims(b -> b.subject(null))))).isEqualTo(new Invalid(Reason.INVALID_CLAIMS));
        assertThat(tokens.verify(sign(ours, claims(b -> b.issueTime(Date.from(clock.instant().plus(Duration.ofHours(1))))))))
                .isEqualTo(new Invalid(Reason.INVALID_CLAIMS));
    }

    @Test
    void rotationKeepsOlderTokensValidAndSignsWithTheNewKey() throws Exception {
        String firstKid = keys.ensureActive();
        String before = token();

        String newKid = keys.rotate();
        String after = token();

        assertThat(newKid).isNotEqualTo(firstKid);
        assertThat(SignedJWT.parse(after).getHeader().getKeyID()).isEqualTo(newKid);
        assertThat(tokens.verify(before)).isInstanceOf(Valid.class);
        assertThat(tokens.verify(after)).isInstanceOf(Valid.class);

        keys.rotate();
        assertThat(tokens.verify(before)).isInstanceOf(Valid.class);
        keys.rotate();
        assertThat(tokens.verify(before)).as("only the last 3 keys are kept").isEqualTo(new Invalid(Reason.UNKNOWN_KEY));
        assertThat(tokens.verify(after)).isInstanceOf(Valid.class);
        assertThat(keys.publicJwks().getKeys()).hasSize(3);
    }

    @Test
    void jwksHoldsOnlyPublicKeys() {
        keys.ensureActive();
        keys.rotate();

        assertThat(keys.publicJwks().getKeys()).hasSize(2).allSatisfy(k -> {
            assertThat(k.isPrivate()).isFalse();
            assertThat(k.getKeyID()).isNotBlank();
            assertThat(k.getAlgorithm()).isEqualTo(JWSAlgorithm.ES256);
        });
        assertThat(keys.publicJwks().toString()).doesNotContain("\"d\"");
    }

    @Test
    void theStoreHoldsThePrivateKeyOnlySealed() {
        keys.ensureActive();
        String stored = store.get(SigningKeys.KEY).orElseThrow().valueAsString();

        assertThat(stored).contains(EnvelopeCipher.PREFIX).doesNotContain(keys.activeKey().getD().toString());
    }

    @Test
    void aPeerHubLearnsAboutARotationFromTheStore() throws Exception {
        AccessTokens peer = new AccessTokens(new SigningKeys(store, cipher, clock), clock);
        String early = token();
        assertThat(peer.verify(early)).isInstanceOf(Valid.class);

        keys.rotate();
        String late = token();
        Thread.sleep(150); // the peer re-reads on an unknown kid, but at most every 100 ms

        assertThat(peer.verify(late)).isInstanceOf(Valid.class);
    }

    @Test
    void keysSealedUnderAnotherMasterKeyDoNotOpen() {
        keys.ensureActive();
        SigningKeys wrongMaster = new SigningKeys(store, new EnvelopeCipher(MasterKey.loadOrCreate(dir.resolve("elsewhere"))), clock);

        assertThatThrownBy(wrongMaster::ensureActive).isInstanceOf(SealedValueException.class).hasMessageContaining("master.key");
    }

    private String token() {
        return tokens.issue("bob").token();
    }

    private JWTClaimsSet claims(UnaryOperator<JWTClaimsSet.Builder> change) {
        JWTClaimsSet.Builder b = new JWTClaimsSet.Builder().issuer("mcphub").audience("mcphub-api").subject("bob")
                .issueTime(Date.from(clock.instant())).expirationTime(Date.from(clock.instant().plus(Duration.ofMinutes(5))))
                .jwtID("j1");
        return change.apply(b).build();
    }

    private static String sign(ECKey key, JWTClaimsSet claims) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).type(AccessTokens.TYPE).keyID(key.getKeyID()).build(), claims);
        jwt.sign(new ECDSASigner(key));
        return jwt.serialize();
    }
}
