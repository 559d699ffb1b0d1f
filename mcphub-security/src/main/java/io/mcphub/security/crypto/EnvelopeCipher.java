package io.mcphub.security.crypto;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Pattern;
import javax.crypto.Cipher;
import javax.crypto.KeyGenerator;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Envelope encryption of single values: each value gets a fresh AES-256 data key; the value is sealed with it by
 * AES-256-GCM, and the data key is itself sealed by the master key. The result is one printable token,
 * {@code enc:v1:KEYID:WRAPPED_DEK:CIPHERTEXT} (base64url), safe to embed in JSON or YAML text.
 *
 * <p>The associated data binds a token to its context (the document key), so a ciphertext copied into another
 * document does not decrypt there.
 */
public final class EnvelopeCipher {

    public static final String PREFIX = "enc:v1:";
    /** Matches a whole token inside text; the alphabet cannot collide with JSON or YAML syntax. */
    public static final Pattern TOKEN = Pattern.compile("enc:v1:[0-9a-f]{8}:[A-Za-z0-9_-]+:[A-Za-z0-9_-]+");

    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getUrlDecoder();

    private final MasterKey master;
    private final SecretKey fingerprintKey;
    private final SecureRandom random = new SecureRandom();

    public EnvelopeCipher(MasterKey master) {
        this.master = master;
        this.fingerprintKey = new SecretKeySpec(hmac(master.secretKey(), "mcphub fingerprint v1".getBytes(StandardCharsets.UTF_8)), "HmacSHA256");
    }

    public String seal(String plaintext, String context) {
        try {
            KeyGenerator gen = KeyGenerator.getInstance("AES");
            gen.init(256, random);
            SecretKey dek = gen.generateKey();
            byte[] aad = context.getBytes(StandardCharsets.UTF_8);
            byte[] wrapped = encrypt(master.secretKey(), dek.getEncoded(), aad);
            byte[] sealed = encrypt(dek, plaintext.getBytes(StandardCharsets.UTF_8), aad);
            return PREFIX + master.id() + ":" + B64.encodeToString(wrapped) + ":" + B64.encodeToString(sealed);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is unavailable in this JDK", e);
        }
    }

    /** Opens a token sealed under the same context; throws {@link SealedValueException} if it cannot. */
    public String open(String token, String context) {
        String[] parts = token.split(":");
        if (parts.length != 5 || !token.startsWith(PREFIX)) {
            throw new SealedValueException("not a sealed value");
        }
        if (!parts[2].equals(master.id())) {
            throw new SealedValueException("sealed under master key " + parts[2] + " but this hub has key " + master.id()
                    + "; copy the original master.key into the data directory");
        }
        try {
            byte[] aad = context.getBytes(StandardCharsets.UTF_8);
            byte[] dek = decrypt(master.secretKey(), B64D.decode(parts[3]), aad);
            byte[] plain = decrypt(new SecretKeySpec(dek, "AES"), B64D.decode(parts[4]), aad);
            return new String(plain, StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new SealedValueException("sealed value is corrupt or belongs to another document");
        }
    }

    /**
     * A short keyed fingerprint: equal values give equal fingerprints, so a diff can show that a secret changed
     * without showing it, and an attacker without the master key cannot test guesses against it.
     */
    public String fingerprint(String plaintext) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(fingerprintKey);
            return HexFormat.of().formatHex(mac.doFinal(plaintext.getBytes(StandardCharsets.UTF_8)), 0, 4);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable in this JDK", e);
        }
    }

    private byte[] encrypt(SecretKey key, byte[] input, byte[] aad) throws GeneralSecurityException {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
        c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
        c.updateAAD(aad);
        byte[] ct = c.doFinal(input);
        return ByteBuffer.allocate(NONCE_BYTES + ct.length).put(nonce).put(ct).array();
    }

    private static byte[] decrypt(SecretKey key, byte[] nonceAndCt, byte[] aad) throws GeneralSecurityException {
        if (nonceAndCt.length < NONCE_BYTES + TAG_BITS / 8) {
            throw new GeneralSecurityException("truncated");
        }
        Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
        c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonceAndCt, 0, NONCE_BYTES));
        c.updateAAD(aad);
        return c.doFinal(nonceAndCt, NONCE_BYTES, nonceAndCt.length - NONCE_BYTES);
    }

    private static byte[] hmac(SecretKey key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getEncoded(), "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

}
