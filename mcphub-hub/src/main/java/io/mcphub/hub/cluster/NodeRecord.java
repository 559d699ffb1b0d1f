package io.mcphub.hub.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Map;

/**
 * A joined node. The fingerprint is kept as the agent's probe reported it (JSON), so the hub does not need to be
 * upgraded in lockstep when an agent learns a new probe.
 *
 * @param bridgeUrl where the node's agent serves its instances (the gateway's way in), over mTLS
 */
public record NodeRecord(String name, Map<String, String> labels, JsonNode fingerprint, String bridgeUrl,
                         String certSerial, Instant joinedAt, Instant lastSeen) {

    public NodeRecord {
        labels = labels == null ? Map.of() : Map.copyOf(labels);
    }

    public NodeRecord seen(JsonNode newFingerprint, String newBridgeUrl, Instant at) {
        return new NodeRecord(name, labels, newFingerprint == null ? fingerprint : newFingerprint,
                newBridgeUrl == null ? bridgeUrl : newBridgeUrl, certSerial, joinedAt, at);
    }
}
