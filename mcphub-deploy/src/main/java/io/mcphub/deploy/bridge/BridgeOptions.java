package io.mcphub.deploy.bridge;

import java.time.Duration;
import java.util.Set;

/**
 * Limits and timings of the stdio bridge.
 *
 * @param requestTimeout how long one request may take before the bridge answers with a timeout and cancels it
 *                       upstream (a stuck server must not hold HTTP requests forever)
 * @param keepAlive how often an idle SSE stream gets a comment, which also detects clients that went away
 * @param readyTimeout how long {@code initialize} waits for a process that is (re)starting
 * @param sessionIdleTimeout sessions without a stream or request for this long are dropped
 * @param maxSessions sessions per instance; the next {@code initialize} gets 503
 * @param maxBufferedMessages server messages kept for a session whose GET stream is not open (oldest dropped)
 * @param maxBodyBytes a larger POST body is refused with 413
 * @param allowedOrigins browser origins allowed to call the bridge; requests without {@code Origin} (every
 *                       non-browser client) always pass. The spec asks servers to check Origin against DNS
 *                       rebinding, so the default allows no browser at all
 */
public record BridgeOptions(Duration requestTimeout, Duration keepAlive, Duration readyTimeout,
                            Duration sessionIdleTimeout, int maxSessions, int maxBufferedMessages, long maxBodyBytes,
                            Set<String> allowedOrigins) {

    public static final BridgeOptions DEFAULTS = new BridgeOptions(Duration.ofMinutes(10), Duration.ofSeconds(15),
            Duration.ofSeconds(30), Duration.ofMinutes(30), 1000, 256, 16L * 1024 * 1024, Set.of());

    public BridgeOptions {
        allowedOrigins = Set.copyOf(allowedOrigins);
    }

    public BridgeOptions withRequestTimeout(Duration requestTimeout) {
        return new BridgeOptions(requestTimeout, keepAlive, readyTimeout, sessionIdleTimeout, maxSessions,
                maxBufferedMessages, maxBodyBytes, allowedOrigins);
    }
}
