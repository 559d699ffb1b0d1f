package io.mcphub.cli.command.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mcphub.cli.common.Json;
import io.mcphub.cli.hub.HubClient;
import io.mcphub.cli.hub.HubRequest;
import java.util.Map;

/** The node routes (joined nodes, join tokens, nodes over SSH), one method each; the only place that knows their URLs. */
public final class NodeApi {
    private static final String NODES = "/api/v1/nodes";

    private final HubClient hub;

    public NodeApi(HubClient hub) {
        this.hub = hub;
    }

    public JsonNode nodes() {
        return hub.send(HubRequest.get(NODES)).json();
    }

    public JsonNode node(String name) {
        return hub.send(HubRequest.get(NODES + "/" + HubRequest.segment(name))).json();
    }

    /** The hub's SSH public key, in authorized_keys form, and its fingerprint. */
    public JsonNode sshKey() {
        return hub.send(HubRequest.get(NODES + "/ssh-key")).json();
    }

    /** Adds a node over SSH; answers once its agent heartbeats. Null fields are the hub's defaults. */
    public JsonNode addSsh(String name, String ssh, String hostKey, boolean acceptNewHostKey, Map<String, String> labels, String java) {
        ObjectNode body = Json.object().put("name", name).put("ssh", ssh).put("hostKey", hostKey)
                .put("acceptNewHostKey", acceptNewHostKey).put("java", java);
        putLabels(body, labels);
        return hub.send(HubRequest.post(NODES + "/ssh").json(body)).json();
    }

    public JsonNode remove(String name) {
        return hub.send(HubRequest.delete(NODES + "/" + HubRequest.segment(name))).json();
    }

    /** Null {@code ttl} or {@code labels} are sent as null: the hub's defaults (its standard lifetime, no labels). */
    public JsonNode createJoinToken(String ttl, Map<String, String> labels) {
        ObjectNode body = Json.object().put("ttl", ttl);
        putLabels(body, labels);
        return hub.send(HubRequest.post(NODES + "/tokens").json(body)).json();
    }

    private static void putLabels(ObjectNode body, Map<String, String> labels) {
        if (labels == null) {
            body.putNull("labels");
        } else {
            ObjectNode map = body.putObject("labels");
            labels.forEach(map::put);
        }
    }
}
