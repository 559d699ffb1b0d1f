package io.mcphub.cli.command.policy;

import com.fasterxml.jackson.databind.JsonNode;
import io.mcphub.cli.hub.HubClient;
import io.mcphub.cli.hub.HubRequest;

/** The RBAC policy routes of docs/api.md, one method each; the only place that knows their URLs. */
public final class PolicyApi {
    private static final String BASE = "/api/v1/policies";

    private final HubClient hub;

    public PolicyApi(HubClient hub) {
        this.hub = hub;
    }

    public JsonNode list() {
        return hub.send(HubRequest.get(BASE)).json();
    }

    /** The file's text as written, so the hub's line:column errors point into it ({@code source} names it). */
    public JsonNode apply(String text, String contentType, String source) {
        return hub.send(HubRequest.put(BASE).text(text, contentType).source(source)).json();
    }

    public JsonNode delete(String name) {
        return hub.send(HubRequest.delete(BASE + "/" + HubRequest.segment(name))).json();
    }

    public JsonNode explain(String user, String permission, String resource) {
        return hub.send(HubRequest.get(BASE + "/explain")
                .query("user", user).query("permission", permission).query("resource", resource)).json();
    }
}
