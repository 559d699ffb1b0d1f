package io.mcphub.security.rbac;

import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;

/**
 * The policies as of one store revision, indexed by user and by group so that resolving a caller's grants costs a
 * few hash lookups instead of a scan. Immutable: readers use it without locks while a newer one is being built.
 */
record PolicySnapshot(NavigableMap<String, Policy> byName, long revision,
                      Map<String, Set<String>> grantsByUser, Map<String, Set<String>> grantsByGroup) {

    static PolicySnapshot of(Map<String, Policy> policies, long revision) {
        Map<String, Set<String>> byUser = new HashMap<>();
        Map<String, Set<String>> byGroup = new HashMap<>();
        for (Policy p : policies.values()) {
            p.users().forEach(u -> byUser.computeIfAbsent(u, k -> new HashSet<>()).addAll(p.permissions()));
            p.groups().forEach(g -> byGroup.computeIfAbsent(g, k -> new HashSet<>()).addAll(p.permissions()));
        }
        return new PolicySnapshot(Collections.unmodifiableNavigableMap(new TreeMap<>(policies)), revision,
                Map.copyOf(byUser), Map.copyOf(byGroup));
    }

    /** The union of what the policies naming {@code user} or one of {@code groups} grant, plus {@code read:self}. */
    Set<String> grantsFor(String user, Set<String> groups) {
        Set<String> grants = new HashSet<>();
        grants.add(Permissions.READ_SELF);
        grants.addAll(grantsByUser.getOrDefault(user, Set.of()));
        for (String group : groups) {
            grants.addAll(grantsByGroup.getOrDefault(group, Set.of()));
        }
        return Set.copyOf(grants);
    }

    List<Policy> policies() {
        return List.copyOf(byName.values());
    }
}
