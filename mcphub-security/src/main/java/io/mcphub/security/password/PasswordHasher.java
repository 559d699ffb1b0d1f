package io.mcphub.security.password;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Argon2id password hashes in the PHC string format ({@code $argon2id$v=19$m=19456,t=2,p=1$SALT$HASH}), the form
 * every other Argon2 implementation reads, so stored hashes stay portable. The parameters travel inside each hash:
 * raising them later only needs {@link #needsRehash} at the next successful login.
 *
 * <p>The caller owns the {@code char[]} it passes in and should wipe it; this class wipes every copy it makes.
 */
public final class PasswordHasher {

    /** Argon2id cost: memory in KiB, passes, lanes. */
    public record Params(int memoryKiB, int iterations, int parallelism) {

        /** OWASP Password Storage Cheat Sheet's first Argon2id recommendation. */
        public static final Params OWASP = new Params(19456, 2, 1);

        public Params {
            if (memoryKiB < 8 * parallelism || iterations < 1 || parallelism < 1) {
                throw new IllegalArgumentException("Argon2 needs memory >= 8 KiB per lane, iterations >= 1, lanes >= 1");
            }
        }
    }

    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;
    /** A stored hash asking for more than 1 GiB is corrupt or hostile, not a cost we should pay. */
    private static final int MAX_MEMORY_KIB = 1 << 20;
    private static final Pattern PHC = Pattern.compile(
            "\\$argon2id\\$v=19\\$m=(\\d{1,7}),t=(\\d{1,3}),p=(\\d{1,2})\\$([A-Za-z0-9+/]{11,})\\$([A-Za-z0-9+/]{22,})");
    private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getDecoder();

    private final Params params;
    private final SecureRandom random = new SecureRandom();

    public PasswordHasher() {
        this(Params.OWASP);
    }

    public PasswordHasher(Params params) {
        this.params = params;
    }

    public String hash(char[] password) {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        byte[] hash = derive(password, salt, params, HASH_BYTES);
        return "$argon2id$v=19$m=" + params.memoryKiB() + ",t=" + params.iterations() + ",p=" + params.parallelism()
                + "$" + B64.encodeToString(salt) + "$" + B64.encodeToString(hash);
    }

    /** Whether {@code password} matches {@code encoded}; a malformed hash matches nothing. */
    public boolean verify(char[] password, String encoded) {
        Parsed p = parse(encoded);
        if (p == null) {
            return false;
        }
        byte[] actual = derive(password, p.salt(), p.params(), p.hash().length);
        return MessageDigest.isEqual(actual, p.hash());
    }

    /** Whether {@code encoded} was made with other parameters than this hasher's (or is unreadable). */
    public boolean needsRehash(String encoded) {
        Parsed p = parse(encoded);
        return p == null || !p.params().equals(params) || p.salt().length != SALT_BYTES || p.hash().length != HASH_BYTES;
    }

    private record Parsed(Params params, byte[] salt, byte[] hash) {}

    private static Parsed parse(String encoded) {
        if (encoded == null) {
            return null;
        }
        Matcher m = PHC.matcher(encoded);
        if (!m.matches()) {
            return null;
        }
        try {
            int memory = Integer.parseInt(m.group(1));
            if (memory > MAX_MEMORY_KIB) {
                return null;
            }
            Params params = new Params(memory, Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
            return new Parsed(params, B64D.decode(m.group(4)), B64D.decode(m.group(5)));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static byte[] derive(char[] password, byte[] salt, Params params, int length) {
        // Encode ourselves rather than through Bouncy Castle's char[] overload so the UTF-8 copy can be wiped.
        ByteBuffer encoded = StandardCharsets.UTF_8.encode(CharBuffer.wrap(password));
        byte[] secret = new byte[encoded.remaining()];
        encoded.get(secret);
        if (encoded.hasArray()) {
            Arrays.fill(encoded.array(), (byte) 0);
        }
        Argon2Parameters argon = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(params.memoryKiB())
                .withIterations(params.iterations())
                .withParallelism(params.parallelism())
                .withSalt(salt)
                .build();
        try {
            Argon2BytesGenerator generator = new Argon2BytesGenerator();
            generator.init(argon);
            byte[] out = new byte[length];
            generator.generateBytes(secret, out);
            return out;
        } finally {
            Arrays.fill(secret, (byte) 0);
        }
    }
}
