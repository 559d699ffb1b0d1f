package io.mcphub.core.stack;

import java.util.regex.Pattern;

/**
 * The configuration center's key syntax ({@code SERVICE} or {@code SERVICE/NAME}). The config module owns keys, but
 * core cannot depend on it, so the rule is restated here and must follow {@code io.mcphub.config.ConfigKey}.
 */
final class ConfigKeys {

    private static final Pattern SEGMENT = Pattern.compile("[a-z0-9]([a-z0-9._-]{0,61}[a-z0-9])?");

    static final String RULE = "use SERVICE or SERVICE/NAME with lower-case letters, digits, '.', '_' and '-', "
            + "e.g. payment or payment/db";

    private ConfigKeys() {}

    static boolean valid(String key) {
        String[] parts = key.split("/", -1);
        if (parts.length > 2) {
            return false;
        }
        for (String part : parts) {
            if (!SEGMENT.matcher(part).matches()) {
                return false;
            }
        }
        return true;
    }
}
