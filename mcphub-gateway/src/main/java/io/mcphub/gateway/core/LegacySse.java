package io.mcphub.gateway.core;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.mcphub.deploy.runtime.mcp.JsonRpc;
import io.mcphub.gateway.Caller;
import io.mcphub.gateway.GatewayOptions;
import io.mcphub.gateway.downstream.Downstreams;
import java.io.IOException;
import java.util.UUID;

/**
 * MCP's older HTTP+SSE transport (protocol 2024-11-05), for clients that predate Streamable HTTP: GET opens the
 * session's event stream, whose first event names the URL to POST messages to ({@code /messages?sessionId=…});
 * every answer travels on the stream, the POST only gets 202. The session ends with its stream.
 */
final class LegacySse {

    static final String MESSAGES = "/messages";

    private final Intake intake;
    private final Handshake handshake;
    private final Sessions sessions;
    private final Dispatcher dispatcher;
    private final Names names;
    private final Downstreams downstreams;
    private final GatewayOptions options;

    LegacySse(Intake intake, Handshake handshake, Sessions sessions, Dispatcher dispatcher, Names names,
              Downstreams downstreams, GatewayOptions options) {
        this.intake = intake;
        this.handshake = handshake;
        this.sessions = sessions;
        this.dispatcher = dispatcher;
        this.names = names;
        this.downstreams = downstreams;
        this.options = options;
    }

    void stream(Context ctx, Scope scope) throws IOException {
        Caller caller = intake.admit(ctx);
        if (caller == null) {
            return;
        }
        String unknown = handshake.unknownScope(scope, caller);
        if (unknown != null) {
            Intake.reject(ctx, 404, Rpc.INVALID_PARAMS, unknown);
            return;
        }
        GatewaySession session = sessions.add(() -> new GatewaySession(UUID.randomUUID().toString(), caller.name(),
                scope, true, names, downstreams, options.maxBufferedMessages()));
        if (session == null) {
            Intake.reject(ctx, 503, JsonRpc.INTERNAL_ERROR, "the gateway holds " + options.maxSessions()
                    + " sessions, the most it takes; close unused streams and try again");
            return;
        }
        try {
            String endpoint = ctx.contextPath().replaceAll("/$", "") + MESSAGES + "?sessionId=" + session.id;
            EventStreams.serve(ctx, session, options.keepAlive(), sse -> sse.send("endpoint", endpoint));
        } finally {
            sessions.end(session, "the client closed its event stream");
        }
    }

    void post(Context ctx) throws IOException {
        Caller caller = intake.admit(ctx);
        if (caller == null) {
            return;
        }
        GatewaySession session = sessions.get(ctx.queryParam("sessionId"));
        if (session == null || !session.legacy || !session.owner.equals(caller.name())) {
            Intake.reject(ctx, 404, JsonRpc.CONNECTION_CLOSED, "Session not found: open the event stream (GET /sse)"
                    + " first and POST to the URL its endpoint event names");
            return;
        }
        Intake.Messages messages = intake.messages(ctx);
        if (messages == null) {
            return;
        }
        session.touch();
        Reply reply = new StreamReply(session);
        for (ObjectNode message : messages.list()) {
            switch (JsonRpc.kind(message)) {
                case REQUEST -> {
                    if ("initialize".equals(message.path("method").asText()) && !session.isInitialized()) {
                        reply.respond(handshake.accept(session, message));
                    } else if (!session.isInitialized()) {
                        reply.respond(JsonRpc.error(message.get("id"), JsonRpc.INVALID_REQUEST,
                                "Invalid Request: send initialize first"));
                    } else {
                        dispatcher.dispatch(new Dispatcher.Call(session, caller, reply, message));
                    }
                }
                case NOTIFICATION -> session.notification(message);
                case RESPONSE -> session.response(message);
                case INVALID -> throw new IllegalStateException("Intake lets no invalid message through");
            }
        }
        ctx.status(202);
    }

    /** Everything goes on the session's stream; the client going away ends the session, which cancels its requests. */
    private record StreamReply(GatewaySession session) implements Reply {
        @Override
        public void respond(ObjectNode response) {
            session.outbox.add(response);
        }

        @Override
        public boolean offerRelated(ObjectNode message) {
            session.outbox.add(message);
            return true;
        }

        @Override
        public void track(Pending pending) {
            // the session's inFlight holds it; ending the session cancels it
        }
    }
}
