package io.mcphub.core.agentapi;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.Map;

/**
 * One instance the node must run: the service spec as JSON (the stack's ServiceSpec), the runtime the scheduler
 * chose, the spec's hash — a new hash means "replace the instance" — and, as of the moment the assignment was handed
 * out, the configuration files to write and the secret environment variables to set before it starts.
 *
 * @param secrets the values of the spec's {@code secrets}, revealed for this node only (never logged, sealed in the
 *                node's cache)
 * @param blocked  why the instance cannot start (a secret that does not resolve), or null
 * @param versions the version of each document the hub delivers (files and secrets), by key: what the instance runs
 *                 once started, and what the agent reports back as applied
 */
public record Assignment(String id, String stack, String service, String runtime, String specHash, JsonNode spec,
                         List<ConfigFile> config, Map<String, String> secrets, String blocked, Map<String, Long> versions) {

    public Assignment {
        config = config == null ? List.of() : List.copyOf(config);
        secrets = secrets == null ? Map.of() : Map.copyOf(secrets);
        versions = versions == null ? Map.of() : Map.copyOf(versions);
    }

    /** Secrets stay out of every string form, so no log line or exception can carry one. */
    @Override
    public String toString() {
        return "Assignment[" + id + " " + stack + "/" + service + " on " + runtime + ", " + secrets.size() + " secrets]";
    }
}
