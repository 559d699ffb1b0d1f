package io.mcphub.core.stack;

import java.util.Locale;
import java.util.regex.Pattern;

/** Stack and service names: DNS labels, so that they are valid as host names, container and Kubernetes names. */
final class Names {

    private static final Pattern NAME = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");

    static final String RULE = "use up to 63 lower-case letters, digits and '-', starting and ending with a letter "
            + "or digit";

    private Names() {}

    static boolean valid(String name) {
        return NAME.matcher(name).matches();
    }

    /** The nearest valid name, offered as the fix: {@code Memory_DB} becomes {@code memory-db}. */
    static String fix(String name, String fallback) {
        String fixed = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        fixed = fixed.length() > 63 ? fixed.substring(0, 63).replaceAll("-+$", "") : fixed;
        return fixed.isEmpty() ? fallback : fixed;
    }
}
