package io.mcphub.cli.command.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mcphub.cli.common.CliException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What {@code deploy --env --nodes} changes in a stack before it is sent: the environment becomes the stack label
 * {@code env}, and the node list replaces every service's {@code placement.nodes} (its placement labels still apply).
 * Parts of the wrong shape are left as written, so the hub refuses them with its own words.
 */
record StackEdits(String env, List<String> nodes) {

    /** Checked here, so every problem the hub finds afterwards is one of the file's own. */
    static StackEdits of(String env, List<String> nodes) {
        if (env != null && env.isBlank()) {
            throw CliException.usage("--env needs a value, e.g. --env=prod");
        }
        if (nodes == null) {
            return new StackEdits(env == null ? null : env.strip(), null);
        }
        Set<String> unique = new LinkedHashSet<>();
        for (String node : nodes) {
            if (node.isBlank()) {
                throw CliException.usage("--nodes needs node names separated by commas, e.g. --nodes=node1,node2");
            }
            if (!unique.add(node.strip())) {
                throw CliException.usage("node " + node.strip() + " is named twice in --nodes; name each node once");
            }
        }
        return new StackEdits(env == null ? null : env.strip(), List.copyOf(unique));
    }

    boolean none() {
        return env == null && nodes == null;
    }

    JsonNode applyTo(JsonNode stack) {
        if (!(stack instanceof ObjectNode root)) {
            return stack;
        }
        if (env != null && root.get("metadata") instanceof ObjectNode metadata) {
            if (metadata.path("labels").isMissingNode() || metadata.path("labels").isNull()) {
                metadata.putObject("labels");
            }
            if (metadata.get("labels") instanceof ObjectNode labels) {
                labels.put("env", env);
            }
        }
        if (nodes != null && root.get("services") instanceof ObjectNode services) {
            services.forEach(service -> restrict(service));
        }
        return root;
    }

    /** A service at a url runs nowhere the hub places it, and the hub refuses placement there; it is left alone. */
    private void restrict(JsonNode service) {
        if (!(service instanceof ObjectNode s) || s.has("url")) {
            return;
        }
        if (s.path("placement").isMissingNode() || s.path("placement").isNull()) {
            s.putObject("placement");
        }
        if (s.get("placement") instanceof ObjectNode placement) {
            ArrayNode list = placement.putArray("nodes");
            nodes.forEach(list::add);
        }
    }
}
