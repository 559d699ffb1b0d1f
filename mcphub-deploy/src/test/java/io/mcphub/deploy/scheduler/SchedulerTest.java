package io.mcphub.deploy.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SchedulerTest {

    private final Scheduler scheduler = new Scheduler();

    private static NodeView node(String name, Set<String> commands, Map<String, String> labels, Map<String, Integer> load) {
        return new NodeView(name, true, labels, Set.of("process"), commands, 4, 8000, load);
    }

    private static NodeView node(String name) {
        return node(name, Set.of("node", "npx"), Map.of(), Map.of());
    }

    private static Demand npx(String key, String runtime, int replicas) {
        return new Demand(key, runtime, "npx", null, replicas, List.of(), Map.of(), null, null);
    }

    @Test
    void replicasSpreadAcrossNodes() {
        Decision d = scheduler.place(npx("demo/everything", "process", 2), List.of(node("n1"), node("n2")), List.of());
        assertThat(d.feasible()).isTrue();
        assertThat(d.placements()).extracting(Placement::node).containsExactly("n1", "n2");
        assertThat(d.placements().get(0).why()).contains("runtime process asked for; the node has npx");
    }

    @Test
    void threeReplicasOnTwoNodesBalanceAndExistingPlacementsStay() {
        Decision d = scheduler.place(npx("demo/e", "process", 3), List.of(node("n1"), node("n2")), List.of("n2"));
        assertThat(d.placements()).extracting(Placement::node).containsExactly("n2", "n1", "n1");
        assertThat(d.placements().get(0).why()).contains("kept on n2");
    }

    @Test
    void autoPicksAProcessWhereTheCommandIsAndExplainsIt() {
        NodeView bare = node("bare", Set.of(), Map.of(), Map.of());
        NodeView withNode = node("withnode");
        Decision d = scheduler.place(npx("demo/memory", "auto", 1), List.of(bare, withNode), List.of());
        assertThat(d.placements()).singleElement().satisfies(p -> {
            assertThat(p.node()).isEqualTo("withnode");
            assertThat(p.runtime()).isEqualTo("process");
            assertThat(p.why()).startsWith("auto: the node has npx, so a plain process");
        });
        assertThat(d.rejected()).containsOnlyKeys("bare");
    }

    @Test
    void autoFallsBackToDockerForAnImage() {
        NodeView docker = new NodeView("d1", true, Map.of(), Set.of("process", "docker"), Set.of(), 2, 4000, Map.of());
        Demand demand = new Demand("s/api", "auto", "npx", "mcp/time:1", 1, List.of(), Map.of(), null, null);
        assertThat(scheduler.place(demand, List.of(docker), List.of()).placements().get(0).runtime()).isEqualTo("docker");
    }

    @Test
    void aStdioServerIsNeverPlacedOnKubernetes() {
        NodeView cluster = new NodeView("k1", true, Map.of(), Set.of("process", "kubernetes"), Set.of(), 2, 4000, Map.of());
        Demand asked = new Demand("s/fs", "kubernetes", null, "mcp/fs:1", 1, List.of(), Map.of(), null, null, true);
        Decision refused = scheduler.place(asked, List.of(cluster), List.of());
        assertThat(refused.placements()).isEmpty();
        assertThat(refused.rejected().get("k1")).containsExactly("runtime kubernetes cannot run a stdio MCP server (the agent"
                + " cannot hold a pod's stdin and stdout); give it transport streamable-http or use runtime docker");
        Demand auto = new Demand("s/fs", "auto", "npx", "mcp/fs:1", 1, List.of(), Map.of(), null, null, true);
        assertThat(scheduler.place(auto, List.of(cluster), List.of()).placements()).isEmpty();
        Demand listening = new Demand("s/fs", "auto", "npx", "mcp/fs:1", 1, List.of(), Map.of(), null, null, false);
        assertThat(scheduler.place(listening, List.of(cluster), List.of()).placements().get(0).runtime()).isEqualTo("kubernetes");
    }

    @Test
    void busierNodesGetFewerNewInstances() {
        NodeView busy = node("a", Set.of("npx"), Map.of(), Map.of("other/x", 5));
        NodeView idle = node("b", Set.of("npx"), Map.of(), Map.of());
        assertThat(scheduler.place(npx("demo/e", "process", 1), List.of(busy, idle), List.of()).placements().get(0).node()).isEqualTo("b");
    }

    @Test
    void anUnsatisfiablePlacementSaysWhyEachNodeWasRejected() {
        NodeView down = new NodeView("n1", false, Map.of(), Set.of("process"), Set.of("npx"), 4, 8000, Map.of());
        NodeView wrongLabel = node("n2", Set.of("npx"), Map.of("zone", "b"), Map.of());
        NodeView noNode = node("n3", Set.of(), Map.of("zone", "a"), Map.of());
        Demand demand = new Demand("demo/e", "process", "npx", null, 1, List.of(), Map.of("zone", "a"), null, null);
        Decision d = scheduler.place(demand, List.of(down, wrongLabel, noNode), List.of());
        assertThat(d.feasible()).isFalse();
        assertThat(d.placements()).isEmpty();
        assertThat(d.explanation()).isEqualTo("no node can run demo/e: n1 (node is down; label zone=a wanted, node has no zone label), "
                + "n2 (label zone=a wanted, node has zone=b), n3 (runtime process needs npx, which the node does not have); "
                + "change the service's placement or runtime, or add a node that fits");
    }

    @Test
    void namedNodesAndResourcesAreHonoured() {
        Demand demand = new Demand("demo/e", "process", "npx", null, 2, List.of("n2"), Map.of(), 2.0, 1000L);
        NodeView small = new NodeView("n2", true, Map.of(), Set.of("process"), Set.of("npx"), 1, 500, Map.of());
        Decision d = scheduler.place(demand, List.of(node("n1"), small), List.of());
        assertThat(d.feasible()).isFalse();
        assertThat(d.rejected().get("n1")).containsExactly("placement.nodes lists [n2], not n1");
        assertThat(d.rejected().get("n2")).containsExactly("needs 1000 MiB of memory, node has 500 MiB free", "needs 2.0 CPUs, node has 1");
    }

    @Test
    void noNodesAtAllTellsHowToAddOne() {
        assertThat(scheduler.place(npx("demo/e", "process", 1), List.of(), List.of()).explanation())
                .startsWith("no node has joined the hub yet");
    }
}
