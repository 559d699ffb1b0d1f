package io.mcphub.core.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import io.mcphub.core.Json;
import io.mcphub.core.doc.DocumentFormat;
import io.mcphub.core.stack.Stack;
import io.mcphub.core.stack.StackParser;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class TopologyTest {

    static final Stack DEMO = StackParser.parse("""
            apiVersion: mcphub/v1
            kind: Stack
            metadata: {name: demo}
            services:
              everything:
                command: npx
                replicas: 2
              memory:
                command: npx
                transport: streamable-http
                dependsOn: [everything]
            """, DocumentFormat.YAML, "demo.yaml");

    static final List<PlacedInstance> PLACED = List.of(
            new PlacedInstance("memory-1", "memory", "node1", "running", 40123),
            new PlacedInstance("everything-2", "everything", "node2", "starting", null),
            new PlacedInstance("everything-1", "everything", "node1", "running", null));

    @Test
    void ordersServicesAsDeclaredNodesByNameAndInstancesByService() {
        Topology t = Topology.of(DEMO, PLACED);
        assertThat(t.services()).extracting(Topology.Service::name).containsExactly("everything", "memory");
        assertThat(t.services().get(0).summary()).isEqualTo("mcp, stdio, 2 replicas");
        assertThat(t.services().get(1).summary()).isEqualTo("mcp, streamable-http, 1 replica");
        assertThat(t.nodes()).extracting(Topology.Node::name).containsExactly("node1", "node2");
        assertThat(t.nodes().get(0).instances()).extracting(PlacedInstance::id)
                .containsExactly("everything-1", "memory-1");
        assertThat(t.unplaced()).isEmpty();
    }

    @Test
    void keepsInstancesOfServicesNoLongerInTheStackAndThoseWaitingForANode() {
        Topology t = Topology.of(DEMO, List.of(new PlacedInstance("old-1", "old", "node1", "running", null),
                new PlacedInstance("memory-2", "memory", null, "pending", null)));
        assertThat(t.services()).extracting(Topology.Service::name, Topology.Service::declared)
                .contains(tuple("old", false));
        assertThat(t.unplaced()).extracting(PlacedInstance::id).containsExactly("memory-2");
    }

    @Test
    void rendersGraphviz() {
        assertThat(Topology.of(DEMO, PLACED).render(TopologyFormat.GRAPHVIZ)).isEqualTo("""
                digraph "stack demo" {
                  graph [rankdir=LR, fontname="Helvetica", label="stack demo", labelloc=t];
                  node [fontname="Helvetica", fontsize=11];
                  edge [fontname="Helvetica", fontsize=9];
                  "service:everything" [shape=component, label="everything\\nmcp, stdio, 2 replicas"];
                  "service:memory" [shape=component, label="memory\\nmcp, streamable-http, 1 replica"];
                  subgraph "cluster_0" {
                    label="node node1";
                    style=rounded;
                    "instance:everything-1" [shape=box, style=filled, fillcolor="palegreen", label="everything-1\\nrunning"];
                    "instance:memory-1" [shape=box, style=filled, fillcolor="palegreen", label="memory-1\\nrunning :40123"];
                  }
                  subgraph "cluster_1" {
                    label="node node2";
                    style=rounded;
                    "instance:everything-2" [shape=box, style=filled, fillcolor="lightyellow", label="everything-2\\nstarting"];
                  }
                  "service:memory" -> "service:everything" [label="depends on"];
                  "instance:everything-1" -> "service:everything" [style=dashed, arrowhead=empty];
                  "instance:memory-1" -> "service:memory" [style=dashed, arrowhead=empty];
                  "instance:everything-2" -> "service:everything" [style=dashed, arrowhead=empty];
                }
                """);
    }

    @Test
    void rendersMermaid() {
        assertThat(Topology.of(DEMO, PLACED).render(TopologyFormat.MERMAID)).isEqualTo("""
                flowchart LR
                  s0[["everything<br/>mcp, stdio, 2 replicas"]]
                  s1[["memory<br/>mcp, streamable-http, 1 replica"]]
                  subgraph n0["node node1"]
                    i0["everything-1<br/>running"]
                    i1["memory-1<br/>running :40123"]
                  end
                  subgraph n1["node node2"]
                    i2["everything-2<br/>starting"]
                  end
                  s1 -->|depends on| s0
                  i0 -.-> s0
                  i1 -.-> s1
                  i2 -.-> s0
                """);
    }

    @Test
    void mermaidLabelsCannotBreakOutOfTheirQuotes() {
        String out = Topology.of(DEMO, List.of(new PlacedInstance("x\"]-->evil<b>#1", "memory", "n\"1", "ok", null)))
                .render(TopologyFormat.MERMAID);
        assertThat(out).contains("i0[\"x#quot;]--#gt;evil#lt;b#gt;#35;1<br/>ok\"]", "subgraph n0[\"node n#quot;1\"]");
    }

    @Test
    void rendersJson() {
        Topology t = Topology.of(DEMO, PLACED);
        JsonNode json = Json.tree(t.render(TopologyFormat.JSON).getBytes(StandardCharsets.UTF_8));
        assertThat(json.path("name").asText()).isEqualTo("demo");
        assertThat(json.at("/services/1/name").asText()).isEqualTo("memory");
        assertThat(json.at("/services/1/dependsOn/0").asText()).isEqualTo("everything");
        assertThat(json.at("/nodes/0/name").asText()).isEqualTo("node1");
        assertThat(json.at("/nodes/0/instances/1")).isEqualTo(Json.JSON.valueToTree(PLACED.get(0)));
        assertThat(json.at("/nodes/1/instances/0/port").isNull()).isTrue();
        assertThat(json.path("unplaced").isArray()).isTrue();
    }

    @Test
    void parsesFormatNames() {
        assertThat(TopologyFormat.parse("graphviz")).contains(TopologyFormat.GRAPHVIZ);
        assertThat(TopologyFormat.parse("DOT")).contains(TopologyFormat.GRAPHVIZ);
        assertThat(TopologyFormat.parse("mermaid")).contains(TopologyFormat.MERMAID);
        assertThat(TopologyFormat.parse("json")).contains(TopologyFormat.JSON);
        assertThat(TopologyFormat.parse("png")).isEmpty();
        assertThat(TopologyFormat.GRAPHVIZ.id()).isEqualTo("graphviz");
    }
}
