package io.mcphub.security.auth;

import java.util.Set;

/**
 * Who is calling, and what they were granted. A grant is a permission such as {@code read:config}, optionally
 * scoped to resources ({@code write:config:payment/*}); {@code *} grants everything. The RBAC layer will compute
 * grants from policies; for now API tokens carry them directly.
 */
public record Principal(String name, Set<String> grants) {

    public static final String ALL = "*";

    public Principal {
        grants = Set.copyOf(grants);
    }

    /** Whether {@code permission} (e.g. {@code read:config}) is granted on {@code resource} (may be null). */
    public boolean allows(String permission, String resource) {
        for (String grant : grants) {
            if (Grants.covers(grant, permission, resource)) {
                return true;
            }
        }
        return false;
    }
}
