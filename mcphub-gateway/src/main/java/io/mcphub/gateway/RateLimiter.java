package io.mcphub.gateway;

import java.time.Duration;

/**
 * Consulted before every tool call is routed. A refusal reaches the client as JSON-RPC error
 * {@value io.mcphub.gateway.core.Rpc#RATE_LIMITED} whose {@code data.retryAfterMs} says when to try again.
 */
@FunctionalInterface
public interface RateLimiter {

    RateLimiter NONE = (caller, service, tool) -> Decision.ALLOW;

    Decision acquire(Caller caller, String service, String tool);

    /** @param retryAfter when a refused call may be retried; null when allowed */
    record Decision(boolean allowed, Duration retryAfter, String reason) {
        public static final Decision ALLOW = new Decision(true, null, null);

        public static Decision refuse(Duration retryAfter, String reason) {
            return new Decision(false, retryAfter, reason);
        }
    }
}
