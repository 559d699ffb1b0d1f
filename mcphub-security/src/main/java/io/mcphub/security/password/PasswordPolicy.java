package io.mcphub.security.password;

import io.mcphub.core.error.ProblemException;
import io.mcphub.core.error.ProblemType;
import java.util.Arrays;
import java.util.List;

/**
 * The minimum a password must meet before it is hashed. Length matters most (NIST SP 800-63B); beyond that we only
 * refuse what an attacker tries first: the defaults of the products people come from (Nacos's {@code nacos}, 1Panel's
 * admin, the classic lists), the user's own name, and those with a digit-or-symbol tail bolted on
 * ({@code Password123!}). No composition rules: they push people to exactly those tails.
 *
 * <p>Works on the {@code char[]} without making a {@code String} of it, so the caller can still wipe the only copy;
 * messages never contain the password.
 */
public final class PasswordPolicy {

    public static final int MIN_LENGTH = 12;
    public static final int MAX_LENGTH = 1024;

    /** Lower case; a candidate is compared whole and with its trailing digits and symbols removed. */
    private static final List<String> WELL_KNOWN = List.of(
            "admin", "administrator", "nacos", "password", "passw0rd", "p@ssw0rd", "p@ssword", "changeme", "changeit",
            "root", "toor", "secret", "default", "welcome", "letmein", "qwerty", "qwertyuiop", "asdfghjkl", "iloveyou",
            "master", "superuser", "manager", "guest", "test", "abc", "mcphub", "1panel", "123456", "12345678",
            "123456789", "1234567890", "123456789012", "1234567890123", "12345678901234", "111111111111",
            "000000000000", "qwerty123456", "abc123456789");

    public void check(String userName, char[] password) {
        if (password == null || password.length == 0) {
            throw refuse("the password is empty; choose one of at least " + MIN_LENGTH + " characters");
        }
        int length = Character.codePointCount(password, 0, password.length);
        if (length > MAX_LENGTH) {
            throw refuse("the password is longer than " + MAX_LENGTH + " characters; choose a shorter one");
        }
        char[] lower = lowerCase(password);
        try {
            if (isWellKnown(lower)) {
                throw refuse("the password is a well-known default or too easy to guess; choose one nobody could "
                        + "guess, such as a few random words");
            }
            if (userName != null && !userName.isEmpty() && matches(lower, userName.toLowerCase())) {
                throw refuse("the password must not be the user name; choose one nobody could guess");
            }
        } finally {
            Arrays.fill(lower, '\0');
        }
        if (length < MIN_LENGTH) {
            throw refuse("the password is shorter than " + MIN_LENGTH + " characters; choose a longer one, such as "
                    + "a few random words");
        }
    }

    private static boolean isWellKnown(char[] lower) {
        if (allSame(lower)) {
            return true;
        }
        for (String word : WELL_KNOWN) {
            if (matches(lower, word)) {
                return true;
            }
        }
        return false;
    }

    /** Equal to {@code word}, whole or once a tail of digits and symbols is stripped. */
    private static boolean matches(char[] lower, String word) {
        return equal(lower, lower.length, word) || equal(lower, stemLength(lower), word);
    }

    private static int stemLength(char[] chars) {
        int end = chars.length;
        while (end > 0 && !Character.isLetter(chars[end - 1])) {
            end--;
        }
        return end;
    }

    private static boolean equal(char[] chars, int length, String word) {
        if (length != word.length()) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (chars[i] != word.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static boolean allSame(char[] chars) {
        for (char c : chars) {
            if (c != chars[0]) {
                return false;
            }
        }
        return true;
    }

    private static char[] lowerCase(char[] password) {
        char[] lower = new char[password.length];
        for (int i = 0; i < password.length; i++) {
            lower[i] = Character.toLowerCase(password[i]);
        }
        return lower;
    }

    private static ProblemException refuse(String detail) {
        return new ProblemException(ProblemType.BAD_REQUEST, detail);
    }
}
