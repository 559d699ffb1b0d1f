package io.mcphub.security.rbac;

/**
 * The permission language: {@code VERB:TYPE} ({@code read:config}), optionally scoped to resources
 * ({@code write:config:payment/*}, {@code call:tool:amap/*}); {@code *} alone grants everything.
 */
public final class Permissions {

    public static final String ALL = "*";

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
}
