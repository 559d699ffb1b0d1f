package io.mcphub.gateway.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.mcphub.deploy.runtime.mcp.JsonRpc;
import io.mcphub.gateway.CallEvent;
import io.mcphub.gateway.UpstreamInstance;
import io.mcphub.gateway.downstream.DownstreamSession;
import io.mcphub.gateway.downstream.Downstreams;
import io.mcphub.gateway.downstream.Hello;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One MCP client's session with the gateway ({@code Mcp-Session-Id}). It owns a downstream session per instance it
 * used (so each server keeps per-client state such as subscriptions and log level, and sends its requests to the
 * right client), the client's requests in flight, and the server requests waiting for the client's answer, which
 * travel under ids of the gateway's own, since two servers may both ask with id 1.
 */
final class GatewaySession {

    private static final Logger LOG = LoggerFactory.getLogger(GatewaySession.class);
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Set<String> LIST_CHANGES = Set.of("notifications/tools/list_changed",
            "notifications/prompts/list_changed", "notifications/resources/list_changed");

    /** A server's request relayed to the client, to be answered on the server's own session under its own id. */
    private record ServerRequest(TextNode relayId, DownstreamSession downstream, JsonNode originalId, String progressToken) {}

    final String id;
    final String owner;
    final Scope scope;
    final boolean legacy;
    final Outbox outbox;
    final Map<String, Pending> inFlight = new ConcurrentHashMap<>();
    /** resource URI (as the client names it) → the instance that holds the subscription */
    final Map<String, String> subscriptions = new ConcurrentHashMap<>();
    private volatile String protocolVersion;
    private volatile Hello hello;
    private final Names names;
    private final Downstreams downstreams;
    private final Map<String, DownstreamSession> downstream = new ConcurrentHashMap<>();
    private final Map<String, ServerRequest> serverRequests = new ConcurrentHashMap<>();
    private final Map<String, DownstreamSession> progressTokens = new ConcurrentHashMap<>();
    private final AtomicLong serverIds = new AtomicLong();
    private volatile String logLevel;
    private volatile long lastActive = System.nanoTime();
    private volatile boolean closed;

    /** A session of the legacy transport starts with its stream, before the client said {@code initialize}. */
    GatewaySession(String id, String owner, Scope scope, boolean legacy, Names names, Downstreams downstreams,
                   int maxBuffered) {
        this.id = id;
        this.owner = owner;
        this.scope = scope;
        this.legacy = legacy;
        this.names = names;
        this.downstreams = downstreams;
        this.outbox = new Outbox(maxBuffered);
    }

    /** The client's {@code initialize}: the version agreed and what to tell servers about the client. */
    void initialized(String version, Hello downstreamHello) {
        this.hello = downstreamHello;
        this.protocolVersion = version;
    }

    boolean isInitialized() {
        return protocolVersion != null;
    }

    String protocolVersion() {
        return protocolVersion;
    }

    /** The session to {@code instance}, opened on first use; a new one if the instance moved. */
    DownstreamSession downstream(String service, UpstreamInstance instance) {
        DownstreamSession session = downstream.compute(instance.id(), (id, existing) -> {
            if (existing != null && !existing.closed() && existing.instance().endpoint().equals(instance.endpoint())) {
                return existing;
            }
            if (existing != null) {
                existing.close();
            }
            DownstreamSession opened = downstreams.open(instance, hello, (from, message) -> fromServer(service, from, message, null));
            String level = logLevel;
            if (level != null) {
                Thread.ofVirtual().start(() -> setLevel(opened, NODES.objectNode().put("level", level)));
            }
            return opened;
        });
        if (closed) {
            session.close();
        }
        return session;
    }

    // ---- from servers ------------------------------------------------------------------------------------------

    /**
     * A message a server sent on its own: during one of this client's requests ({@code reply} is that request's),
     * or on its stream ({@code reply} null).
     */
    void fromServer(String service, DownstreamSession from, ObjectNode message, Reply reply) {
        String method = message.path("method").asText();
        switch (JsonRpc.kind(message)) {
            case REQUEST -> {
                if (method.equals("ping")) {
                    // Liveness of the gateway's session is the gateway's business; the client need not hear of it.
                    sendLater(from, JsonRpc.result(message.get("id"), NODES.objectNode()));
                    return;
                }
                TextNode relayId = TextNode.valueOf("mcphub-" + serverIds.incrementAndGet());
                String token = message.at("/params/_meta/progressToken").isMissingNode() ? null
                        : JsonRpc.idKey(message.at("/params/_meta/progressToken"));
                serverRequests.put(JsonRpc.idKey(relayId), new ServerRequest(relayId, from, message.get("id"), token));
                if (token != null) {
                    progressTokens.put(token, from);
                }
                deliver(reply, JsonRpc.withId(message, relayId));
            }
            case NOTIFICATION -> {
                if (LIST_CHANGES.contains(method)) {
                    return; // the catalog hears these on its own session and tells every client what changed
                }
                switch (method) {
                    case "notifications/cancelled" -> cancelledByServer(from, message, reply);
                    case "notifications/resources/updated" -> outbox.add(namespacedUpdate(service, message));
                    default -> deliver(reply, message);
                }
            }
            default -> LOG.debug("session {}: dropped an unexpected message from instance {}", id, from.instance().id());
        }
    }

    private void cancelledByServer(DownstreamSession from, ObjectNode message, Reply reply) {
        JsonNode requestId = message.at("/params/requestId");
        for (Map.Entry<String, ServerRequest> entry : serverRequests.entrySet()) {
            ServerRequest request = entry.getValue();
            if (request.downstream() == from && request.originalId().equals(requestId)
                    && serverRequests.remove(entry.getKey(), request)) {
                ObjectNode copy = message.deepCopy();
                ((ObjectNode) copy.get("params")).set("requestId", request.relayId());
                deliver(reply, copy);
                return;
            }
        }
    }

    private ObjectNode namespacedUpdate(String service, ObjectNode message) {
        if (!scope.namespaced() || !message.at("/params/uri").isTextual()) {
            return message;
        }
        ObjectNode copy = message.deepCopy();
        ((ObjectNode) copy.get("params")).put("uri", names.uri(service, message.at("/params/uri").asText()));
        return copy;
    }

    private void deliver(Reply reply, ObjectNode message) {
        if (reply == null || !reply.offerRelated(message)) {
            outbox.add(message);
        }
    }

    // ---- from the client -------------------------------------------------------------------------------------

    /** A notification of the client's. */
    void notification(ObjectNode message) {
        switch (message.path("method").asText()) {
            case "notifications/initialized" -> { }
            case "notifications/cancelled" -> {
                Pending pending = inFlight.get(JsonRpc.idKey(message.at("/params/requestId")));
                if (pending != null) {
                    String reason = message.at("/params/reason").asText("cancelled by the client");
                    pending.end(CallEvent.Outcome.CANCELLED, reason,
                            JsonRpc.error(pending.clientId, JsonRpc.REQUEST_CANCELLED, "cancelled: " + reason));
                }
            }
            case "notifications/progress" -> {
                DownstreamSession to = progressTokens.get(JsonRpc.idKey(message.at("/params/progressToken")));
                if (to != null) {
                    sendLater(to, message);
                }
            }
            // Every server this client uses may ask for its roots.
            case "notifications/roots/list_changed" -> downstream.values().forEach(d -> sendLater(d, message));
            default -> LOG.debug("session {}: ignored client notification {}", id, message.path("method").asText());
        }
    }

    /** The client's answer to a server request, passed on to the server that asked under the server's id. */
    void response(ObjectNode message) {
        ServerRequest request = serverRequests.remove(JsonRpc.idKey(message.get("id")));
        if (request == null) {
            LOG.debug("session {}: dropped an answer to {}, which no server asked", id, message.get("id"));
            return;
        }
        if (request.progressToken() != null) {
            progressTokens.remove(request.progressToken());
        }
        sendLater(request.downstream(), JsonRpc.withId(message, request.originalId()));
    }

    /** Remembers the level for servers used later and sets it on those already in use. */
    void logLevel(String level) {
        logLevel = level;
        ObjectNode params = NODES.objectNode().put("level", level);
        downstream.values().forEach(d -> Thread.ofVirtual().start(() -> setLevel(d, params)));
    }

    private void setLevel(DownstreamSession session, ObjectNode params) {
        try {
            ObjectNode request = JsonRpc.notification("logging/setLevel", params).put("id", "mcphub-level-" + serverIds.incrementAndGet());
            session.request(request, m -> { }, new DownstreamSession.Exchange());
        } catch (RuntimeException e) {
            LOG.debug("session {}: could not set log level on instance {}: {}", id, session.instance().id(), e.getMessage());
        }
    }

    String logLevel() {
        return logLevel;
    }

    private static void sendLater(DownstreamSession to, ObjectNode message) {
        Thread.ofVirtual().name("relay-" + to.instance().id()).start(() -> to.send(message));
    }

    // ---- life -------------------------------------------------------------------------------------------------

    void touch() {
        lastActive = System.nanoTime();
    }

    boolean idleLongerThan(Duration limit) {
        return !outbox.streamOpen() && inFlight.isEmpty() && System.nanoTime() - lastActive > limit.toNanos();
    }

    /** Ends the session: requests in flight are cancelled downstream, downstream sessions deleted, the stream ends. */
    void end(String reason) {
        closed = true;
        inFlight.values().forEach(p -> p.end(CallEvent.Outcome.CANCELLED, reason,
                JsonRpc.error(p.clientId, JsonRpc.CONNECTION_CLOSED, reason)));
        downstream.values().forEach(DownstreamSession::close);
        downstream.clear();
        serverRequests.clear();
        outbox.close();
    }

    boolean closed() {
        return closed;
    }
}
