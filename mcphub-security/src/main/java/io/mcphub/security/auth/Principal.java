package io.mcphub.security.auth;

import io.mcphub.security.rbac.Permissions;
import java.util.Set;

/**
 * Who is calling and what they may do. {@code grants} come from the RBAC policies that name the user or one of
 * their groups; an API token may further {@code restrictTo} a subset (null: no restriction), so a token can never
 * do more than its owner.
 *
 * @param via how the caller authenticated, for audit: {@code jwt} or {@code api-token:ID}
 */
public record Principal(String name, Set<String> groups, Set<String> grants, Set<String> restrictTo, String via) {

    public Principal {
        groups = Set.copyOf(groups);
        grants = Set.copyOf(grants);
        restrictTo = restrictTo == null ? null : Set.copyOf(restrictTo);
    }

    /** Whether {@code permission} (e.g. {@code read:config}) is granted on {@code resource} (may be null). */
    public boolean allows(String permission, String resource) {
        return anyCovers(grants, permission, resource) && (restrictTo == null || anyCovers(restrictTo, permission, resource));
    }

    /** Whether {@code permission} is granted on {@code base} or on something below it (see {@link Permissions#coversSomeWithin}). */
    public boolean allowsSomeWithin(String permission, String base) {
        return anyCoversWithin(grants, permission, base) && (restrictTo == null || anyCoversWithin(restrictTo, permission, base));
    }

    private static boolean anyCoversWithin(Set<String> grants, String permission, String base) {
        return grants.stream().anyMatch(g -> Permissions.coversSomeWithin(g, permission, base));
    }

    private static boolean anyCovers(Set<String> grants, String permission, String resource) {
        for (String grant : grants) {
            if (Permissions.covers(grant, permission, resource)) {
                return true;
            }
        }
        return false;
    }
}
