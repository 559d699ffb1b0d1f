package io.mcphub.cli.command.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mcphub.cli.common.Json;
import io.mcphub.cli.hub.HubClient;
import io.mcphub.cli.hub.HubRequest;
import java.util.Map;

/** The node routes (joined nodes, join tokens), one method each; the only place that knows their URLs. */
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

    /** Null {@code ttl} or {@code labels} are sent as null: the hub's defaults (its standard lifetime, no labels). */
    public JsonNode createJoinToken(String ttl, Map<String, String> labels) {
        ObjectNode body = Json.object().put("ttl", ttl);
        if (labels == null) {
            body.putNull("labels");
        } else {
            ObjectNode map = body.putObject("labels");
            labels.forEach(map::put);
        }
        return hub.send(HubRequest.post(NODES + "/tokens").json(body)).json();
    }
}
