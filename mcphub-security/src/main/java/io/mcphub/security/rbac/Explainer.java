package io.mcphub.security.rbac;

import io.mcphub.core.error.ProblemException;
import io.mcphub.core.error.ProblemType;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Answers "may this user do this, and why?" over a fixed set of policies. Deterministic: policies are consulted in
 * name order and the first covering grant wins, so the same question always gets the same answer.
 */
final class Explainer {

    private Explainer() {}

    /** @param policies in name order */
    static Explanation explain(Collection<Policy> policies, String user, Set<String> groups, String permission,
                               String resource) {
        if (!Permissions.isPermission(permission)) {
            throw new ProblemException(ProblemType.BAD_REQUEST, "\"" + permission + "\" is not a permission to check; "
                    + "ask for VERB:TYPE such as write:config and name the resource separately");
        }
        List<Policy> naming = policies.stream().filter(p -> p.names(user, groups)).toList();
        for (Policy p : naming) {
            for (String grant : p.permissions()) {
                if (Permissions.covers(grant, permission, resource)) {
                    return new Explanation(true, user, permission, resource, p.name(), grant,
                            "policy " + p.name() + " grants " + grant + " to " + via(p, user, groups));
                }
            }
        }
        if (Permissions.covers(Permissions.READ_SELF, permission, resource)) {
            return new Explanation(true, user, permission, resource, null, Permissions.READ_SELF,
                    "every authenticated user has " + Permissions.READ_SELF);
        }
        return new Explanation(false, user, permission, resource, null, null,
                denial(naming, user, groups, permission, resource));
    }

    private static String via(Policy p, String user, Set<String> groups) {
        if (p.users().contains(user)) {
            return user;
        }
        String group = p.groups().stream().filter(groups::contains).findFirst().orElseThrow();
        return "group " + group + ", which " + user + " is in";
    }

    private static String denial(List<Policy> naming, String user, Set<String> groups, String permission,
                                 String resource) {
        String who = groups.isEmpty() ? user + " (who is in no group)" : user + " or their groups " + new TreeSet<>(groups);
        if (naming.isEmpty()) {
            return "no policy names " + who + ", and what no policy grants is denied";
        }
        List<String> scoped = new ArrayList<>();
        for (Policy p : naming) {
            List<String> scopes = p.permissions().stream()
                    .map(g -> Permissions.scopeOf(g, permission))
                    .filter(s -> s != null)
                    .toList();
            if (!scopes.isEmpty()) {
                scoped.add("policy " + p.name() + " grants " + permission + " only on " + String.join(", ", scopes)
                        + ", not on " + (resource == null ? "every resource" : resource));
            }
        }
        if (!scoped.isEmpty()) {
            return String.join("; ", scoped);
        }
        List<String> instead = naming.stream()
                .map(p -> "policy " + p.name() + " grants only " + String.join(", ", p.permissions()))
                .toList();
        return "no policy grants " + permission + " to " + who + "; " + String.join("; ", instead);
    }
}
