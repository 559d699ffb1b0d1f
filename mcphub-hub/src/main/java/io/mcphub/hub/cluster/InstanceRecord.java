package io.mcphub.hub.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * A placement: one instance of a service on one node, with the service spec it runs (as JSON, so that the agent
 * gets everything it needs in one read) and why the scheduler put it there.
 */
public record InstanceRecord(String id, String stack, String service, String node, String runtime, String specHash,
                             JsonNode spec, String why, Instant createdAt) {

    public String serviceKey() {
        return stack + "/" + service;
    }
}
