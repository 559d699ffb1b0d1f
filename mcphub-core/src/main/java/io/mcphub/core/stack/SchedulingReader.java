package io.mcphub.core.stack;

import java.util.List;

/** {@code placement} and {@code resources}: what the scheduler filters nodes by. */
final class SchedulingReader {

    static final List<String> PLACEMENT_FIELDS = List.of("nodes", "labels");
    static final List<String> RESOURCES_FIELDS = List.of("cpu", "memoryMb");

    private SchedulingReader() {}

    static PlacementSpec placement(SpecObject s) {
        return s.object("placement", "an object such as {nodes: [node-1], labels: {zone: eu}}").map(p -> {
            p.allow(PLACEMENT_FIELDS, "placement has nodes and labels");
            List<Text> nodes = p.texts("nodes");
            nodes.stream().filter(n -> n.value().isBlank())
                    .forEach(n -> p.problems().report(n.at(), "must be a node name, not an empty string"));
            p.problems().unique(nodes, "name each node once");
            return new PlacementSpec(nodes.stream().map(Text::value).toList(), Labels.read(p, "labels"));
        }).orElse(PlacementSpec.ANYWHERE);
    }

    static Resources resources(SpecObject s) {
        return s.object("resources", "an object such as {cpu: 0.5, memoryMb: 256}").map(r -> {
            r.allow(RESOURCES_FIELDS, "resources has cpu and memoryMb");
            Double cpu = r.require("cpu", r.number("cpu"), c -> c > 0, c -> "must be more than 0, e.g. 0.5 for half a core")
                    .orElse(null);
            Long memory = r.require("memoryMb", r.whole("memoryMb"), m -> m > 0, m -> "must be more than 0, e.g. 256")
                    .orElse(null);
            return new Resources(cpu, memory);
        }).orElse(Resources.UNSPECIFIED);
    }
}
