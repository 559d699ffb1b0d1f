package io.mcphub.core.stack;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.SequencedMap;

/**
 * The dependency graph of a stack's services ({@code a → b}: a depends on b, so b starts first). Every order is
 * stable: among services free to go at the same time, the one declared first goes first, so the same spec always
 * yields the same plan.
 */
public final class Dependencies {

    private final List<String> declared;
    private final Map<String, Integer> index = new HashMap<>();
    private final Map<String, List<String>> edges = new LinkedHashMap<>();

    private Dependencies(SequencedMap<String, ? extends Collection<String>> dependsOn) {
        this.declared = List.copyOf(dependsOn.keySet());
        for (int i = 0; i < declared.size(); i++) {
            index.put(declared.get(i), i);
        }
        dependsOn.forEach((service, deps) -> {
            for (String dep : deps) {
                if (!index.containsKey(dep)) {
                    throw new IllegalArgumentException(service + " depends on " + dep + ", which is not declared");
                }
            }
            edges.put(service, List.copyOf(new LinkedHashSet<>(deps)));
        });
    }

    public static Dependencies of(Stack stack) {
        SequencedMap<String, List<String>> dependsOn = new LinkedHashMap<>();
        stack.services().forEach((name, spec) -> dependsOn.put(name, spec.dependsOn()));
        return new Dependencies(dependsOn);
    }

    /**
     * @param dependsOn every service, in declaration order, with the services it depends on
     * @throws IllegalArgumentException if a dependency is not itself a key
     */
    public static Dependencies of(SequencedMap<String, ? extends Collection<String>> dependsOn) {
        return new Dependencies(dependsOn);
    }

    /** The services a service depends on directly, without repeats, in the order declared. */
    public List<String> dependenciesOf(String service) {
        List<String> deps = edges.get(service);
        if (deps == null) {
            throw new IllegalArgumentException("no service " + service);
        }
        return deps;
    }

    public boolean hasCycle() {
        return !cycles().isEmpty();
    }

    /**
     * Every service after all it depends on; ties go to the service declared first (Kahn's algorithm with a
     * declaration-order queue), so the result stays as close to the spec's order as the dependencies allow.
     *
     * @throws IllegalStateException if the services form a cycle
     */
    public List<String> startOrder() {
        requireAcyclic();
        Map<String, Integer> waitingOn = new HashMap<>();
        Map<String, List<String>> dependents = new HashMap<>();
        for (String service : declared) {
            waitingOn.put(service, edges.get(service).size());
            for (String dep : edges.get(service)) {
                dependents.computeIfAbsent(dep, d -> new ArrayList<>()).add(service);
            }
        }
        PriorityQueue<String> ready = new PriorityQueue<>((a, b) -> Integer.compare(index.get(a), index.get(b)));
        declared.stream().filter(s -> waitingOn.get(s) == 0).forEach(ready::add);
        List<String> order = new ArrayList<>(declared.size());
        while (!ready.isEmpty()) {
            String next = ready.poll();
            order.add(next);
            for (String dependent : dependents.getOrDefault(next, List.of())) {
                if (waitingOn.merge(dependent, -1, Integer::sum) == 0) {
                    ready.add(dependent);
                }
            }
        }
        return List.copyOf(order);
    }

    /** Dependents before what they depend on: the order to stop a stack in. */
    public List<String> stopOrder() {
        return startOrder().reversed();
    }

    /**
     * Services grouped into waves that can start together: level 0 depends on nothing, level n only on levels
     * below n (and on at least one service of level n − 1). Each level lists services in declaration order.
     *
     * @throws IllegalStateException if the services form a cycle
     */
    public List<List<String>> levels() {
        Map<String, Integer> level = new HashMap<>();
        List<List<String>> levels = new ArrayList<>();
        for (String service : startOrder()) {
            int l = edges.get(service).stream().mapToInt(dep -> level.get(dep) + 1).max().orElse(0);
            level.put(service, l);
            while (levels.size() <= l) {
                levels.add(new ArrayList<>());
            }
            levels.get(l).add(service);
        }
        levels.forEach(wave -> wave.sort((a, b) -> Integer.compare(index.get(a), index.get(b))));
        return levels.stream().map(List::copyOf).toList();
    }

    /**
     * The cycles a depth-first search finds, visiting services and their dependencies in declaration order. Each is
     * closed ({@code [a, b, c, a]}: a depends on b, b on c, c on a) and starts at the service the search reached
     * first, so its last edge is the one that closes it. A service depending on itself is {@code [a, a]}.
     */
    public List<List<String>> cycles() {
        return new CycleFinder().find();
    }

    private void requireAcyclic() {
        List<List<String>> cycles = cycles();
        if (!cycles.isEmpty()) {
            throw new IllegalStateException("services form a cycle: " + String.join(" → ", cycles.get(0)));
        }
    }

    private final class CycleFinder {
        private final Map<String, Boolean> onPath = new HashMap<>(); // absent: unvisited; false: done
        private final List<String> path = new ArrayList<>();
        private final List<List<String>> found = new ArrayList<>();

        List<List<String>> find() {
            declared.forEach(this::visit);
            return List.copyOf(found);
        }

        private void visit(String service) {
            if (onPath.containsKey(service)) {
                return;
            }
            onPath.put(service, true);
            path.add(service);
            for (String dep : edges.get(service)) {
                if (Boolean.TRUE.equals(onPath.get(dep))) {
                    List<String> cycle = new ArrayList<>(path.subList(path.indexOf(dep), path.size()));
                    cycle.add(dep);
                    found.add(List.copyOf(cycle));
                } else {
                    visit(dep);
                }
            }
            path.removeLast();
            onPath.put(service, false);
        }
    }
}
