package io.mcphub.security.pki;

import io.mcphub.core.error.ProblemException;
import io.mcphub.core.error.ProblemType;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Names that go into certificates. A node name becomes the agent certificate's CN and its DNS name, so it must be a
 * DNS name; checking it here keeps odd characters out of distinguished names, where they would need escaping.
 */
public final class NodeNames {

    private static final String LABEL = "[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?";
    private static final Pattern DNS_NAME = Pattern.compile(LABEL + "(\\." + LABEL + ")*");
    private static final int MAX_LENGTH = 253;

    private NodeNames() {}

    public static void check(String nodeName) {
        if (!valid(nodeName)) {
            throw new ProblemException(ProblemType.BAD_REQUEST, "node name '" + shown(nodeName) + "' is not valid; use "
                    + "lower-case letters, digits, '-' and '.', as in a DNS name of up to " + MAX_LENGTH + " characters");
        }
    }

    /** A host name for a server certificate; a leading {@code *.} asks for a wildcard. */
    static void checkHost(String host) {
        String rest = host != null && host.startsWith("*.") ? host.substring(2) : host;
        if (!valid(rest == null ? null : rest.toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException("'" + shown(host) + "' is not a DNS name a certificate can carry");
        }
    }

    private static boolean valid(String name) {
        return name != null && name.length() <= MAX_LENGTH && DNS_NAME.matcher(name).matches();
    }

    /** Names come from remote callers: echo them back only in part. */
    static String shown(String name) {
        return name == null ? "" : name.length() > 64 ? name.substring(0, 64) + "…" : name;
    }
}
