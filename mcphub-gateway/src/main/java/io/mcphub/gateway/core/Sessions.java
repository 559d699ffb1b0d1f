package io.mcphub.gateway.core;

import io.mcphub.gateway.GatewayOptions;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/** The gateway's client sessions by id; clients that vanish without DELETE are swept once idle for long enough. */
final class Sessions {

    private final GatewayOptions options;
    private final Map<String, GatewaySession> byId = new ConcurrentHashMap<>();

    Sessions(GatewayOptions options) {
        this.options = options;
    }

    /** Adds the session {@code create} makes, or returns null when the gateway holds as many as it may. */
    GatewaySession add(Supplier<GatewaySession> create) {
        sweep();
        if (byId.size() >= options.maxSessions()) {
            return null;
        }
        GatewaySession session = create.get();
        byId.put(session.id, session);
        return session;
    }

    GatewaySession get(String id) {
        return id == null ? null : byId.get(id);
    }

    void end(GatewaySession session, String reason) {
        if (byId.remove(session.id, session)) {
            session.end(reason);
        }
    }

    Collection<GatewaySession> all() {
        return byId.values();
    }

    int size() {
        return byId.size();
    }

    void sweep() {
        byId.values().removeIf(session -> {
            if (!session.idleLongerThan(options.sessionIdleTimeout())) {
                return false;
            }
            session.end("the session was idle for longer than " + options.sessionIdleTimeout().toMinutes() + " min");
            return true;
        });
    }

    void endAll(String reason) {
        byId.values().forEach(s -> s.end(reason));
        byId.clear();
    }
}
