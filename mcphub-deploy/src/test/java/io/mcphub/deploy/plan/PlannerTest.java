package io.mcphub.deploy.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcphub.deploy.plan.InstanceChange.Action;
import io.mcphub.deploy.scheduler.Demand;
import io.mcphub.deploy.scheduler.NodeView;
import io.mcphub.deploy.scheduler.Scheduler;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PlannerTest {

    private final AtomicInteger ids = new AtomicInteger();
    private final Planner planner = new Planner(new Scheduler(), key -> key.substring(key.indexOf('/') + 1) + "-" + ids.incrementAndGet());

    private static NodeView node(String name, boolean up) {
        return new NodeView(name, up, Map.of(), Set.of("process"), Set.of("npx"), 2, 4000, Map.of());
    }

    private static DesiredService service(String key, String hash, int replicas) {
        return new DesiredService(key, hash, new Demand(key, "process", "npx", null, replicas, List.of(), Map.of(), null, null));
    }

    @Test
    void aNewServiceCreatesItsInstancesSpread() {
        Plan plan = planner.plan(List.of(service("demo/everything", "h1", 2)), List.of(), List.of(node("n1", true), node("n2", true)));
        assertThat(plan.isFeasible()).isTrue();
        ServiceChange s = plan.services().get(0);
        assertThat(s.action()).isEqualTo(ServiceChange.Action.CREATE);
        assertThat(s.instances()).extracting(InstanceChange::action, InstanceChange::node, InstanceChange::instanceId)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(Action.CREATE, "n1", "everything-1"),
                        org.assertj.core.groups.Tuple.tuple(Action.CREATE, "n2", "everything-2"));
    }

    @Test
    void aSecondIdenticalApplyPlansNothing() {
        List<CurrentInstance> current = List.of(new CurrentInstance("everything-1", "demo/everything", "n1", "process", "h1"),
                new CurrentInstance("everything-2", "demo/everything", "n2", "process", "h1"));
        Plan plan = planner.plan(List.of(service("demo/everything", "h1", 2)), current, List.of(node("n1", true), node("n2", true)));
        assertThat(plan.isEmpty()).isTrue();
        assertThat(plan.services().get(0).instances()).extracting(InstanceChange::action).containsOnly(Action.KEEP);
    }

    @Test
    void aChangedSpecReplacesEveryInstance() {
        List<CurrentInstance> current = List.of(new CurrentInstance("e-1", "demo/e", "n1", "process", "old"));
        ServiceChange s = planner.plan(List.of(service("demo/e", "new", 1)), current, List.of(node("n1", true))).services().get(0);
        assertThat(s.action()).isEqualTo(ServiceChange.Action.UPDATE);
        assertThat(s.instances()).extracting(InstanceChange::action).containsExactly(Action.CREATE, Action.DELETE);
        assertThat(s.instances().get(1).why()).isEqualTo("the service's spec changed");
    }

    @Test
    void scalingAddsOrRemovesOnlyTheDifference() {
        List<CurrentInstance> current = List.of(new CurrentInstance("e-1", "demo/e", "n1", "process", "h"));
        ServiceChange up = planner.plan(List.of(service("demo/e", "h", 3)), current, List.of(node("n1", true), node("n2", true))).services().get(0);
        assertThat(up.action()).isEqualTo(ServiceChange.Action.SCALE);
        assertThat(up.instances()).extracting(InstanceChange::action).containsExactly(Action.KEEP, Action.CREATE, Action.CREATE);

        List<CurrentInstance> three = List.of(new CurrentInstance("e-1", "demo/e", "n1", "process", "h"),
                new CurrentInstance("e-2", "demo/e", "n2", "process", "h"), new CurrentInstance("e-3", "demo/e", "n1", "process", "h"));
        ServiceChange down = planner.plan(List.of(service("demo/e", "h", 1)), three, List.of(node("n1", true), node("n2", true))).services().get(0);
        assertThat(down.instances()).filteredOn(c -> c.action() == Action.DELETE).hasSize(2)
                .allSatisfy(c -> assertThat(c.why()).isEqualTo("more instances than replicas"));
    }

    @Test
    void instancesOfADownNodeAreRescheduled() {
        List<CurrentInstance> current = List.of(new CurrentInstance("e-1", "demo/e", "n1", "process", "h"));
        ServiceChange s = planner.plan(List.of(service("demo/e", "h", 1)), current, List.of(node("n1", false), node("n2", true))).services().get(0);
        assertThat(s.instances()).extracting(InstanceChange::action, InstanceChange::node)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(Action.CREATE, "n2"), org.assertj.core.groups.Tuple.tuple(Action.DELETE, "n1"));
        assertThat(s.instances().get(1).why()).isEqualTo("node n1 can no longer run it");
    }

    @Test
    void servicesDroppedFromTheStackAreDeleted() {
        List<CurrentInstance> current = List.of(new CurrentInstance("old-1", "demo/old", "n1", "process", "h"));
        Plan plan = planner.plan(List.of(), current, List.of(node("n1", true)));
        assertThat(plan.services()).singleElement().satisfies(s -> {
            assertThat(s.action()).isEqualTo(ServiceChange.Action.DELETE);
            assertThat(s.instances().get(0).why()).isEqualTo("service removed from the stack");
        });
    }

    @Test
    void anUnplaceableServiceIsAProblemAndThePlanIsNotFeasible() {
        Plan plan = planner.plan(List.of(service("demo/e", "h", 1)), List.of(), List.of(node("n1", false)));
        assertThat(plan.isFeasible()).isFalse();
        assertThat(plan.problems()).singleElement().asString().startsWith("no node can run demo/e: n1 (node is down)");
    }

    @Test
    void aServiceThatRunsNothingIsCreatedOnceThenUnchanged() {
        List<DesiredService> desired = List.of(service("demo/off", "h", 0));
        assertThat(planner.plan(desired, List.of(), List.of(node("n1", true)), Set.of()).services().get(0).action())
                .isEqualTo(ServiceChange.Action.CREATE);
        Plan again = planner.plan(desired, List.of(), List.of(node("n1", true)), Set.of("demo/off"));
        assertThat(again.services().get(0).action()).isEqualTo(ServiceChange.Action.UNCHANGED);
        assertThat(again.isEmpty()).isTrue();
    }

    @Test
    void aServiceThatRanNothingIsDeletedWhenItLeavesTheStack() {
        Plan plan = planner.plan(List.of(service("demo/kept", "h", 0)), List.of(), List.of(node("n1", true)),
                Set.of("demo/kept", "demo/off"));

        assertThat(plan.services()).extracting(ServiceChange::serviceKey, ServiceChange::action).containsExactly(
                org.assertj.core.groups.Tuple.tuple("demo/kept", ServiceChange.Action.UNCHANGED),
                org.assertj.core.groups.Tuple.tuple("demo/off", ServiceChange.Action.DELETE));
        assertThat(plan.isEmpty()).isFalse();
    }
}
