package io.mcphub.security.auth;

import java.util.Set;

/** What the RBAC policies grant a user: implemented by {@code rbac.Policies}, used when a caller authenticates. */
public interface GrantResolver {

    Set<String> grantsFor(String user, Set<String> groups);
}
