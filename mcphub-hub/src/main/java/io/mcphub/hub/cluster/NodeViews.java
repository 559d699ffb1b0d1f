package io.mcphub.hub.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import io.mcphub.deploy.scheduler.NodeView;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Turns nodes as stored (their probe's fingerprint, their liveness) and the current placements into what the scheduler reads. */
final class NodeViews {

    private NodeViews() {}

    static List<NodeView> of(List<NodeRecord> nodes, Set<String> up, List<InstanceRecord> placed) {
        Map<String, Map<String, Integer>> load = new HashMap<>();
        for (InstanceRecord i : placed) {
            load.computeIfAbsent(i.node(), n -> new HashMap<>()).merge(i.serviceKey(), 1, Integer::sum);
        }
        // A node that joined but has not sent its first probe yet cannot be judged: it places nothing until it has.
        return nodes.stream().map(n -> view(n, up.contains(n.name()) && n.fingerprint() != null,
                load.getOrDefault(n.name(), Map.of()))).toList();
    }

    private static NodeView view(NodeRecord n, boolean up, Map<String, Integer> load) {
        JsonNode fp = n.fingerprint() == null ? com.fasterxml.jackson.databind.node.MissingNode.getInstance() : n.fingerprint();
        // The probe's JSON: "runtimes" maps programs to versions ("process" is built in), "docker" is present only
        // when an engine answers, "kubernetes" only when the node can reach a cluster.
        Set<String> commands = new HashSet<>();
        fp.path("runtimes").fieldNames().forEachRemaining(commands::add);
        commands.remove("process");
        Set<String> runtimes = new HashSet<>(Set.of("process"));
        if (fp.has("docker")) {
            runtimes.add("docker");
        }
        if (fp.has("kubernetes") || "KUBERNETES".equalsIgnoreCase(fp.path("type").asText())) {
            runtimes.add("kubernetes");
        }
        int cores = fp.path("cpu").path("cores").asInt(1);
        long freeMb = fp.path("memory").path("availableMb").asLong(Long.MAX_VALUE / 2);
        return new NodeView(n.name(), up, n.labels(), runtimes, commands, cores, freeMb, load);
    }
}
