package io.mcphub.core.stack;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One value of a configuration-center document, handed to an instance in an environment variable: written
 * {@code CONFIG-KEY#/json/pointer}, e.g. {@code payment/db#/password}. The stack names the secret; its value stays in
 * the configuration center, encrypted, and never appears in a plan.
 */
public record SecretRef(String key, String pointer) {

    /** RFC 6901: '~' only as the escapes ~0 and ~1. */
    private static final Pattern POINTER = Pattern.compile("(/([^~/]|~[01])*)+");

    public SecretRef {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(pointer, "pointer");
    }

    /** Empty unless the text is a config key, '#', and a non-empty JSON pointer. */
    public static Optional<SecretRef> parse(String text) {
        int hash = text.indexOf('#');
        if (hash < 0) {
            return Optional.empty();
        }
        String key = text.substring(0, hash);
        String pointer = text.substring(hash + 1);
        return ConfigKeys.valid(key) && POINTER.matcher(pointer).matches()
                ? Optional.of(new SecretRef(key, pointer)) : Optional.empty();
    }

    /** The written form back, as stored specs carry it; the stack parser has refused any other already. */
    @JsonCreator
    public static SecretRef of(String text) {
        return parse(text).orElseThrow(() -> new IllegalArgumentException("\"" + text + "\" is not CONFIG-KEY#/json/pointer"));
    }

    @JsonValue
    @Override
    public String toString() {
        return key + "#" + pointer;
    }
}
