package io.mcphub.cli.command.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import io.mcphub.cli.common.Json;
import io.mcphub.cli.hub.HubClient;
import io.mcphub.cli.hub.HubRequest;

/** The deployment routes (stacks, services, topology), one method each; the only place that knows their URLs. */
public final class ClusterApi {
    private static final String STACKS = "/api/v1/stacks";
    private static final String SERVICES = "/api/v1/services";
    private static final String TOPOLOGY = "/api/v1/topology";

    private final HubClient hub;

    public ClusterApi(HubClient hub) {
        this.hub = hub;
    }

    /**
     * The stack goes as its text, and {@code source} (query and request) names the file, so the hub's line:column
     * errors point into it. The dry-run flag is explicit either way: left out, it would mean whatever the hub defaults to.
     */
    public JsonNode apply(StackText stack, boolean dryRun) {
        return hub.send(HubRequest.post(STACKS + "/apply")
                .query("dryRun", dryRun)
                .query("source", stack.source())
                .text(stack.text(), stack.contentType())
                .source(stack.source())).json();
    }

    public JsonNode stacks() {
        return hub.send(HubRequest.get(STACKS)).json();
    }

    public JsonNode deleteStack(String name) {
        return hub.send(HubRequest.delete(STACKS + "/" + HubRequest.segment(name))).json();
    }

    public JsonNode services() {
        return hub.send(HubRequest.get(SERVICES)).json();
    }

    /** {@code name} is SERVICE or STACK/SERVICE; the slash stays a slash, as the route expects. */
    public JsonNode service(String name) {
        return hub.send(HubRequest.get(SERVICES + "/" + HubRequest.keyPath(name))).json();
    }

    public JsonNode scale(String name, int replicas) {
        return hub.send(HubRequest.post(SERVICES + "/" + HubRequest.keyPath(name) + "/scale")
                .json(Json.object().put("replicas", replicas))).json();
    }

    public JsonNode restart(String name) {
        return hub.send(HubRequest.post(SERVICES + "/" + HubRequest.keyPath(name) + "/restart")).json();
    }

    /** DOT, mermaid or JSON as the hub renders it: text, passed on untouched. */
    public String topology(String format, String stack) {
        return hub.send(HubRequest.get(TOPOLOGY).query("format", format).query("stack", stack)).text();
    }
}
