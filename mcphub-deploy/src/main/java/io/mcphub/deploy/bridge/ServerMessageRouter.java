package io.mcphub.deploy.bridge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mcphub.deploy.runtime.McpChannel;
import io.mcphub.deploy.runtime.McpChannelException;
import io.mcphub.deploy.runtime.mcp.JsonRpc;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Decides which client session gets a message the shared server sent on its own. Over stdio a message carries no
 * hint of the session it is for, so the router works from what it can see:
 * <ul>
 *   <li>progress goes to whoever holds the progress token (the bridge gives each request its own token);</li>
 *   <li>resource updates go to the sessions subscribed to that resource;</li>
 *   <li>a server request goes to the one session with requests in flight (the server asks while serving it),
 *       else to the most recently active session with an open stream, else it is refused;</li>
 *   <li>every other notification (log messages, list changes) concerns every client of the server.</li>
 * </ul>
 */
final class ServerMessageRouter {

    private final McpChannel channel;
    private final Map<String, BridgeSession> sessions;
    private final Map<String, Forwarded> progress;
    private final Map<String, BridgeSession> serverRequests;

    ServerMessageRouter(McpChannel channel, Map<String, BridgeSession> sessions, Map<String, Forwarded> progress,
                        Map<String, BridgeSession> serverRequests) {
        this.channel = channel;
        this.sessions = sessions;
        this.progress = progress;
        this.serverRequests = serverRequests;
    }

    void route(ObjectNode message) {
        String method = message.path("method").asText();
        if (JsonRpc.kind(message) == JsonRpc.Kind.REQUEST) {
            routeRequest(message, method);
            return;
        }
        switch (method) {
            case "notifications/progress" -> routeProgress(message);
            case "notifications/cancelled" -> {
                JsonNode requestId = message.at("/params/requestId");
                BridgeSession asked = requestId.isMissingNode() ? null : serverRequests.remove(JsonRpc.idKey(requestId));
                if (asked != null) {
                    asked.enqueue(message);
                }
            }
            case "notifications/resources/updated" -> {
                String uri = message.at("/params/uri").asText();
                sessions.values().stream().filter(s -> s.subscriptions.contains(uri)).forEach(s -> s.enqueue(message));
            }
            default -> sessions.values().forEach(s -> s.enqueue(message));
        }
    }

    private void routeProgress(ObjectNode message) {
        Forwarded request = progress.get(message.at("/params/progressToken").asText());
        if (request == null || request.answered()) {
            return;
        }
        ObjectNode restored = message.deepCopy();
        ((ObjectNode) restored.get("params")).set("progressToken", request.progressToken);
        deliver(request.session, request.exchange, restored);
    }

    private void routeRequest(ObjectNode message, String method) {
        Optional<Target> target = pick();
        if (target.isEmpty()) {
            refuse(message, "no MCP client session of this bridge can answer " + method + " right now");
            return;
        }
        serverRequests.put(JsonRpc.idKey(message.get("id")), target.get().session());
        deliver(target.get().session(), target.get().exchange(), message);
    }

    private record Target(BridgeSession session, PostExchange exchange) {}

    private Optional<Target> pick() {
        List<BridgeSession> busy = sessions.values().stream().filter(s -> !s.inFlight.isEmpty()).toList();
        if (busy.size() == 1) {
            BridgeSession session = busy.getFirst();
            Collection<PostExchange> exchanges = session.exchanges;
            PostExchange only = exchanges.size() == 1 ? exchanges.iterator().next() : null;
            return Optional.of(new Target(session, only));
        }
        return sessions.values().stream().filter(BridgeSession::streamOpen)
                .max(Comparator.comparingLong(BridgeSession::lastActive))
                .map(s -> new Target(s, null));
    }

    private static void deliver(BridgeSession session, PostExchange exchange, ObjectNode message) {
        if (exchange == null || !exchange.offerRelated(message)) {
            session.enqueue(message);
        }
    }

    private void refuse(ObjectNode request, String reason) {
        try {
            channel.send(JsonRpc.error(request.get("id"), JsonRpc.METHOD_NOT_FOUND, reason));
        } catch (McpChannelException e) {
            // the process is gone; so is its question
        }
    }
}
