package io.mcphub.deploy.scheduler;

import java.util.List;
import java.util.Map;

/**
 * What one service asks of the cluster.
 *
 * @param serviceKey {@code stack/service}
 * @param runtime    {@code process}, {@code docker}, {@code kubernetes} or {@code auto}
 * @param command    the program a process service runs (its first word), or null
 * @param image      the image a container service runs, or null
 * @param nodes      placement.nodes: if not empty, only these
 * @param labels     placement.labels: every one must match
 * @param memoryMb   resources.memoryMb per instance, or null
 * @param stdio      an MCP server on stdio: the agent must hold its stdin and stdout, which a pod does not give it
 */
public record Demand(String serviceKey, String runtime, String command, String image, int replicas, List<String> nodes,
                     Map<String, String> labels, Double cpu, Long memoryMb, boolean stdio) {

    public Demand {
        nodes = nodes == null ? List.of() : List.copyOf(nodes);
        labels = labels == null ? Map.of() : Map.copyOf(labels);
    }

    /** A service that listens (or is no MCP server): any runtime can run it. */
    public Demand(String serviceKey, String runtime, String command, String image, int replicas, List<String> nodes,
                  Map<String, String> labels, Double cpu, Long memoryMb) {
        this(serviceKey, runtime, command, image, replicas, nodes, labels, cpu, memoryMb, false);
    }
}
