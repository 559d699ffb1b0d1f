package io.mcphub.security.rbac;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * The permission language: {@code VERB:TYPE} ({@code read:config}), optionally scoped to resources
 * ({@code write:config:payment/*}, {@code call:tool:amap/*}); {@code *} alone grants everything.
 */
public final class Permissions {

    public static final String ALL = "*";

    /** Every authenticated caller may see who they are, whatever the policies say. */
    public static final String READ_SELF = "read:self";

    private static final String WORD = "[a-z][a-z0-9-]*";
    // Resource names keep their case: MCP tool names such as getWeather are often camelCase.
    private static final String SEGMENT = "[A-Za-z0-9_][A-Za-z0-9._-]*";
    private static final Pattern PERMISSION = Pattern.compile(WORD + ":" + WORD);
    private static final Pattern GRANT = Pattern.compile(
            "\\*|" + WORD + ":" + WORD + "(:(\\*|" + SEGMENT + "(/" + SEGMENT + ")*(/\\*)?))?");

    /** The verbs the hub's routes and the gateway ask for; a typo such as {@code raed} would silently grant nothing. */
    public static final Set<String> VERBS = Set.of("read", "write", "call");

    private Permissions() {}

    /**
     * Whether {@code grant} covers {@code permission} on {@code resource} (null when the route names none).
     * {@code read:config} covers every resource; {@code read:config:payment/*} covers {@code payment} and everything
     * below it; {@code read:config:payment} exactly {@code payment}; a scoped grant never covers an unscoped request.
     */
    public static boolean covers(String grant, String permission, String resource) {
        if (grant.equals(ALL) || grant.equals(permission)) {
            return true;
        }
        if (!grant.startsWith(permission + ":") || resource == null) {
            return false;
        }
        String scope = grant.substring(permission.length() + 1);
        if (scope.equals("*")) {
            return true;
        }
        if (scope.endsWith("/*")) {
            String base = scope.substring(0, scope.length() - 2);
            return resource.equals(base) || resource.startsWith(base + "/");
        }
        return scope.equals(resource);
    }

    /**
     * Whether {@code grant} covers {@code permission} on {@code base} or on anything below it ({@code base/…}): the
     * gateway shows a service to a caller who may call at least one of its tools, e.g. {@code call:tool:svc/echo}.
     */
    public static boolean coversSomeWithin(String grant, String permission, String base) {
        if (covers(grant, permission, base)) {
            return true;
        }
        String scope = scopeOf(grant, permission);
        return scope != null && scope.startsWith(base + "/");
    }

    /** Whether {@code grant} is something a policy may hold: {@code *}, {@code VERB:TYPE} or {@code VERB:TYPE:SCOPE}. */
    public static boolean isGrant(String grant) {
        return grant != null && GRANT.matcher(grant).matches() && (grant.equals(ALL) || VERBS.contains(verb(grant)));
    }

    /** A grant that is well formed but whose verb the hub never asks for, or null. */
    public static String unknownVerb(String grant) {
        return grant != null && GRANT.matcher(grant).matches() && !grant.equals(ALL) && !VERBS.contains(verb(grant))
                ? verb(grant) : null;
    }

    private static String verb(String grant) {
        return grant.substring(0, grant.indexOf(':'));
    }

    /** Whether {@code permission} is what a route asks for: {@code VERB:TYPE}, never scoped (the resource is separate). */
    public static boolean isPermission(String permission) {
        return permission != null && PERMISSION.matcher(permission).matches();
    }

    /** The {@code SCOPE} of a {@code VERB:TYPE:SCOPE} grant of {@code permission}, or null if it grants another one. */
    static String scopeOf(String grant, String permission) {
        return grant.startsWith(permission + ":") ? grant.substring(permission.length() + 1) : null;
    }
}
