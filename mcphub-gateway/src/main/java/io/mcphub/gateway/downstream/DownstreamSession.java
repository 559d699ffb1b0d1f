package io.mcphub.gateway.downstream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mcphub.core.Json;
import io.mcphub.deploy.bridge.StdioBridge;
import io.mcphub.deploy.runtime.mcp.JsonRpc;
import io.mcphub.gateway.GatewayOptions;
import io.mcphub.gateway.UpstreamInstance;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway as an MCP client of one instance, over Streamable HTTP: {@code initialize} once (lazily, and again
 * when the server forgets the session, answering 404), then every request a POST carrying the session id, its
 * answer read from JSON or from an event stream, and a GET stream for what the server sends on its own.
 *
 * <p>Requests keep the id their client gave them: a downstream session serves one gateway session, whose ids are
 * unique while in flight, so answers need no mapping back. The gateway's own requests ({@code initialize}) use
 * ids of the form {@code mcphub-N} and are never in flight together with the client's.
 */
public final class DownstreamSession implements AutoCloseable {

    /** Receives what the server sends outside any request's answer: its requests and notifications. */
    @FunctionalInterface
    public interface Listener {
        void message(DownstreamSession from, ObjectNode message);
    }

    private static final Logger LOG = LoggerFactory.getLogger(DownstreamSession.class);
    private static final String ACCEPT = "application/json, text/event-stream";
    private static final Duration STREAM_RETRY_MIN = Duration.ofMillis(200);
    private static final Duration STREAM_RETRY_MAX = Duration.ofSeconds(10);
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final UpstreamInstance instance;
    private final Http1 http;
    private final GatewayOptions options;
    private final Hello hello;
    private final Listener listener;
    private final AtomicLong ids = new AtomicLong();
    private final Object lock = new Object();
    private volatile Handshake handshake;
    private volatile boolean closed;
    private volatile Thread streamThread;
    private volatile Exchange stream;

    /** The server's side of one initialize: its session id (null for a stateless server) and answer. */
    private record Handshake(String sessionId, String protocolVersion, ObjectNode result) {}

    DownstreamSession(UpstreamInstance instance, Http1 http, GatewayOptions options, Hello hello, Listener listener) {
        this.instance = instance;
        this.http = http;
        this.options = options;
        this.hello = hello;
        this.listener = listener;
    }

    public UpstreamInstance instance() {
        return instance;
    }

    /** The server's {@code InitializeResult}; initializes the session if it is not yet. */
    public ObjectNode initializeResult() {
        return handshake().result();
    }

    /**
     * Sends a request and waits for its response; what the server sends about the request before answering
     * (progress, its own requests, log messages) goes to {@code related}. The response keeps the request's id.
     *
     * @param control lets another thread abort the exchange (timeouts, cancellation)
     * @throws DownstreamException when there is no answer; {@link DownstreamException.Kind} says whether a retry
     *         elsewhere is safe
     */
    public ObjectNode request(ObjectNode request, Consumer<ObjectNode> related, Exchange control) {
        Handshake current = handshake();
        HttpOutcome outcome = post(current, request, related, control, null);
        if (outcome.sessionExpired()) {
            // The server forgot the session (it restarted, or expired it): nothing was processed, so start a new
            // session and send the request once more.
            expire(current);
            outcome = post(handshake(), request, related, control, null);
        }
        if (outcome.response() == null) {
            throw new DownstreamException(DownstreamException.Kind.PROTOCOL, outcome.problem());
        }
        return outcome.response();
    }

    /** Sends a notification or a response to a server request; failures are logged, there is nobody to tell. */
    public void send(ObjectNode message) {
        try {
            Handshake current = handshake();
            HttpOutcome outcome = post(current, message, m -> { }, new Exchange(), options.callTimeout());
            if (outcome.sessionExpired()) {
                expire(current);
            }
        } catch (DownstreamException e) {
            LOG.debug("instance {}: could not pass on {}: {}", instance.id(), message.path("method").asText("a response"),
                    e.getMessage());
        }
    }

    /** Tells the server to stop working on a request, in the background. */
    public void cancel(JsonNode requestId, String reason) {
        ObjectNode params = NODES.objectNode();
        params.set("requestId", requestId);
        params.put("reason", reason);
        Thread.ofVirtual().name("downstream-cancel").start(() -> send(JsonRpc.notification("notifications/cancelled", params)));
    }

    /** Ends the session: the stream stops and the server is told with DELETE (in the background). */
    @Override
    public void close() {
        closed = true;
        Exchange open = stream;
        if (open != null) {
            open.abort();
        }
        Handshake current = handshake;
        if (current != null && current.sessionId() != null) {
            Thread.ofVirtual().name("downstream-delete").start(() -> {
                Map<String, String> headers = new LinkedHashMap<>();
                withSession(headers, current);
                try (InputStream body = new Exchange().send(http, "DELETE", headers, null, options.connectTimeout(), instance).body()) {
                    body.transferTo(OutputStream.nullOutputStream());
                } catch (IOException | DownstreamException e) {
                    LOG.debug("instance {}: DELETE of session failed: {}", instance.id(), e.getMessage());
                }
            });
        }
    }

    public boolean closed() {
        return closed;
    }

    // ---- the session ------------------------------------------------------------------------------------------

    private Handshake handshake() {
        Handshake current = handshake;
        if (current != null) {
            return current;
        }
        synchronized (lock) {
            if (closed) {
                throw new DownstreamException(DownstreamException.Kind.UNREACHABLE, "the downstream session was closed");
            }
            if (handshake == null) {
                handshake = initialize();
                startStream();
            }
            return handshake;
        }
    }

    private void expire(Handshake seen) {
        synchronized (lock) {
            if (handshake == seen) {
                handshake = null;
            }
        }
    }

    private Handshake initialize() {
        ObjectNode params = NODES.objectNode().put("protocolVersion", hello.protocolVersion());
        params.set("capabilities", hello.capabilities());
        params.set("clientInfo", hello.clientInfo());
        ObjectNode request = NODES.objectNode().put("jsonrpc", "2.0").put("id", "mcphub-" + ids.incrementAndGet())
                .put("method", "initialize");
        request.set("params", params);
        HttpOutcome outcome = post(null, request, m -> { }, new Exchange(), options.callTimeout());
        ObjectNode response = outcome.response();
        JsonNode result = response == null ? null : response.get("result");
        if (result == null || !result.isObject() || !result.path("protocolVersion").isTextual()) {
            String why = response == null ? outcome.problem()
                    : response.path("error").path("message").asText("no InitializeResult in the answer");
            // An instance that cannot start a session serves nobody: let the router try another.
            throw new DownstreamException(DownstreamException.Kind.UNREACHABLE, "instance " + instance.id()
                    + " refused initialize: " + why);
        }
        Handshake started = new Handshake(outcome.sessionId(), result.path("protocolVersion").asText(), (ObjectNode) result);
        post(started, JsonRpc.notification("notifications/initialized", null), m -> { }, new Exchange(), options.callTimeout());
        return started;
    }

    // ---- one POST ---------------------------------------------------------------------------------------------

    /** A response, or why there is none; {@code sessionExpired} when the server answered 404 to our session id. */
    private record HttpOutcome(ObjectNode response, String sessionId, boolean sessionExpired, String problem) {}

    /**
     * @param timeout for the answer's headers, for the gateway's own requests and for messages answered with 202; null
     *                for client requests, whose time the caller keeps (and which may stream for long)
     */
    private HttpOutcome post(Handshake session, ObjectNode message, Consumer<ObjectNode> related, Exchange control,
                             Duration timeout) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("Accept", ACCEPT);
        withSession(headers, session);
        Http1.Response response = control.send(http, "POST", headers, Json.bytes(message), timeout, instance);
        try (InputStream body = response.body()) {
            int status = response.status();
            if (status == 404 && session != null && session.sessionId() != null) {
                return new HttpOutcome(null, null, true, "session expired");
            }
            if (status == 202) {
                return new HttpOutcome(null, null, false, "accepted");
            }
            if (status == 502 || status == 503 || status == 504 || status == 404) {
                throw new DownstreamException(DownstreamException.Kind.UNREACHABLE, "instance " + instance.id()
                        + " answered HTTP " + status + errorText(body));
            }
            if (status != 200) {
                throw new DownstreamException(DownstreamException.Kind.PROTOCOL, "instance " + instance.id()
                        + " answered HTTP " + status + errorText(body));
            }
            String sessionId = response.header("mcp-session-id");
            JsonNode id = message.get("id");
            ObjectNode answer = isEventStream(response) ? fromStream(body, id, related) : fromJson(body);
            return new HttpOutcome(answer, sessionId, false, answer == null ? "the event stream ended without an answer" : null);
        } catch (IOException e) {
            throw control.aborted() ? new DownstreamException(DownstreamException.Kind.LOST, "aborted", e)
                    : new DownstreamException(DownstreamException.Kind.LOST, "instance " + instance.id()
                            + " went away mid-request: " + describe(e), e);
        }
    }

    private ObjectNode fromJson(InputStream body) throws IOException {
        // Read to the end, so the connection goes back to the pool.
        JsonNode answer = Json.JSON.readTree(body.readAllBytes());
        if (JsonRpc.kind(answer) != JsonRpc.Kind.RESPONSE) {
            throw new DownstreamException(DownstreamException.Kind.PROTOCOL, "instance " + instance.id()
                    + " answered with something that is no JSON-RPC response");
        }
        return (ObjectNode) answer;
    }

    /** Reads events until the one that answers {@code id}; everything before it is related to the request. */
    private ObjectNode fromStream(InputStream body, JsonNode id, Consumer<ObjectNode> related) throws IOException {
        ObjectNode[] answer = new ObjectNode[1];
        SseReader.read(body, (type, data) -> {
            JsonNode message = Json.JSON.readTree(data);
            if (JsonRpc.kind(message) == JsonRpc.Kind.RESPONSE && message.get("id").equals(id)) {
                answer[0] = (ObjectNode) message;
                return false;
            }
            if (JsonRpc.kind(message) != JsonRpc.Kind.INVALID) {
                related.accept((ObjectNode) message);
            }
            return true;
        });
        return answer[0];
    }

    // ---- the GET stream ---------------------------------------------------------------------------------------

    private void startStream() {
        if (listener == null || streamThread != null) {
            return;
        }
        streamThread = Thread.ofVirtual().name("downstream-stream-" + instance.id()).start(this::streamLoop);
    }

    /** Keeps a GET stream open for as long as the session lives; a server that offers none (405) is left alone. */
    private void streamLoop() {
        Duration retry = STREAM_RETRY_MIN;
        while (!closed) {
            Handshake current;
            try {
                current = handshake();
            } catch (DownstreamException e) {
                retry = pause(retry);
                continue;
            }
            Exchange exchange = new Exchange();
            stream = exchange;
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("Accept", "text/event-stream");
            withSession(headers, current);
            try {
                Http1.Response response = exchange.send(http, "GET", headers, null, null, instance);
                try (InputStream body = response.body()) {
                    if (response.status() == 405) {
                        return;
                    }
                    if (response.status() == 404) {
                        expire(current);
                        continue;
                    }
                    if (response.status() == 200 && isEventStream(response)) {
                        retry = STREAM_RETRY_MIN;
                        SseReader.read(body, (type, data) -> {
                            JsonNode message = Json.JSON.readTree(data);
                            if (JsonRpc.kind(message) != JsonRpc.Kind.INVALID) {
                                listener.message(this, (ObjectNode) message);
                            }
                            return !closed;
                        });
                    }
                }
            } catch (IOException | DownstreamException e) {
                LOG.debug("instance {}: GET stream ended: {}", instance.id(), e.getMessage());
            }
            if (!closed) {
                retry = pause(retry);
            }
        }
    }

    private static Duration pause(Duration retry) {
        try {
            Thread.sleep(retry);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Duration next = retry.multipliedBy(2);
        return next.compareTo(STREAM_RETRY_MAX) > 0 ? STREAM_RETRY_MAX : next;
    }

    // ---- helpers ----------------------------------------------------------------------------------------------

    private static void withSession(Map<String, String> headers, Handshake session) {
        if (session == null) {
            return;
        }
        if (session.sessionId() != null) {
            headers.put(StdioBridge.SESSION_HEADER, session.sessionId());
        }
        headers.put(StdioBridge.VERSION_HEADER, session.protocolVersion());
    }

    private static boolean isEventStream(Http1.Response response) {
        String type = response.header("content-type");
        return type != null && type.toLowerCase(Locale.ROOT).startsWith("text/event-stream");
    }

    private static String errorText(InputStream body) {
        try {
            byte[] bytes = body.readNBytes(4096);
            JsonNode error = Json.JSON.readTree(bytes);
            String message = error == null ? null : error.path("error").path("message").asText(null);
            return message == null ? "" : ": " + message;
        } catch (IOException e) {
            return "";
        }
    }

    static String describe(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && (cause.getMessage() == null || cause.getMessage().isBlank())) {
            cause = cause.getCause();
        }
        return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    }

    /** One HTTP exchange that another thread may abort, wherever it is: closing its connection ends it. */
    public static final class Exchange implements Http1.Abortable {

        private volatile Http1.Connection connection;
        private volatile boolean aborted;

        @Override
        public void using(Http1.Connection current) throws IOException {
            connection = current;
            if (aborted) {
                current.close();
                throw new IOException("aborted");
            }
        }

        Http1.Response send(Http1 http, String method, Map<String, String> headers, byte[] body, Duration headTimeout,
                            UpstreamInstance instance) {
            if (aborted) {
                throw new DownstreamException(DownstreamException.Kind.LOST, "aborted");
            }
            try {
                return http.send(instance.endpoint(), method, headers, body, headTimeout, this);
            } catch (Http1.Unreached e) {
                throw new DownstreamException(DownstreamException.Kind.UNREACHABLE, "instance " + instance.id() + " at "
                        + instance.endpoint() + " is unreachable: " + e.getMessage(), e);
            } catch (SocketTimeoutException e) {
                throw new DownstreamException(DownstreamException.Kind.UNREACHABLE, "instance " + instance.id()
                        + " did not answer within " + headTimeout.toMillis() + " ms", e);
            } catch (IOException e) {
                throw new DownstreamException(DownstreamException.Kind.LOST, aborted ? "aborted" : "instance "
                        + instance.id() + " went away mid-request: " + describe(e), e);
            }
        }

        /** Stops the exchange wherever it is; the thread waiting in it gets a {@link DownstreamException}. */
        public void abort() {
            aborted = true;
            Http1.Connection current = connection;
            if (current != null) {
                current.close();
            }
        }

        boolean aborted() {
            return aborted;
        }
    }
}
