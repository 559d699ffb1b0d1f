package io.mcphub.core.topology;

import io.mcphub.core.stack.ServiceSpec;
import io.mcphub.core.stack.Stack;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A stack's services and where their instances run, ordered so that the same state always renders the same text:
 * services in declaration order, nodes by name, instances by service then id.
 *
 * @param unplaced instances that wait for a node
 */
public record Topology(String name, List<Service> services, List<Node> nodes, List<PlacedInstance> unplaced) {

    /**
     * @param summary  e.g. {@code mcp, stdio, 2 replicas}
     * @param declared false for a service that still has instances but is no longer in the stack
     */
    public record Service(String name, List<String> dependsOn, String summary, boolean declared) {}

    public record Node(String name, List<PlacedInstance> instances) {}

    public Topology {
        services = List.copyOf(services);
        nodes = List.copyOf(nodes);
        unplaced = List.copyOf(unplaced);
    }

    public static Topology of(Stack stack, List<PlacedInstance> instances) {
        Map<String, Service> services = new LinkedHashMap<>();
        stack.services().values().forEach(s -> services.put(s.name(), new Service(s.name(), s.dependsOn(),
                summary(s), true)));
        Map<String, Integer> order = new HashMap<>();
        services.keySet().forEach(name -> order.put(name, order.size()));
        for (PlacedInstance i : instances) {
            if (!services.containsKey(i.service())) {
                services.put(i.service(), new Service(i.service(), List.of(), "not in the stack", false));
                order.put(i.service(), order.size());
            }
        }
        Comparator<PlacedInstance> byService = Comparator.comparing((PlacedInstance i) -> order.get(i.service()))
                .thenComparing(PlacedInstance::id);
        Map<String, List<PlacedInstance>> byNode = new TreeMap<>();
        List<PlacedInstance> unplaced = new ArrayList<>();
        for (PlacedInstance i : instances) {
            (i.node() == null ? unplaced : byNode.computeIfAbsent(i.node(), n -> new ArrayList<>())).add(i);
        }
        List<Node> nodes = byNode.entrySet().stream()
                .map(e -> new Node(e.getKey(), e.getValue().stream().sorted(byService).toList()))
                .toList();
        return new Topology(stack.name(), List.copyOf(services.values()), nodes,
                unplaced.stream().sorted(byService).toList());
    }

    public String render(TopologyFormat format) {
        return Objects.requireNonNull(format, "format").render(this);
    }

    private static String summary(ServiceSpec s) {
        String how = s.external() ? "at " + s.url()
                : s.replicas() + (s.replicas() == 1 ? " replica" : " replicas");
        return s.type().spelling() + (s.transport() == null ? "" : ", " + s.transport().spelling()) + ", " + how;
    }
}
