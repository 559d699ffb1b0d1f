package io.mcphub.deploy.bridge;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One client request on its way through the shared process: who asked (session, POST exchange, the client's own
 * id and progress token) and the id the process knows it by. It is answered exactly once: by the server, by a
 * timeout, or by the client going away.
 */
final class Forwarded {

    final BridgeSession session;
    final PostExchange exchange;
    final JsonNode clientId;
    final String method;
    final JsonNode params;
    final JsonNode progressToken;
    final String bridgeToken;
    private final AtomicBoolean answered = new AtomicBoolean();
    volatile long channelId = -1;

    Forwarded(BridgeSession session, PostExchange exchange, JsonNode clientId, String method, JsonNode params,
              JsonNode progressToken, String bridgeToken) {
        this.session = session;
        this.exchange = exchange;
        this.clientId = clientId;
        this.method = method;
        this.params = params;
        this.progressToken = progressToken;
        this.bridgeToken = bridgeToken;
    }

    /** True for the one caller that gets to answer. */
    boolean claim() {
        return answered.compareAndSet(false, true);
    }

    boolean answered() {
        return answered.get();
    }
}
