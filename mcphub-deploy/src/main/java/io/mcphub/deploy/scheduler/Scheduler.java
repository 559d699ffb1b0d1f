package io.mcphub.deploy.scheduler;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Pure placement logic, testable without a cluster (as Nomad's scheduler is): first every node is checked for
 * feasibility — each rejection kept with its reason —, then replicas are spread: each goes to the feasible node
 * running the fewest instances of this service, then the fewest instances overall, then by name.
 */
public final class Scheduler {

    /**
     * Places {@code demand.replicas()} instances. {@code kept} are nodes of existing instances that stay where they
     * are (a second identical apply moves nothing); they count towards the replicas and the spread.
     */
    public Decision place(Demand demand, List<NodeView> nodes, List<String> kept) {
        Map<String, List<String>> rejected = new LinkedHashMap<>();
        List<NodeView> feasible = new ArrayList<>();
        for (NodeView node : nodes.stream().sorted(Comparator.comparing(NodeView::name)).toList()) {
            List<String> reasons = new ArrayList<>();
            for (FeasibilityCheck check : Checks.ALL) {
                check.reject(demand, node).ifPresent(reasons::add);
            }
            if (reasons.isEmpty()) {
                feasible.add(node);
            } else {
                rejected.put(node.name(), reasons);
            }
        }
        Map<String, Integer> load = new HashMap<>();
        Map<String, Integer> total = new HashMap<>();
        for (NodeView n : feasible) {
            load.put(n.name(), 0);
            total.put(n.name(), n.totalInstances() - n.instancesOf(demand.serviceKey()));
        }
        List<Placement> placements = new ArrayList<>();
        for (String node : kept) {
            Optional<NodeView> view = feasible.stream().filter(n -> n.name().equals(node)).findFirst();
            if (view.isPresent() && placements.size() < demand.replicas()) {
                placements.add(placement(demand, view.get(), "kept on " + node));
                load.merge(node, 1, Integer::sum);
                total.merge(node, 1, Integer::sum);
            }
        }
        while (placements.size() < demand.replicas() && !feasible.isEmpty()) {
            NodeView best = feasible.stream()
                    .min(Comparator.comparingInt((NodeView n) -> load.get(n.name()))
                            .thenComparingInt(n -> total.get(n.name()))
                            .thenComparing(NodeView::name))
                    .orElseThrow();
            placements.add(placement(demand, best, feasible.size() == 1 ? "the only feasible node"
                    : "fewest instances of this service (" + load.get(best.name()) + ") among " + feasible.size() + " feasible nodes"));
            load.merge(best.name(), 1, Integer::sum);
            total.merge(best.name(), 1, Integer::sum);
        }
        boolean ok = placements.size() == demand.replicas();
        return new Decision(demand.serviceKey(), placements, rejected, ok, ok ? null : unplaceable(demand, nodes, rejected));
    }

    private static Placement placement(Demand demand, NodeView node, String rank) {
        RuntimeChoice.Choice choice = RuntimeChoice.choose(demand, node).orElseThrow();
        return new Placement(node.name(), choice.runtime(), choice.why() + "; " + rank);
    }

    /** One sentence naming every node and why it was rejected: `placement no node can satisfy (says why each node was rejected)`. */
    private static String unplaceable(Demand demand, List<NodeView> nodes, Map<String, List<String>> rejected) {
        if (nodes.isEmpty()) {
            return "no node has joined the hub yet; start an agent with 'mcphub agent --hub URL --join-token T'";
        }
        StringBuilder b = new StringBuilder("no node can run " + demand.serviceKey() + ": ");
        List<String> parts = new ArrayList<>();
        rejected.forEach((node, reasons) -> parts.add(node + " (" + String.join("; ", reasons) + ")"));
        b.append(String.join(", ", parts));
        return b.append("; change the service's placement or runtime, or add a node that fits").toString();
    }
}
