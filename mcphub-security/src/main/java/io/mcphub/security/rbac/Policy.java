package io.mcphub.security.rbac;

import java.util.Collection;
import java.util.List;

/**
 * A named grant of permissions to users and groups: the seed's policy form. A policy that omits users or groups has
 * an empty list, never null, so readers need no null checks.
 */
public record Policy(String name, List<String> permissions, List<String> users, List<String> groups) {

    public Policy {
        permissions = permissions == null ? List.of() : List.copyOf(permissions);
        users = users == null ? List.of() : List.copyOf(users);
        groups = groups == null ? List.of() : List.copyOf(groups);
    }

    /** Whether this policy applies to {@code user}, directly or through one of {@code groups}. */
    public boolean names(String user, Collection<String> groups) {
        return users.contains(user) || this.groups.stream().anyMatch(groups::contains);
    }
}
