package io.mcphub.cli.command.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mcphub.cli.common.Json;
import io.mcphub.cli.hub.HubClient;
import io.mcphub.cli.hub.HubRequest;
import io.mcphub.cli.hub.HubResponse;

/** The configuration center's routes (docs/api.md), one method each; the only place that knows their URLs. */
public final class ConfigApi {
    private static final String BASE = "/api/v1/config";

    private final HubClient hub;

    public ConfigApi(HubClient hub) {
        this.hub = hub;
    }

    public JsonNode list() {
        return hub.send(HubRequest.get(BASE)).json();
    }

    /** {@code view} is "json" (the document as JSON) or "raw" (the text as written). */
    public HubResponse document(String key, Long version, String view, boolean reveal) {
        return hub.send(HubRequest.get(BASE + "/docs/" + HubRequest.keyPath(key))
                .query("version", version)
                .query("view", view)
                .query("reveal", reveal ? "true" : null));
    }

    /** {@code source} is the file the content came from, so the hub's line:column errors point into it. */
    public JsonNode publish(String key, ObjectNode envelope, String source) {
        return hub.send(HubRequest.post(BASE + "/docs/" + HubRequest.keyPath(key)).json(envelope).source(source)).json();
    }

    public JsonNode history(String key) {
        return hub.send(HubRequest.get(BASE + "/history/" + HubRequest.keyPath(key))).json();
    }

    public JsonNode diff(String key, long from, long to) {
        return hub.send(HubRequest.get(BASE + "/diff/" + HubRequest.keyPath(key)).query("from", from).query("to", to)).json();
    }

    /** The API lists message and expectVersion as optional next to {@code ?to=N}; we send them as query too. */
    public JsonNode rollback(String key, long to, String message, Long expectVersion) {
        return hub.send(HubRequest.post(BASE + "/rollback/" + HubRequest.keyPath(key))
                .query("to", to)
                .query("message", message)
                .query("expectVersion", expectVersion)).json();
    }

    public JsonNode schema(String key) {
        return hub.send(HubRequest.get(BASE + "/schemas/" + HubRequest.keyPath(key))).json();
    }

    public JsonNode setSchema(String key, JsonNode schema) {
        return hub.send(HubRequest.put(BASE + "/schemas/" + HubRequest.keyPath(key)).json(schema)).json();
    }

    public JsonNode deleteSchema(String key) {
        return hub.send(HubRequest.delete(BASE + "/schemas/" + HubRequest.keyPath(key))).json();
    }

    /** Starts a gray release: {@code envelope} as for a publish, plus {@code labels} or {@code percent}. */
    public JsonNode startGray(String key, ObjectNode envelope, String source) {
        return hub.send(HubRequest.post(BASE + "/gray/" + HubRequest.keyPath(key)).json(envelope).source(source)).json();
    }

    public JsonNode promoteGray(String key) {
        return hub.send(HubRequest.post(BASE + "/promote/" + HubRequest.keyPath(key))).json();
    }

    public JsonNode abortGray(String key) {
        return hub.send(HubRequest.post(BASE + "/abort/" + HubRequest.keyPath(key))).json();
    }

    /** {key, stable, gray, instances: [{instance, service, node, state, reload, version, desired, candidate}]}. */
    public JsonNode status(String key) {
        return hub.send(HubRequest.get(BASE + "/status/" + HubRequest.keyPath(key))).json();
    }

    /**
     * The dry-run flag goes in the body and in the query (the API shows both); saying it twice costs nothing,
     * missing it would publish what the user only meant to preview.
     */
    public JsonNode push(JsonNode files, String message, boolean dryRun) {
        ObjectNode body = Json.object();
        body.set("files", files);
        if (message != null) {
            body.put("message", message);
        }
        body.put("dryRun", dryRun);
        return hub.send(HubRequest.post(BASE + "/push").query("dryRun", dryRun ? "true" : null).json(body)).json();
    }
}
