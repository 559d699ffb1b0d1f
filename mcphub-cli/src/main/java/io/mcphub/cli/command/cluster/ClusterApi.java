package io.mcphub.cli.command.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import io.mcphub.cli.common.Json;
import io.mcphub.cli.hub.HubClient;
import io.mcphub.cli.hub.HubRequest;
import java.util.function.Consumer;

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

    public JsonNode restart(String name, int timeoutSeconds) {
        return hub.send(HubRequest.post(SERVICES + "/" + HubRequest.keyPath(name) + "/restart")
                .query("timeoutSeconds", timeoutSeconds)).json();
    }

    /** The document goes as its text, so the hub keeps it as written; {@code source} names the file in errors. */
    public JsonNode updateService(String name, String key, String content, String format, String message, int timeoutSeconds,
                                  String source) {
        return hub.send(HubRequest.post(SERVICES + "/" + HubRequest.keyPath(name) + "/config")
                .query("key", key).query("format", format).query("message", message).query("timeoutSeconds", timeoutSeconds)
                .text(content, format == null ? "text/plain" : "application/" + format)
                .source(source)).json();
    }

    public JsonNode deleteService(String name) {
        return hub.send(HubRequest.delete(SERVICES + "/" + HubRequest.keyPath(name))).json();
    }

    /** Each NDJSON event of the service's log stream, as it arrives; returns when the hub ends the stream. */
    public void logs(String name, String instance, int tail, boolean follow, Consumer<JsonNode> sink) {
        hub.streamLines(HubRequest.get(SERVICES + "/" + HubRequest.keyPath(name) + "/logs")
                .query("instance", instance).query("tail", tail).query("follow", follow), line -> {
                    if (!line.isBlank()) {
                        sink.accept(parse(line));
                    }
                });
    }

    private static JsonNode parse(String line) {
        try {
            return Json.JSON.readTree(line);
        } catch (java.io.IOException e) {
            throw io.mcphub.cli.common.CliException.failed("the hub sent a log line that is not JSON; check that the hub"
                    + " and this CLI are the same version");
        }
    }

    /** DOT, mermaid or JSON as the hub renders it: text, passed on untouched. */
    public String topology(String format, String stack) {
        return hub.send(HubRequest.get(TOPOLOGY).query("format", format).query("stack", stack)).text();
    }
}
