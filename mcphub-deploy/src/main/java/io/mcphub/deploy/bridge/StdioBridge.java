package io.mcphub.deploy.bridge;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.mcphub.core.Json;
import io.mcphub.deploy.runtime.Instance;
import io.mcphub.deploy.runtime.McpChannel;
import io.mcphub.deploy.runtime.McpChannelException;
import io.mcphub.deploy.runtime.Subscription;
import io.mcphub.deploy.runtime.mcp.JsonRpc;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves one stdio MCP instance over Streamable HTTP (MCP 2025-03-26 / 2025-06-18 transport), the job
 * supergateway does for 1Panel today. One process has one protocol session, so the bridge multiplexes many HTTP
 * sessions onto it: requests go through the {@link McpChannel}, which gives them ids of the process's own, and
 * the answers are mapped back to the asking HTTP request under the client's id; {@code initialize} is answered
 * from the handshake the supervisor made once per process.
 */
public final class StdioBridge implements AutoCloseable {

    public static final String SESSION_HEADER = "Mcp-Session-Id";
    public static final String VERSION_HEADER = "Mcp-Protocol-Version";
    /** Versions whose Streamable HTTP transport this bridge speaks; the JSON-RPC messages pass through as they are. */
    static final Set<String> PROTOCOL_VERSIONS = Set.of("2024-11-05", "2025-03-26", "2025-06-18", "2025-11-25");
    private static final Logger LOG = LoggerFactory.getLogger(StdioBridge.class);
    private static final Duration STREAM_CHECK = Duration.ofMillis(500);

    private final String instanceId;
    private final McpChannel channel;
    private final BridgeOptions options;
    private final Map<String, BridgeSession> sessions = new ConcurrentHashMap<>();
    private final Map<String, Forwarded> progress = new ConcurrentHashMap<>();
    private final Map<String, BridgeSession> serverRequests = new ConcurrentHashMap<>();
    private final AtomicLong progressTokens = new AtomicLong();
    private final ServerMessageRouter router;
    private final Subscription subscription;

    public StdioBridge(String instanceId, McpChannel channel, BridgeOptions options) {
        this.instanceId = instanceId;
        this.channel = channel;
        this.options = options;
        this.router = new ServerMessageRouter(channel, sessions, progress, serverRequests);
        this.subscription = channel.subscribe(new McpChannel.Listener() {
            @Override
            public void message(ObjectNode message) {
                router.route(message);
            }

            @Override
            public void processEnded() {
                // The server that asked these questions is gone; answers to them would reach a new process.
                serverRequests.clear();
            }
        });
    }

    /** The bridge for an instance that speaks MCP over stdio. */
    public static StdioBridge of(Instance instance, BridgeOptions options) {
        McpChannel channel = instance.mcp().orElseThrow(() -> new IllegalArgumentException("instance " + instance.id()
                + " speaks " + instance.spec().transport().wireName() + ", not stdio; only stdio MCP servers need the bridge"));
        return new StdioBridge(instance.id(), channel, options);
    }

    public String instanceId() {
        return instanceId;
    }

    public int sessionCount() {
        return sessions.size();
    }

    /** Ends every session: streams close, requests in flight are cancelled upstream. */
    @Override
    public void close() {
        subscription.close();
        sessions.values().forEach(this::end);
        sessions.clear();
    }

    // ---- POST: client messages -------------------------------------------------------------------------------

    void post(Context ctx) throws IOException {
        if (!originAllowed(ctx)) {
            return;
        }
        String accept = ctx.header("Accept");
        boolean jsonAccepted = accept == null || accepts(accept, "application/json") || accepts(accept, "*/*")
                || accepts(accept, "application/*");
        boolean streamAccepted = accepts(accept, "text/event-stream");
        if (!jsonAccepted && !streamAccepted) {
            reject(ctx, 406, JsonRpc.CONNECTION_CLOSED, "Not Acceptable: send Accept: application/json, text/event-stream");
            return;
        }
        String contentType = ctx.header("Content-Type");
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("application/json")) {
            reject(ctx, 415, JsonRpc.CONNECTION_CLOSED, "Unsupported Media Type: POST a JSON-RPC message as application/json");
            return;
        }
        JsonNode body;
        try {
            body = Json.JSON.readTree(ctx.bodyAsBytes());
        } catch (JsonProcessingException e) {
            reject(ctx, 400, JsonRpc.PARSE_ERROR, "Parse error: the body is not JSON (" + e.getOriginalMessage() + ")");
            return;
        }
        List<ObjectNode> messages = messages(body);
        if (messages == null) {
            reject(ctx, 400, JsonRpc.INVALID_REQUEST, "Invalid Request: POST one JSON-RPC 2.0 request, notification or"
                    + " response, or a non-empty array of them");
            return;
        }
        if (messages.stream().anyMatch(StdioBridge::isInitialize)) {
            if (messages.size() > 1) {
                reject(ctx, 400, JsonRpc.INVALID_REQUEST, "Invalid Request: initialize must be sent alone");
                return;
            }
            initialize(ctx, messages.getFirst(), jsonAccepted);
            return;
        }
        BridgeSession session = session(ctx);
        if (session == null) {
            return;
        }
        List<ObjectNode> requests = new ArrayList<>();
        for (ObjectNode message : messages) {
            switch (JsonRpc.kind(message)) {
                case REQUEST -> requests.add(message);
                case NOTIFICATION -> fromClient(session, message);
                case RESPONSE -> answerToServer(session, message);
                case INVALID -> throw new IllegalStateException("filtered by messages()");
            }
        }
        if (requests.isEmpty()) {
            ctx.status(202);
            return;
        }
        PostExchange exchange = new PostExchange(session, streamAccepted, requests.size());
        session.exchanges.add(exchange);
        try {
            requests.forEach(r -> forward(session, exchange, r));
            respond(ctx, exchange, body.isArray(), jsonAccepted);
        } finally {
            exchange.finish();
            session.exchanges.remove(exchange);
            session.touch();
        }
    }

    private void initialize(Context ctx, ObjectNode request, boolean jsonAccepted) throws IOException {
        ObjectNode result;
        try {
            result = channel.initialized().get(options.readyTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            reject(ctx, 503, JsonRpc.INTERNAL_ERROR, "instance " + instanceId + " is not running yet (starting or"
                    + " restarting); retry shortly");
            return;
        } catch (ExecutionException e) {
            reject(ctx, 503, JsonRpc.INTERNAL_ERROR, e.getCause().getMessage());
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        sweepIdleSessions();
        if (sessions.size() >= options.maxSessions()) {
            reject(ctx, 503, JsonRpc.INTERNAL_ERROR, "instance " + instanceId + " has " + sessions.size()
                    + " open sessions, the most it takes; end unused sessions with DELETE");
            return;
        }
        BridgeSession session = new BridgeSession(UUID.randomUUID().toString(), options.maxBufferedMessages());
        sessions.put(session.id, session);
        ctx.header(SESSION_HEADER, session.id);
        ObjectNode response = JsonRpc.result(request.get("id"), result);
        if (jsonAccepted) {
            json(ctx, response);
        } else {
            SseWriter.open(ctx).send(response);
        }
    }

    private void forward(BridgeSession session, PostExchange exchange, ObjectNode request) {
        JsonNode clientId = request.get("id");
        JsonNode token = request.at("/params/_meta/progressToken");
        boolean hasToken = !token.isMissingNode() && !token.isNull();
        String bridgeToken = hasToken ? instanceId + "-" + progressTokens.incrementAndGet() : null;
        ObjectNode outgoing = request;
        if (hasToken) {
            // Two sessions may both pick token 1; the process must see tokens that tell them apart.
            outgoing = request.deepCopy();
            ((ObjectNode) outgoing.at("/params/_meta")).put("progressToken", bridgeToken);
        }
        Forwarded forwarded = new Forwarded(session, exchange, clientId, request.path("method").asText(),
                request.path("params"), hasToken ? token : null, bridgeToken);
        if (session.inFlight.putIfAbsent(JsonRpc.idKey(clientId), forwarded) != null) {
            exchange.respond(JsonRpc.error(clientId, JsonRpc.INVALID_REQUEST, "Invalid Request: id " + clientId
                    + " is already used by a request of this session in flight"));
            return;
        }
        exchange.forwarded.add(forwarded);
        if (bridgeToken != null) {
            progress.put(bridgeToken, forwarded);
        }
        try {
            McpChannel.Call call = channel.call(outgoing);
            forwarded.channelId = call.id();
            call.response().whenComplete((response, error) -> answered(forwarded, response, error));
        } catch (McpChannelException e) {
            answered(forwarded, null, e);
        }
    }

    private void answered(Forwarded forwarded, ObjectNode response, Throwable error) {
        if (!forwarded.claim()) {
            return;
        }
        forget(forwarded);
        if (error != null) {
            Throwable cause = error.getCause() instanceof McpChannelException e ? e : error;
            forwarded.exchange.respond(JsonRpc.error(forwarded.clientId, JsonRpc.CONNECTION_CLOSED, cause.getMessage()));
            return;
        }
        if (response.has("result")) {
            trackSubscription(forwarded);
        }
        forwarded.exchange.respond(JsonRpc.withId(response, forwarded.clientId));
    }

    /** Resource updates reach only the sessions that subscribed, though the process sees one subscriber. */
    private static void trackSubscription(Forwarded forwarded) {
        String uri = forwarded.params.path("uri").asText(null);
        if (uri == null) {
            return;
        }
        switch (forwarded.method) {
            case "resources/subscribe" -> forwarded.session.subscriptions.add(uri);
            case "resources/unsubscribe" -> forwarded.session.subscriptions.remove(uri);
            default -> { }
        }
    }

    /**
     * Gives up on a request: the process is told to cancel it, and the client gets {@code answer} (null when the
     * client is gone anyway).
     */
    private void abandon(Forwarded forwarded, ObjectNode answer, String reason) {
        if (!forwarded.claim()) {
            return;
        }
        forget(forwarded);
        if (forwarded.channelId >= 0) {
            ObjectNode params = JsonNodeFactory.instance.objectNode().put("requestId", forwarded.channelId)
                    .put("reason", reason);
            sendQuietly(JsonRpc.notification("notifications/cancelled", params));
        }
        if (answer != null) {
            forwarded.exchange.respond(answer);
        }
    }

    private void forget(Forwarded forwarded) {
        forwarded.session.inFlight.remove(JsonRpc.idKey(forwarded.clientId), forwarded);
        if (forwarded.bridgeToken != null) {
            progress.remove(forwarded.bridgeToken);
        }
    }

    /**
     * Answers the POST: plain JSON when only responses come, an event stream as soon as the server sends something
     * else for these requests first (progress, its own requests), or when the client takes nothing but streams.
     */
    private void respond(Context ctx, PostExchange exchange, boolean batch, boolean jsonAccepted) throws IOException {
        List<ObjectNode> responses = new ArrayList<>();
        SseWriter stream = null;
        long deadline = System.nanoTime() + options.requestTimeout().toNanos();
        int answered = 0;
        try {
            if (!jsonAccepted) {
                stream = SseWriter.open(ctx);
            }
            while (answered < exchange.requests) {
                long left = Math.max(1, deadline - System.nanoTime());
                ObjectNode next = exchange.poll(Duration.ofNanos(Math.min(left, options.keepAlive().toNanos())));
                if (next == null) {
                    if (System.nanoTime() >= deadline) {
                        timeOut(exchange);
                        deadline = Long.MAX_VALUE;
                    } else if (stream != null) {
                        stream.keepAlive();
                    }
                    continue;
                }
                boolean isResponse = JsonRpc.kind(next) == JsonRpc.Kind.RESPONSE;
                if (isResponse) {
                    answered++;
                }
                if (stream == null && isResponse) {
                    responses.add(next);
                    continue;
                }
                if (stream == null) {
                    stream = SseWriter.open(ctx);
                    for (ObjectNode earlier : responses) {
                        stream.send(earlier);
                    }
                    responses.clear();
                }
                stream.send(next);
            }
        } catch (IOException e) {
            clientGone(exchange);
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            clientGone(exchange);
            return;
        }
        if (stream == null) {
            if (batch) {
                ArrayNode array = JsonNodeFactory.instance.arrayNode();
                responses.forEach(array::add);
                json(ctx, array);
            } else {
                json(ctx, responses.getFirst());
            }
        }
    }

    private void timeOut(PostExchange exchange) {
        String reason = "no answer from the MCP server within " + options.requestTimeout().toSeconds() + " s";
        for (Forwarded f : exchange.forwarded) {
            abandon(f, JsonRpc.error(f.clientId, JsonRpc.REQUEST_TIMEOUT, reason + "; the request was cancelled"), reason);
        }
    }

    private void clientGone(PostExchange exchange) {
        exchange.finish();
        exchange.forwarded.forEach(f -> abandon(f, null, "the HTTP client disconnected"));
    }

    private void fromClient(BridgeSession session, ObjectNode notification) {
        switch (notification.path("method").asText()) {
            // The supervisor initialized the process once; a second notice would confuse the server.
            case "notifications/initialized" -> { }
            case "notifications/cancelled" -> {
                JsonNode requestId = notification.at("/params/requestId");
                Forwarded f = requestId.isMissingNode() ? null : session.inFlight.get(JsonRpc.idKey(requestId));
                if (f != null) {
                    String reason = notification.at("/params/reason").asText("cancelled by the client");
                    abandon(f, JsonRpc.error(f.clientId, JsonRpc.REQUEST_CANCELLED, "cancelled: " + reason), reason);
                }
            }
            default -> sendQuietly(notification);
        }
    }

    /** A client's answer to a request of the server's goes through only if that request was put to this session. */
    private void answerToServer(BridgeSession session, ObjectNode response) {
        if (serverRequests.remove(JsonRpc.idKey(response.get("id")), session)) {
            sendQuietly(response);
        } else {
            LOG.debug("instance {}: dropped a response to server request {} the session was not asked", instanceId,
                    response.get("id"));
        }
    }

    // ---- GET: the session's stream of server messages ----------------------------------------------------------

    void get(Context ctx) throws IOException {
        if (!originAllowed(ctx)) {
            return;
        }
        if (!accepts(ctx.header("Accept"), "text/event-stream")) {
            reject(ctx, 406, JsonRpc.CONNECTION_CLOSED, "Not Acceptable: GET opens an event stream; send Accept: text/event-stream");
            return;
        }
        BridgeSession session = session(ctx);
        if (session == null) {
            return;
        }
        long stream = session.openStream();
        try {
            SseWriter sse = SseWriter.open(ctx);
            long lastWrite = System.nanoTime();
            while (session.isCurrentStream(stream)) {
                ObjectNode next = session.poll(STREAM_CHECK);
                if (next == BridgeSession.CLOSED) {
                    return;
                }
                if (next != null && !session.isCurrentStream(stream)) {
                    session.requeue(next);
                    return;
                }
                try {
                    if (next != null) {
                        sse.send(next);
                        lastWrite = System.nanoTime();
                    } else if (System.nanoTime() - lastWrite >= options.keepAlive().toNanos()) {
                        sse.keepAlive();
                        lastWrite = System.nanoTime();
                    }
                } catch (IOException e) {
                    if (next != null) {
                        session.requeue(next);
                    }
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            session.closeStream(stream);
        }
    }

    // ---- DELETE: the client ends its session -------------------------------------------------------------------

    void delete(Context ctx) {
        if (!originAllowed(ctx)) {
            return;
        }
        BridgeSession session = session(ctx);
        if (session == null) {
            return;
        }
        sessions.remove(session.id);
        end(session);
        ctx.status(200);
    }

    private void end(BridgeSession session) {
        session.close();
        session.inFlight.values().forEach(f -> abandon(f, JsonRpc.error(f.clientId, JsonRpc.CONNECTION_CLOSED,
                "the session was ended"), "the session was ended"));
        serverRequests.values().removeIf(s -> s == session);
    }

    /** Clients that vanish without DELETE leave sessions behind; new sessions make room by ending those. */
    private void sweepIdleSessions() {
        sessions.values().removeIf(session -> {
            if (!session.idleLongerThan(options.sessionIdleTimeout())) {
                return false;
            }
            end(session);
            return true;
        });
    }

    // ---- helpers ----------------------------------------------------------------------------------------------

    /** The session the request names; answers 400 or 404 itself and returns null when there is none. */
    private BridgeSession session(Context ctx) {
        String id = ctx.header(SESSION_HEADER);
        if (id == null || id.isBlank()) {
            reject(ctx, 400, JsonRpc.CONNECTION_CLOSED, "Bad Request: no " + SESSION_HEADER + " header; send initialize"
                    + " first and then the session id it returned");
            return null;
        }
        BridgeSession session = sessions.get(id);
        if (session == null) {
            reject(ctx, 404, JsonRpc.CONNECTION_CLOSED, "Session not found: it ended or never existed; initialize a new one");
            return null;
        }
        String version = ctx.header(VERSION_HEADER);
        if (version != null && !PROTOCOL_VERSIONS.contains(version)) {
            reject(ctx, 400, JsonRpc.CONNECTION_CLOSED, "Bad Request: unsupported " + VERSION_HEADER + " " + version
                    + "; supported: " + String.join(", ", PROTOCOL_VERSIONS.stream().sorted().toList()));
            return null;
        }
        session.touch();
        return session;
    }

    private boolean originAllowed(Context ctx) {
        String origin = ctx.header("Origin");
        if (origin == null || options.allowedOrigins().contains(origin)) {
            return true;
        }
        reject(ctx, 403, JsonRpc.CONNECTION_CLOSED, "Forbidden: origin " + origin + " may not use this MCP endpoint");
        return false;
    }

    private void sendQuietly(ObjectNode message) {
        try {
            channel.send(message);
        } catch (McpChannelException e) {
            LOG.debug("instance {}: could not pass {} on: {}", instanceId, message.path("method").asText("a response"),
                    e.getMessage());
        }
    }

    /** Null unless every element is a JSON-RPC message. */
    private static List<ObjectNode> messages(JsonNode body) {
        List<ObjectNode> messages = new ArrayList<>();
        if (body != null && body.isArray()) {
            body.forEach(m -> messages.add(JsonRpc.kind(m) == JsonRpc.Kind.INVALID ? null : (ObjectNode) m));
        } else if (JsonRpc.kind(body) != JsonRpc.Kind.INVALID) {
            messages.add((ObjectNode) body);
        }
        return messages.isEmpty() || messages.contains(null) ? null : messages;
    }

    private static boolean isInitialize(ObjectNode message) {
        return JsonRpc.kind(message) == JsonRpc.Kind.REQUEST && "initialize".equals(message.path("method").asText());
    }

    /** Whether an {@code Accept} header lists {@code type} (parameters such as {@code q} are not weighed). */
    public static boolean accepts(String accept, String type) {
        if (accept == null) {
            return false;
        }
        for (String part : accept.split(",")) {
            if (part.split(";")[0].trim().equalsIgnoreCase(type)) {
                return true;
            }
        }
        return false;
    }

    private static void json(Context ctx, JsonNode body) {
        ctx.status(200).contentType("application/json").result(Json.bytes(body));
    }

    static void reject(Context ctx, int status, int code, String message) {
        ctx.status(status).contentType("application/json").result(Json.bytes(JsonRpc.error(null, code, message)));
    }
}
