package io.mcphub.hub.cluster;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * A stack as last applied: the text as written (re-parsed when scaling or rescheduling), who applied it, when, and
 * the replicas set since by {@code service scale} — which, as with {@code kubectl scale}, the next apply of the
 * file resets.
 */
public record StackRecord(String name, String text, String format, String appliedBy, Instant appliedAt,
                          Map<String, Integer> scaled) {

    public StackRecord {
        scaled = scaled == null ? Map.of() : Map.copyOf(scaled);
    }

    StackRecord withScale(String service, int replicas) {
        Map<String, Integer> next = new HashMap<>(scaled);
        next.put(service, replicas);
        return new StackRecord(name, text, format, appliedBy, appliedAt, next);
    }
}
