package io.mcphub.config;

import io.mcphub.core.error.ProblemException;
import io.mcphub.core.error.ProblemType;
import java.util.regex.Pattern;

/** A document's address: {@code SERVICE} or {@code SERVICE/NAME}, each part a DNS-label-like name. */
public record ConfigKey(String value) {

    private static final Pattern SEGMENT = Pattern.compile("[a-z0-9]([a-z0-9._-]{0,61}[a-z0-9])?");

    public ConfigKey {
        String[] parts = value == null ? new String[0] : value.split("/", -1);
        boolean ok = parts.length >= 1 && parts.length <= 2;
        for (String part : parts) {
            ok &= SEGMENT.matcher(part).matches();
        }
        if (!ok) {
            throw new ProblemException(ProblemType.BAD_REQUEST, "invalid configuration key \"" + value
                    + "\": use SERVICE or SERVICE/NAME with lower-case letters, digits, '.', '_' and '-', e.g. payment or payment/db");
        }
    }

    public static ConfigKey of(String value) {
        return new ConfigKey(value);
    }

    /** The service part: what the deployment engine and the gateway attach this document to. */
    public String service() {
        int slash = value.indexOf('/');
        return slash < 0 ? value : value.substring(0, slash);
    }

    @Override
    public String toString() {
        return value;
    }
}
