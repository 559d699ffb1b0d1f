package io.mcphub.deploy.plan;

import io.mcphub.deploy.plan.InstanceChange.Action;
import io.mcphub.deploy.scheduler.Decision;
import io.mcphub.deploy.scheduler.NodeView;
import io.mcphub.deploy.scheduler.Placement;
import io.mcphub.deploy.scheduler.Scheduler;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Compares what an apply wants with what the hub has placed and says what must change — like {@code nomad job plan}:
 * nothing is touched here. Instances of an unchanged spec stay where they are if their node is still feasible;
 * a changed spec replaces its instances; services no longer wanted lose theirs.
 */
public final class Planner {

    private final Scheduler scheduler;
    private final Function<String, String> newInstanceId;

    /** {@code newInstanceId} makes an id from a service key; tests pass a deterministic one. */
    public Planner(Scheduler scheduler, Function<String, String> newInstanceId) {
        this.scheduler = scheduler;
        this.newInstanceId = newInstanceId;
    }

    /**
     * @param desired  the services of the applied stack, in start (dependency) order
     * @param current  instances the hub has placed for this stack
     * @param nodes    every known node with its current load
     */
    public Plan plan(List<DesiredService> desired, List<CurrentInstance> current, List<NodeView> nodes) {
        return plan(desired, current, nodes, Set.of());
    }

    /**
     * As {@link #plan(List, List, List)}, knowing which services were applied before: a service new to the stack is
     * a {@code create}, and one gone from it a {@code delete}, even when it runs nothing (replicas 0, or one the hub
     * only routes to).
     */
    public Plan plan(List<DesiredService> desired, List<CurrentInstance> current, List<NodeView> nodes, Set<String> known) {
        Map<String, List<CurrentInstance>> byService = new HashMap<>();
        for (CurrentInstance i : current) {
            byService.computeIfAbsent(i.serviceKey(), k -> new ArrayList<>()).add(i);
        }
        List<ServiceChange> changes = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (DesiredService service : desired) {
            List<CurrentInstance> existing = byService.getOrDefault(service.serviceKey(), List.of());
            byService.remove(service.serviceKey());
            List<CurrentInstance> reusable = existing.stream().filter(i -> i.specHash().equals(service.specHash())).toList();
            Decision decision = scheduler.place(service.demand(), nodes, reusable.stream().map(CurrentInstance::node).toList());
            if (!decision.feasible()) {
                problems.add(decision.explanation());
            }
            ServiceChange change = change(service, existing, reusable, decision, nodes.stream().map(NodeView::name).toList());
            if (change.action() == ServiceChange.Action.UNCHANGED && existing.isEmpty() && !known.contains(service.serviceKey())) {
                change = new ServiceChange(change.serviceKey(), ServiceChange.Action.CREATE, change.instances(), change.decision());
            }
            changes.add(change);
        }
        byService.forEach((key, instances) -> changes.add(new ServiceChange(key, ServiceChange.Action.DELETE,
                instances.stream().map(i -> new InstanceChange(Action.DELETE, i.id(), i.node(), i.runtime(), "service removed from the stack")).toList(),
                null)));
        // A service that ran nothing leaves no instances behind to show its removal; the known set still does.
        Set<String> desiredKeys = desired.stream().map(DesiredService::serviceKey).collect(java.util.stream.Collectors.toSet());
        known.stream().filter(k -> !desiredKeys.contains(k) && !byService.containsKey(k)).sorted()
                .forEach(k -> changes.add(new ServiceChange(k, ServiceChange.Action.DELETE, List.of(), null)));
        return new Plan(List.copyOf(changes), List.copyOf(problems));
    }

    private ServiceChange change(DesiredService service, List<CurrentInstance> existing, List<CurrentInstance> reusable, Decision decision,
                                 List<String> nodes) {
        List<InstanceChange> instances = new ArrayList<>();
        List<CurrentInstance> unclaimed = new ArrayList<>(reusable);
        for (Placement p : decision.placements()) {
            CurrentInstance kept = claim(unclaimed, p.node());
            if (kept != null) {
                instances.add(new InstanceChange(Action.KEEP, kept.id(), kept.node(), kept.runtime(), p.why()));
            } else {
                instances.add(new InstanceChange(Action.CREATE, newInstanceId.apply(service.serviceKey()), p.node(), p.runtime(), p.why()));
            }
        }
        Set<String> kept = new HashSet<>();
        instances.stream().filter(c -> c.action() == Action.KEEP).forEach(c -> kept.add(c.instanceId()));
        for (CurrentInstance i : existing) {
            if (!kept.contains(i.id())) {
                String why = !i.specHash().equals(service.specHash()) ? "the service's spec changed"
                        : decision.rejected().containsKey(i.node()) || nodes.stream().noneMatch(n -> n.equals(i.node()))
                        ? "node " + i.node() + " can no longer run it" : "more instances than replicas";
                instances.add(new InstanceChange(Action.DELETE, i.id(), i.node(), i.runtime(), why));
            }
        }
        return new ServiceChange(service.serviceKey(), action(existing, reusable, instances), instances, decision);
    }

    private static CurrentInstance claim(List<CurrentInstance> unclaimed, String node) {
        for (CurrentInstance i : unclaimed) {
            if (i.node().equals(node)) {
                unclaimed.remove(i);
                return i;
            }
        }
        return null;
    }

    private static ServiceChange.Action action(List<CurrentInstance> existing, List<CurrentInstance> reusable, List<InstanceChange> instances) {
        if (existing.isEmpty()) {
            // A service that runs nothing (replicas 0, or one the hub only routes to) has nothing to create.
            return instances.isEmpty() ? ServiceChange.Action.UNCHANGED : ServiceChange.Action.CREATE;
        }
        if (reusable.size() < existing.size()) {
            return ServiceChange.Action.UPDATE;
        }
        boolean moves = instances.stream().anyMatch(c -> c.action() != Action.KEEP);
        return moves ? ServiceChange.Action.SCALE : ServiceChange.Action.UNCHANGED;
    }
}
