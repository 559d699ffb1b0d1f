package io.mcphub.hub.cluster;

import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * A stack as last applied: the text as written (re-parsed when scaling or rescheduling), who applied it, when, and
 * the edits made since — replicas set by {@code service scale}, services removed by {@code service delete} — which,
 * as with {@code kubectl scale}, the next apply of the file resets.
 */
public record StackRecord(String name, String text, String format, String appliedBy, Instant appliedAt,
                          Map<String, Integer> scaled, Set<String> removed) {

    public StackRecord {
        scaled = scaled == null ? Map.of() : Map.copyOf(scaled);
        removed = removed == null ? Set.of() : Set.copyOf(removed);
    }

    StackRecord withScale(String service, int replicas) {
        Map<String, Integer> next = new HashMap<>(scaled);
        next.put(service, replicas);
        return new StackRecord(name, text, format, appliedBy, appliedAt, next, removed);
    }

    StackRecord without(String service) {
        Set<String> next = new HashSet<>(removed);
        next.add(service);
        return new StackRecord(name, text, format, appliedBy, appliedAt, scaled, next);
    }
}
