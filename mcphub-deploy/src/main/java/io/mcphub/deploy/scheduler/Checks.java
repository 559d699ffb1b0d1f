package io.mcphub.deploy.scheduler;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The feasibility checks, in the order their reasons read best. */
final class Checks {

    private Checks() {}

    static final FeasibilityCheck NODE_UP = (d, n) -> n.up() ? Optional.empty() : Optional.of("node is down");

    static final FeasibilityCheck NAMED_NODES = (d, n) -> d.nodes().isEmpty() || d.nodes().contains(n.name())
            ? Optional.empty() : Optional.of("placement.nodes lists " + d.nodes() + ", not " + n.name());

    static final FeasibilityCheck LABELS = (d, n) -> {
        for (Map.Entry<String, String> want : d.labels().entrySet()) {
            String have = n.labels().get(want.getKey());
            if (!want.getValue().equals(have)) {
                return Optional.of("label " + want.getKey() + "=" + want.getValue() + " wanted, node has "
                        + (have == null ? "no " + want.getKey() + " label" : want.getKey() + "=" + have));
            }
        }
        return Optional.empty();
    };

    static final FeasibilityCheck RUNTIME = (d, n) -> RuntimeChoice.choose(d, n).isPresent() ? Optional.empty()
            : Optional.of(RuntimeChoice.whyNot(d, n));

    static final FeasibilityCheck MEMORY = (d, n) -> d.memoryMb() == null || n.memoryFreeMb() >= d.memoryMb()
            ? Optional.empty() : Optional.of("needs " + d.memoryMb() + " MiB of memory, node has " + n.memoryFreeMb() + " MiB free");

    static final FeasibilityCheck CPU = (d, n) -> d.cpu() == null || n.cpuCores() >= d.cpu()
            ? Optional.empty() : Optional.of("needs " + d.cpu() + " CPUs, node has " + n.cpuCores());

    static final List<FeasibilityCheck> ALL = List.of(NODE_UP, NAMED_NODES, LABELS, RUNTIME, MEMORY, CPU);
}
