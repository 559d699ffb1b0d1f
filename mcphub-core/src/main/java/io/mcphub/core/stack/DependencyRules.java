package io.mcphub.core.stack;

import io.mcphub.core.text.Suggestions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.SequencedMap;

/** What {@code dependsOn} must satisfy across services: every name declared, and no cycle. */
final class DependencyRules {

    private DependencyRules() {}

    static void check(SequencedMap<String, List<Text>> dependsOn, Problems problems) {
        List<String> declared = List.copyOf(dependsOn.keySet());
        SequencedMap<String, List<String>> known = new LinkedHashMap<>();
        dependsOn.forEach((service, deps) -> {
            List<String> names = new ArrayList<>();
            for (Text dep : deps) {
                if (declared.contains(dep.value())) {
                    names.add(dep.value());
                } else {
                    problems.report(dep.at(), unknown(dep.value(), declared));
                }
            }
            known.put(service, names);
        });
        for (List<String> cycle : Dependencies.of(known).cycles()) {
            String closer = cycle.get(cycle.size() - 2);
            String closed = cycle.getLast();
            Text edge = dependsOn.get(closer).stream().filter(t -> t.value().equals(closed)).findFirst().orElseThrow();
            problems.report(edge.at(), cycle.size() == 2
                    ? Quote.of(closer) + " depends on itself; remove it from dependsOn"
                    : "services form a cycle: " + String.join(" → ", cycle) + "; remove one of these dependencies");
        }
    }

    private static String unknown(String name, List<String> declared) {
        String hint = Suggestions.hint(name, declared);
        return "unknown service " + Quote.of(name)
                + (hint.isEmpty() ? "; the stack declares " + String.join(", ", declared) : hint);
    }
}
