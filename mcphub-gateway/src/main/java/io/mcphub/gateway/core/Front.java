package io.mcphub.gateway.core;

import io.javalin.http.Context;
import io.mcphub.deploy.runtime.mcp.JsonRpc;
import io.mcphub.gateway.Caller;
import io.mcphub.gateway.GatewayOptions;
import io.mcphub.gateway.downstream.Downstreams;
import java.util.UUID;

/** What the handlers of both transports share: admission, sessions, the handshake and the dispatcher. */
record Front(Intake intake, Handshake handshake, Sessions sessions, Dispatcher dispatcher, Names names,
             Downstreams downstreams, GatewayOptions options) {

    /** A new session of the caller on an endpoint, or null once 404 (no such endpoint for it) or 503 was sent. */
    GatewaySession open(Context ctx, Caller caller, Scope scope, boolean legacy) {
        String unknown = handshake.unknownScope(scope, caller);
        if (unknown != null) {
            Intake.reject(ctx, 404, Rpc.INVALID_PARAMS, unknown);
            return null;
        }
        GatewaySession session = sessions.add(() -> new GatewaySession(UUID.randomUUID().toString(), caller.name(),
                scope, legacy, names, downstreams, options.maxBufferedMessages()));
        if (session == null) {
            Intake.reject(ctx, 503, JsonRpc.INTERNAL_ERROR, "the gateway holds " + options.maxSessions()
                    + " sessions, the most it takes; end unused sessions and try again");
        }
        return session;
    }
}
