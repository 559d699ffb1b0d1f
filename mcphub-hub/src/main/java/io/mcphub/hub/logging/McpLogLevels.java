package io.mcphub.hub.logging;

import com.fasterxml.jackson.databind.JsonNode;
import io.mcphub.core.Json;
import io.mcphub.core.error.ProblemException;
import io.mcphub.core.error.ProblemType;
import io.mcphub.core.stack.ServiceSpec;
import io.mcphub.hub.agents.AgentLinks;
import io.mcphub.hub.cluster.Deployments;
import io.mcphub.hub.cluster.InstanceRecord;
import io.mcphub.hub.cluster.Instances;
import io.mcphub.hub.gateway.McpEndpoints;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code log level --service=S}: sends MCP's {@code logging/setLevel} to every running instance of an MCP service,
 * each in a short session of its own. The level is the server's from then on (a stdio server shares it across the
 * bridge's sessions), until it restarts.
 */
public final class McpLogLevels {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final String VERSION = "2025-06-18";
    /** MCP has syslog's levels and no trace or off: the nearest ones. */
    private static final Map<String, String> MCP_LEVEL = Map.of("trace", "debug", "debug", "debug", "info", "info",
            "warn", "warning", "error", "error", "off", "emergency");

    private final Deployments deployments;
    private final Instances instances;
    private final AgentLinks agents;

    public McpLogLevels(Deployments deployments, Instances instances, AgentLinks agents) {
        this.deployments = deployments;
        this.instances = instances;
        this.agents = agents;
    }

    /** What each instance answered. */
    public record Outcome(String instance, boolean applied, String detail) {}

    public static String mcpLevel(String level) {
        return MCP_LEVEL.get(LogLevels.normalize(level));
    }

    public List<Outcome> set(String service, String level) {
        String mcp = mcpLevel(level);
        List<InstanceRecord> targets;
        try {
            targets = deployments.instancesOf(service);
        } catch (ProblemException e) {
            if (e.type() == ProblemType.NOT_FOUND) {
                throw LogLevels.unknown(service); // neither a service nor a component: say both
            }
            throw e;
        }
        if (targets.isEmpty()) {
            throw new ProblemException(ProblemType.NOT_FOUND, "service " + service + " has no instances to set the level"
                    + " of; scale it up first");
        }
        List<Outcome> outcomes = new ArrayList<>();
        for (InstanceRecord i : targets) {
            outcomes.add(setOne(i, mcp));
        }
        return outcomes;
    }

    private Outcome setOne(InstanceRecord i, String mcpLevel) {
        ServiceSpec spec = Json.JSON.convertValue(i.spec(), ServiceSpec.class);
        AgentLinks.Link link;
        try {
            link = agents.to(i.node());
        } catch (ProblemException e) {
            return new Outcome(i.id(), false, e.detail());
        }
        URI endpoint = McpEndpoints.of(spec, i, instances.status(i.id()).orElse(null), link.resolve("/")).orElse(null);
        if (endpoint == null) {
            return new Outcome(i.id(), false, "the instance has no MCP endpoint yet (not started, or a legacy SSE server)");
        }
        try {
            Session s = Session.open(link.client(), endpoint);
            JsonNode answer = s.request("logging/setLevel", Map.of("level", mcpLevel));
            s.close();
            JsonNode error = answer.path("error");
            return error.isMissingNode() ? new Outcome(i.id(), true, "level " + mcpLevel)
                    : new Outcome(i.id(), false, "the server refused: " + error.path("message").asText());
        } catch (IOException e) {
            return new Outcome(i.id(), false, "unreachable: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome(i.id(), false, "interrupted");
        }
    }

    /** One MCP session over Streamable HTTP, just long enough for a request or two. */
    private record Session(HttpClient http, URI endpoint, String id) {

        static Session open(HttpClient http, URI endpoint) throws IOException, InterruptedException {
            HttpResponse<String> init = post(http, endpoint, null, Map.of("jsonrpc", "2.0", "id", 0, "method", "initialize",
                    "params", Map.of("protocolVersion", VERSION, "capabilities", Map.of(),
                            "clientInfo", Map.of("name", "mcphub-hub", "version", "1"))));
            String id = init.headers().firstValue("Mcp-Session-Id").orElse(null);
            Session s = new Session(http, endpoint, id);
            post(http, endpoint, id, Map.of("jsonrpc", "2.0", "method", "notifications/initialized"));
            return s;
        }

        JsonNode request(String method, Object params) throws IOException, InterruptedException {
            HttpResponse<String> r = post(http, endpoint, id, Map.of("jsonrpc", "2.0", "id", 1, "method", method, "params", params));
            return answer(r);
        }

        void close() {
            if (id == null) {
                return;
            }
            try {
                http.send(HttpRequest.newBuilder(endpoint).timeout(TIMEOUT).header("Mcp-Session-Id", id).DELETE().build(),
                        HttpResponse.BodyHandlers.discarding());
            } catch (IOException | InterruptedException ignored) {
                // the session times out on the server anyway
            }
        }

        private static HttpResponse<String> post(HttpClient http, URI endpoint, String session, Object message)
                throws IOException, InterruptedException {
            HttpRequest.Builder b = HttpRequest.newBuilder(endpoint).timeout(TIMEOUT)
                    .header("Content-Type", "application/json").header("Accept", "application/json, text/event-stream")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(Json.bytes(message)));
            if (session != null) {
                b.header("Mcp-Session-Id", session).header("Mcp-Protocol-Version", VERSION);
            }
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() >= 400) {
                throw new IOException("HTTP " + r.statusCode() + " from " + endpoint);
            }
            return r;
        }

        /** A JSON body, or the last {@code data:} event of an event stream. */
        private static JsonNode answer(HttpResponse<String> r) {
            String body = r.body();
            if (r.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream")) {
                String data = "{}";
                for (String line : body.split("\n")) {
                    if (line.startsWith("data:")) {
                        data = line.substring(5).trim();
                    }
                }
                body = data;
            }
            return Json.tree(body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
    }
}
