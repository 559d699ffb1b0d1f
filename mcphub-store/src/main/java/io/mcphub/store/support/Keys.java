package io.mcphub.store.support;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Keys as the bytes both backends order them by: their UTF-8 encoding, compared bytewise. */
public final class Keys {

    private Keys() {}

    public static byte[] bytes(String key) {
        return key.getBytes(StandardCharsets.UTF_8);
    }

    public static String string(byte[] key) {
        return new String(key, StandardCharsets.UTF_8);
    }

    /**
     * The smallest key above every key that starts with {@code prefix}. UTF-8 never uses 0xFF, so incrementing the last
     * byte cannot overflow and 0xFF alone bounds the empty prefix.
     */
    public static byte[] prefixEnd(byte[] prefix) {
        if (prefix.length == 0) {
            return new byte[] {(byte) 0xFF};
        }
        byte[] end = Arrays.copyOf(prefix, prefix.length);
        end[end.length - 1]++;
        return end;
    }
}
