package io.mcphub.core.agentapi;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/**
 * One instance the node must run: the service spec as JSON (the stack's ServiceSpec), the runtime the scheduler
 * chose, the spec's hash — a new hash means "replace the instance" — and the configuration files to write before it
 * starts, as of the moment the assignment was handed out.
 */
public record Assignment(String id, String stack, String service, String runtime, String specHash, JsonNode spec,
                         List<ConfigFile> config) {

    public Assignment {
        config = config == null ? List.of() : List.copyOf(config);
    }
}
