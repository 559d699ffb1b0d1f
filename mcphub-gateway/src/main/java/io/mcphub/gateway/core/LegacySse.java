package io.mcphub.gateway.core;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.mcphub.deploy.runtime.mcp.JsonRpc;
import io.mcphub.gateway.Caller;
import java.io.IOException;

/**
 * MCP's older HTTP+SSE transport (protocol 2024-11-05), for clients that predate Streamable HTTP: GET opens the
 * session's event stream, whose first event names the URL to POST messages to ({@code /messages?sessionId=…});
 * every answer travels on the stream, the POST only gets 202. The session ends with its stream.
 */
final class LegacySse {

    static final String MESSAGES = "/messages";

    private final Front front;
    private final Intake intake;
    private final Sessions sessions;

    LegacySse(Front front) {
        this.front = front;
        this.intake = front.intake();
        this.sessions = front.sessions();
    }

    void stream(Context ctx, Scope scope) throws IOException {
        Caller caller = intake.admit(ctx);
        if (caller == null) {
            return;
        }
        GatewaySession session = front.open(ctx, caller, scope, true);
        if (session == null) {
            return;
        }
        try {
            String endpoint = ctx.contextPath().replaceAll("/$", "") + MESSAGES + "?sessionId=" + session.id;
            EventStreams.serve(ctx, session, front.options().keepAlive(), sse -> sse.send("endpoint", endpoint));
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
                        reply.respond(front.handshake().accept(session, message));
                    } else if (!session.isInitialized()) {
                        reply.respond(JsonRpc.error(message.get("id"), JsonRpc.INVALID_REQUEST,
                                "Invalid Request: send initialize first"));
                    } else {
                        front.dispatcher().dispatch(new Dispatcher.Call(session, caller, reply, message));
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
