package io.mcphub.gateway.core;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.mcphub.core.Json;
import io.mcphub.deploy.bridge.SseWriter;
import io.mcphub.deploy.bridge.StdioBridge;
import io.mcphub.deploy.runtime.mcp.JsonRpc;
import io.mcphub.gateway.Caller;
import io.mcphub.gateway.GatewayOptions;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * MCP's Streamable HTTP transport, server side: POST carries client messages (answered as JSON, or as an event
 * stream once the server has more to say than the answer, or the answer takes longer than the keep-alive
 * interval), GET opens the session's stream, DELETE ends the session.
 */
final class StreamableHttp {

    private final Front front;
    private final Intake intake;
    private final Sessions sessions;
    private final GatewayOptions options;

    StreamableHttp(Front front) {
        this.front = front;
        this.intake = front.intake();
        this.sessions = front.sessions();
        this.options = front.options();
    }

    void post(Context ctx, Scope scope) throws IOException {
        Caller caller = intake.admit(ctx);
        if (caller == null) {
            return;
        }
        String accept = ctx.header("Accept");
        boolean jsonAccepted = accept == null || StdioBridge.accepts(accept, "application/json")
                || StdioBridge.accepts(accept, "*/*") || StdioBridge.accepts(accept, "application/*");
        boolean streamAccepted = StdioBridge.accepts(accept, "text/event-stream");
        if (!jsonAccepted && !streamAccepted) {
            Intake.reject(ctx, 406, JsonRpc.CONNECTION_CLOSED, "Not Acceptable: send Accept: application/json, text/event-stream");
            return;
        }
        Intake.Messages messages = intake.messages(ctx);
        if (messages == null) {
            return;
        }
        ObjectNode initialize = messages.initialize();
        if (initialize != null) {
            if (messages.list().size() > 1) {
                Intake.reject(ctx, 400, JsonRpc.INVALID_REQUEST, "Invalid Request: initialize must be sent alone");
                return;
            }
            initialize(ctx, caller, scope, initialize, jsonAccepted);
            return;
        }
        GatewaySession session = session(ctx, caller, scope);
        if (session == null) {
            return;
        }
        List<ObjectNode> requests = new ArrayList<>();
        for (ObjectNode message : messages.list()) {
            switch (JsonRpc.kind(message)) {
                case REQUEST -> requests.add(message);
                case NOTIFICATION -> session.notification(message);
                case RESPONSE -> session.response(message);
                case INVALID -> throw new IllegalStateException("Intake lets no invalid message through");
            }
        }
        if (requests.isEmpty()) {
            ctx.status(202);
            return;
        }
        PostReply reply = new PostReply(requests.size(), streamAccepted);
        for (ObjectNode request : requests) {
            front.dispatcher().dispatch(new Dispatcher.Call(session, caller, reply, request));
        }
        respond(ctx, reply, messages.batch(), jsonAccepted, streamAccepted);
        session.touch();
    }

    private void initialize(Context ctx, Caller caller, Scope scope, ObjectNode request, boolean jsonAccepted)
            throws IOException {
        GatewaySession session = front.open(ctx, caller, scope, false);
        if (session == null) {
            return;
        }
        ObjectNode response = front.handshake().accept(session, request);
        if (response.has("error")) {
            sessions.end(session, "initialize failed");
        } else {
            ctx.header(StdioBridge.SESSION_HEADER, session.id);
        }
        if (jsonAccepted) {
            json(ctx, response);
        } else {
            SseWriter.open(ctx).send(response);
        }
    }

    /**
     * Writes the answers: plain JSON when only answers come, an event stream as soon as something else comes first
     * (progress, a server request) or an answer is slow; the stream's keep-alive comments are how the gateway
     * notices a client that went away, whose requests are then cancelled downstream.
     */
    private void respond(Context ctx, PostReply reply, boolean batch, boolean jsonAccepted, boolean streamAccepted)
            throws IOException {
        List<ObjectNode> responses = new ArrayList<>(reply.requests);
        SseWriter stream = null;
        int answered = 0;
        Duration keepAlive = options.keepAlive();
        try {
            if (!jsonAccepted) {
                stream = SseWriter.open(ctx);
            }
            while (answered < reply.requests) {
                ObjectNode next = reply.poll(keepAlive);
                if (next == null) {
                    if (stream == null && streamAccepted) {
                        stream = openStream(ctx, responses);
                    }
                    if (stream != null) {
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
                } else {
                    if (stream == null) {
                        stream = openStream(ctx, responses);
                    }
                    stream.send(next);
                }
            }
        } catch (IOException e) {
            reply.clientGone();
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            reply.clientGone();
            return;
        } finally {
            reply.finish();
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

    private static SseWriter openStream(Context ctx, List<ObjectNode> earlier) throws IOException {
        SseWriter stream = SseWriter.open(ctx);
        for (ObjectNode response : earlier) {
            stream.send(response);
        }
        earlier.clear();
        return stream;
    }

    void get(Context ctx, Scope scope) throws IOException {
        Caller caller = intake.admit(ctx);
        if (caller == null) {
            return;
        }
        if (!StdioBridge.accepts(ctx.header("Accept"), "text/event-stream")) {
            Intake.reject(ctx, 406, JsonRpc.CONNECTION_CLOSED, "Not Acceptable: GET opens an event stream; send Accept: text/event-stream");
            return;
        }
        GatewaySession session = session(ctx, caller, scope);
        if (session != null) {
            EventStreams.serve(ctx, session, options.keepAlive(), sse -> { });
        }
    }

    void delete(Context ctx, Scope scope) {
        Caller caller = intake.admit(ctx);
        if (caller == null) {
            return;
        }
        GatewaySession session = session(ctx, caller, scope);
        if (session != null) {
            sessions.end(session, "the client ended the session");
            ctx.status(200);
        }
    }

    /**
     * The session the request names, if it is the caller's and this endpoint's; answers 400 or 404 itself and
     * returns null otherwise. Another caller's session is "not found" too: its existence is none of their business.
     */
    private GatewaySession session(Context ctx, Caller caller, Scope scope) {
        String id = ctx.header(StdioBridge.SESSION_HEADER);
        if (id == null || id.isBlank()) {
            Intake.reject(ctx, 400, JsonRpc.CONNECTION_CLOSED, "Bad Request: no " + StdioBridge.SESSION_HEADER
                    + " header; POST initialize first and send the session id it returned");
            return null;
        }
        GatewaySession session = sessions.get(id);
        if (session == null || session.legacy || !session.owner.equals(caller.name()) || !session.scope.equals(scope)) {
            Intake.reject(ctx, 404, JsonRpc.CONNECTION_CLOSED, "Session not found: it ended, expired or belongs to"
                    + " another endpoint; initialize a new one");
            return null;
        }
        String version = ctx.header(StdioBridge.VERSION_HEADER);
        if (version != null && !Versions.supported(version)) {
            Intake.reject(ctx, 400, JsonRpc.CONNECTION_CLOSED, "Bad Request: unsupported " + StdioBridge.VERSION_HEADER
                    + " " + version + "; supported: " + String.join(", ", Versions.SUPPORTED));
            return null;
        }
        session.touch();
        return session;
    }

    private static void json(Context ctx, Object body) {
        ctx.status(200).contentType("application/json").result(Json.bytes(body));
    }
}
