package io.mcphub.core.stack;

import java.util.List;
import java.util.Map;

/**
 * Where a service may run.
 *
 * @param nodes  if not empty, only these nodes
 * @param labels every one must match a label of the node
 */
public record PlacementSpec(List<String> nodes, Map<String, String> labels) {

    public static final PlacementSpec ANYWHERE = new PlacementSpec(List.of(), Map.of());

    public PlacementSpec {
        nodes = Copies.list(nodes);
        labels = Copies.map(labels);
    }
}
