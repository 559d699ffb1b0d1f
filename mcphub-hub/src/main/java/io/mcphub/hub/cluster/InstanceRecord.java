package io.mcphub.hub.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * A placement: one instance of a service on one node, with the service spec it runs (as JSON, so that the agent
 * gets everything it needs in one read) and why the scheduler put it there. {@code generation} counts
 * {@code service restart}s: the agent replaces the process when it changes.
 */
public record InstanceRecord(String id, String stack, String service, String node, String runtime, String specHash,
                             JsonNode spec, String why, Instant createdAt, int generation) {

    InstanceRecord restarted() {
        return new InstanceRecord(id, stack, service, node, runtime, specHash, spec, why, createdAt, generation + 1);
    }

    /** What the agent compares to decide "replace the process": the spec, and any restart asked for since. */
    public String runHash() {
        return generation == 0 ? specHash : specHash + "#" + generation;
    }

    public String serviceKey() {
        return stack + "/" + service;
    }
}
