package io.mcphub.gateway;

import java.time.Duration;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Limits and timings of the gateway.
 *
 * @param separator between service and tool or prompt name: {@code everything__echo}. Only characters MCP allows
 *                  in tool names ({@code A-Z a-z 0-9 _ - .}), at least one of them {@code _} or {@code .}
 * @param callTimeout how long a request routed to an instance may take; then the client gets an error and the
 *                    instance a {@code notifications/cancelled}
 * @param connectTimeout for new connections to instances; a refused or timed-out connection fails over
 * @param cancelGrace after cancelling a request downstream, how long to wait for the instance to acknowledge it
 *                    before the gateway drops the connection that carried it
 * @param keepAlive a POST still unanswered after this long turns into an event stream with keep-alive comments, and
 *                  idle GET streams get one this often: writing is the only way to notice a client that went away
 * @param maxBodyBytes a larger POST body is refused with 413
 * @param sessionIdleTimeout sessions without a stream or request for this long are ended
 * @param maxSessions the next {@code initialize} gets 503
 * @param maxBufferedMessages server messages kept for a session whose stream is not open (oldest dropped)
 * @param auditArguments whether {@link CallEvent#arguments()} carries the (masked) arguments
 * @param allowedOrigins browser origins allowed to call; requests without {@code Origin} always pass (the spec asks
 *                       servers to check it against DNS rebinding)
 */
public record GatewayOptions(String separator, Duration callTimeout, Duration connectTimeout, Duration cancelGrace,
                             Duration keepAlive, long maxBodyBytes, Duration sessionIdleTimeout, int maxSessions,
                             int maxBufferedMessages, boolean auditArguments, Set<String> allowedOrigins) {

    /** Holds {@code _} or {@code .}, which service names never do, so the first occurrence splits a name exactly. */
    private static final Pattern SEPARATOR = Pattern.compile("(?=.*[_.])[A-Za-z0-9_.-]{1,8}");

    public static final GatewayOptions DEFAULTS = new GatewayOptions("__", Duration.ofMinutes(2), Duration.ofSeconds(5),
            Duration.ofSeconds(2), Duration.ofSeconds(10), 4L * 1024 * 1024, Duration.ofMinutes(30), 10_000, 256,
            false, Set.of());

    public GatewayOptions {
        if (separator == null || !SEPARATOR.matcher(separator).matches()) {
            throw new IllegalArgumentException("the gateway's name separator must be 1-8 of A-Z a-z 0-9 _ - . with at"
                    + " least one '_' or '.', which service names never contain; got " + separator);
        }
        if (maxBodyBytes < 1024) {
            throw new IllegalArgumentException("maxBodyBytes must be at least 1024, got " + maxBodyBytes);
        }
        allowedOrigins = Set.copyOf(allowedOrigins);
    }

    public GatewayOptions withSeparator(String value) {
        return new GatewayOptions(value, callTimeout, connectTimeout, cancelGrace, keepAlive, maxBodyBytes,
                sessionIdleTimeout, maxSessions, maxBufferedMessages, auditArguments, allowedOrigins);
    }

    public GatewayOptions withCallTimeout(Duration value) {
        return new GatewayOptions(separator, value, connectTimeout, cancelGrace, keepAlive, maxBodyBytes,
                sessionIdleTimeout, maxSessions, maxBufferedMessages, auditArguments, allowedOrigins);
    }

    public GatewayOptions withKeepAlive(Duration value) {
        return new GatewayOptions(separator, callTimeout, connectTimeout, cancelGrace, value, maxBodyBytes,
                sessionIdleTimeout, maxSessions, maxBufferedMessages, auditArguments, allowedOrigins);
    }

    public GatewayOptions withMaxBodyBytes(long value) {
        return new GatewayOptions(separator, callTimeout, connectTimeout, cancelGrace, keepAlive, value,
                sessionIdleTimeout, maxSessions, maxBufferedMessages, auditArguments, allowedOrigins);
    }

    public GatewayOptions withAuditArguments(boolean value) {
        return new GatewayOptions(separator, callTimeout, connectTimeout, cancelGrace, keepAlive, maxBodyBytes,
                sessionIdleTimeout, maxSessions, maxBufferedMessages, value, allowedOrigins);
    }
}
