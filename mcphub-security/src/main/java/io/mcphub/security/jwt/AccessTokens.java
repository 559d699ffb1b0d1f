package io.mcphub.security.jwt;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.security.SecureRandom;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.Optional;

/**
 * Short-lived access tokens: JWTs signed ES256 by the install's {@link SigningKeys}. Verification accepts exactly
 * one shape — ES256, a kid we issued, our issuer and audience, unexpired — and decides the algorithm itself rather
 * than trusting the header, which is what defeats {@code alg: none} and the HS256-keyed-with-the-public-key
 * confusion.
 */
public final class AccessTokens {

    public static final String ISSUER = "mcphub";
    public static final String AUDIENCE = "mcphub-api";
    public static final Duration DEFAULT_TTL = Duration.ofMinutes(15);
    /** RFC 9068 explicit typing: an access token cannot be mistaken for another kind of JWT. */
    static final JOSEObjectType TYPE = new JOSEObjectType("at+jwt");
    /** Hubs' clocks differ a little; a token minted a moment "in the future" by a peer is still fine. */
    private static final Duration CLOCK_SKEW = Duration.ofSeconds(60);

    private final SigningKeys keys;
    private final Clock clock;
    private final Duration ttl;
    private final SecureRandom random = new SecureRandom();

    public AccessTokens(SigningKeys keys, Clock clock) {
        this(keys, clock, DEFAULT_TTL);
    }

    public AccessTokens(SigningKeys keys, Clock clock, Duration ttl) {
        this.keys = keys;
        this.clock = clock;
        this.ttl = ttl;
    }

    public record Issued(String token, String jti, Instant issuedAt, Instant expiresAt) {}

    /** Why a token was refused; only {@link #EXPIRED} and {@link #MALFORMED} are worth telling the caller apart. */
    public enum Reason { MALFORMED, WRONG_ALG, UNKNOWN_KEY, BAD_SIGNATURE, INVALID_CLAIMS, EXPIRED }

    public sealed interface Verification permits Valid, Invalid {}

    public record Valid(String subject, String jti, Instant issuedAt, Instant expiresAt) implements Verification {}

    public record Invalid(Reason reason) implements Verification {}

    public Duration ttl() {
        return ttl;
    }

    public Issued issue(String subject) {
        ECKey key = keys.activeKey();
        // JWT times are whole seconds; truncating here keeps Issued equal to what a verifier will read back.
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Instant expires = now.plus(ttl);
        byte[] id = new byte[16];
        random.nextBytes(id);
        String jti = Base64URL.encode(id).toString();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(ISSUER).audience(AUDIENCE).subject(subject)
                .issueTime(Date.from(now)).expirationTime(Date.from(expires)).jwtID(jti)
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).type(TYPE).keyID(key.getKeyID()).build(), claims);
        try {
            jwt.sign(new ECDSASigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign with ES256 in this JDK", e);
        }
        return new Issued(jwt.serialize(), jti, now, expires);
    }

    public Verification verify(String token) {
        SignedJWT jwt = parse(token);
        if (jwt == null) {
            return new Invalid(Reason.MALFORMED);
        }
        JWSHeader header = jwt.getHeader();
        if (!JWSAlgorithm.ES256.equals(header.getAlgorithm())) {
            return new Invalid(Reason.WRONG_ALG);
        }
        Optional<ECKey> key = keys.verificationKey(header.getKeyID());
        if (key.isEmpty()) {
            return new Invalid(Reason.UNKNOWN_KEY);
        }
        if (!signatureHolds(jwt, key.get())) {
            return new Invalid(Reason.BAD_SIGNATURE);
        }
        return checkClaims(jwt, header);
    }

    private Verification checkClaims(SignedJWT jwt, JWSHeader header) {
        JWTClaimsSet claims;
        try {
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            return new Invalid(Reason.MALFORMED);
        }
        Date iat = claims.getIssueTime();
        Date exp = claims.getExpirationTime();
        Instant now = clock.instant();
        boolean shapeHolds = TYPE.equals(header.getType())
                && ISSUER.equals(claims.getIssuer())
                && List.of(AUDIENCE).equals(claims.getAudience())
                && present(claims.getSubject()) && present(claims.getJWTID())
                && iat != null && exp != null
                && !iat.toInstant().isAfter(now.plus(CLOCK_SKEW));
        if (!shapeHolds) {
            return new Invalid(Reason.INVALID_CLAIMS);
        }
        if (!now.isBefore(exp.toInstant())) {
            return new Invalid(Reason.EXPIRED);
        }
        return new Valid(claims.getSubject(), claims.getJWTID(), iat.toInstant(), exp.toInstant());
    }

    /**
     * Parses the compact form, insisting each part is canonical base64url: otherwise the unused low bits of a
     * part's last character could be changed without changing the decoded bytes, and such a token would verify.
     */
    private static SignedJWT parse(String token) {
        if (token == null) {
            return null;
        }
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3) {
            return null;
        }
        for (String part : parts) {
            if (part.isEmpty() || !Base64URL.encode(new Base64URL(part).decode()).toString().equals(part)) {
                return null;
            }
        }
        try {
            return SignedJWT.parse(token);
        } catch (ParseException | IllegalArgumentException e) {
            return null;
        }
    }

    private static boolean signatureHolds(SignedJWT jwt, ECKey key) {
        try {
            return jwt.verify(new ECDSAVerifier(key.toECPublicKey()));
        } catch (JOSEException | IllegalStateException e) {
            return false;
        }
    }

    private static boolean present(String s) {
        return s != null && !s.isBlank();
    }
}
