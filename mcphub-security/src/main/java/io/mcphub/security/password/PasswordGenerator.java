package io.mcphub.security.password;

import java.security.SecureRandom;

/** Random passwords for accounts the hub creates itself, such as the first {@code admin}. */
public final class PasswordGenerator {

    /** No 0/O, 1/l/I: the password is read off a terminal or a file and typed by a person. */
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private PasswordGenerator() {}

    /** {@code length} characters of about 5.8 bits each: 24 give about 140 bits. */
    public static char[] generate(int length) {
        char[] password = new char[length];
        for (int i = 0; i < length; i++) {
            password[i] = ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length()));
        }
        return password;
    }
}
