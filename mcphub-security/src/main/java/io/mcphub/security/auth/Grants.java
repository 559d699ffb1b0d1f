package io.mcphub.security.auth;

/** Matching of one grant against a requested permission and resource. */
final class Grants {

    private Grants() {}

    /**
     * {@code *} covers all; {@code read:config} covers {@code read:config} on any resource;
     * {@code read:config:payment/*} covers resources {@code payment} and below, {@code read:config:payment} exactly it.
     */
    static boolean covers(String grant, String permission, String resource) {
        if (grant.equals(Principal.ALL) || grant.equals(permission)) {
            return true;
        }
        if (!grant.startsWith(permission + ":")) {
            return false;
        }
        if (resource == null) {
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
