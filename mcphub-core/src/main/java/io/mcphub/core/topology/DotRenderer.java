package io.mcphub.core.topology;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Graphviz DOT: one cluster per node holding its instances, a node per service, edges from a service to what it
 * depends on and from each instance to its service. Every id and label is a quoted string, so names with dashes,
 * dots or quotes are safe; ids carry a kind prefix so that a service and an instance of the same name stay apart.
 */
final class DotRenderer {

    private static final Map<String, String> STATUS_COLOURS = Map.of(
            "running", "palegreen", "healthy", "palegreen",
            "starting", "lightyellow", "pending", "lightyellow",
            "failed", "salmon", "unhealthy", "salmon", "crashed", "salmon");

    private DotRenderer() {}

    static String render(Topology t) {
        StringBuilder b = new StringBuilder();
        b.append("digraph ").append(q("stack " + t.name())).append(" {\n");
        b.append("  graph [rankdir=LR, fontname=\"Helvetica\", label=").append(q("stack " + t.name()))
                .append(", labelloc=t];\n");
        b.append("  node [fontname=\"Helvetica\", fontsize=11];\n");
        b.append("  edge [fontname=\"Helvetica\", fontsize=9];\n");
        for (Topology.Service s : t.services()) {
            b.append("  ").append(q("service:" + s.name())).append(" [shape=component, label=")
                    .append(q(s.name() + "\n" + s.summary())).append(s.declared() ? "" : ", style=dashed")
                    .append("];\n");
        }
        int cluster = 0;
        for (Topology.Node n : t.nodes()) {
            cluster(b, "cluster_" + cluster++, "node " + n.name(), n.instances());
        }
        if (!t.unplaced().isEmpty()) {
            cluster(b, "cluster_unplaced", "waiting for a node", t.unplaced());
        }
        for (Topology.Service s : t.services()) {
            for (String dep : s.dependsOn()) {
                b.append("  ").append(q("service:" + s.name())).append(" -> ").append(q("service:" + dep))
                        .append(" [label=\"depends on\"];\n");
            }
        }
        allInstances(t).forEach(i -> b.append("  ").append(q("instance:" + i.id())).append(" -> ")
                .append(q("service:" + i.service())).append(" [style=dashed, arrowhead=empty];\n"));
        return b.append("}\n").toString();
    }

    private static void cluster(StringBuilder b, String id, String label, List<PlacedInstance> instances) {
        b.append("  subgraph ").append(q(id)).append(" {\n");
        b.append("    label=").append(q(label)).append(";\n    style=rounded;\n");
        for (PlacedInstance i : instances) {
            String port = i.port() == null ? "" : " :" + i.port();
            b.append("    ").append(q("instance:" + i.id())).append(" [shape=box, style=filled, fillcolor=")
                    .append(q(STATUS_COLOURS.getOrDefault(i.status(), "lightgrey"))).append(", label=")
                    .append(q(i.id() + "\n" + i.status() + port)).append("];\n");
        }
        b.append("  }\n");
    }

    private static List<PlacedInstance> allInstances(Topology t) {
        return Stream.concat(t.nodes().stream().flatMap(n -> n.instances().stream()),
                t.unplaced().stream()).toList();
    }

    /**
     * A DOT quoted string. Backslashes are doubled first, because DOT gives {@code \l}, {@code \N} and friends
     * meaning inside labels; a newline becomes DOT's centred line break.
     */
    static String q(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\r", "").replace("\n", "\\n") + "\"";
    }
}
