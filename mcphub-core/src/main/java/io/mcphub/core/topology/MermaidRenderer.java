package io.mcphub.core.topology;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A Mermaid flowchart with one subgraph per node. Mermaid ids must be plain words, so each service, instance and
 * node gets a generated one ({@code s0}, {@code i0}, {@code n0}) and its name goes in a quoted label.
 */
final class MermaidRenderer {

    private MermaidRenderer() {}

    static String render(Topology t) {
        StringBuilder b = new StringBuilder("flowchart LR\n");
        Map<String, String> serviceIds = new HashMap<>();
        for (Topology.Service s : t.services()) {
            String id = "s" + serviceIds.size();
            serviceIds.put(s.name(), id);
            b.append("  ").append(id).append("[[\"").append(label(s.name())).append("<br/>")
                    .append(label(s.summary())).append("\"]]\n");
        }
        int[] instanceCount = {0};
        StringBuilder links = new StringBuilder();
        int nodeCount = 0;
        for (Topology.Node n : t.nodes()) {
            subgraph(b, "n" + nodeCount++, "node " + n.name(), n.instances(), serviceIds, instanceCount, links);
        }
        if (!t.unplaced().isEmpty()) {
            subgraph(b, "unplaced", "waiting for a node", t.unplaced(), serviceIds, instanceCount, links);
        }
        for (Topology.Service s : t.services()) {
            for (String dep : s.dependsOn()) {
                b.append("  ").append(serviceIds.get(s.name())).append(" -->|depends on| ")
                        .append(serviceIds.get(dep)).append('\n');
            }
        }
        return b.append(links).toString();
    }

    private static void subgraph(StringBuilder b, String id, String label, List<PlacedInstance> instances,
                                 Map<String, String> serviceIds, int[] instanceCount, StringBuilder links) {
        b.append("  subgraph ").append(id).append("[\"").append(label(label)).append("\"]\n");
        for (PlacedInstance i : instances) {
            String instanceId = "i" + instanceCount[0]++;
            String port = i.port() == null ? "" : " :" + i.port();
            b.append("    ").append(instanceId).append("[\"").append(label(i.id())).append("<br/>")
                    .append(label(i.status() + port)).append("\"]\n");
            links.append("  ").append(instanceId).append(" -.-> ").append(serviceIds.get(i.service())).append('\n');
        }
        b.append("  end\n");
    }

    /** Mermaid's entity codes: '#' first, since the others are written with it. */
    static String label(String s) {
        return s.replace("#", "#35;").replace("\"", "#quot;").replace("<", "#lt;").replace(">", "#gt;")
                .replace("\n", " ");
    }
}
