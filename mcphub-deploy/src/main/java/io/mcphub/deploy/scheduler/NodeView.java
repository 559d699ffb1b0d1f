package io.mcphub.deploy.scheduler;

import java.util.Map;
import java.util.Set;

/**
 * What the scheduler knows of a node: the facts its probe reported and the load already placed on it.
 *
 * @param runtimes    usable runtimes: {@code process} always, {@code docker} when the engine answers,
 *                    {@code kubernetes} in a cluster
 * @param commands    programs found on the node (node, npx, python3, uvx, java, docker…) that process services run
 * @param instances   instances already placed here, per service key ({@code stack/service})
 */
public record NodeView(String name, boolean up, Map<String, String> labels, Set<String> runtimes, Set<String> commands,
                       int cpuCores, long memoryFreeMb, Map<String, Integer> instances) {

    public NodeView {
        labels = Map.copyOf(labels);
        runtimes = Set.copyOf(runtimes);
        commands = Set.copyOf(commands);
        instances = Map.copyOf(instances);
    }

    int instancesOf(String serviceKey) {
        return instances.getOrDefault(serviceKey, 0);
    }

    int totalInstances() {
        return instances.values().stream().mapToInt(Integer::intValue).sum();
    }
}
