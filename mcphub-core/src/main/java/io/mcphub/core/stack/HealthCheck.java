package io.mcphub.core.stack;

import java.time.Duration;
import java.util.Objects;

/**
 * How an instance is probed. An instance is unhealthy after {@code failureThreshold} failed probes in a row;
 * failures during {@code startPeriod} do not count, because {@code npx}/{@code uvx} may first download the server.
 *
 * @param path the HTTP path for {@link Type#HTTP}; null for other types
 */
public record HealthCheck(Type type, String path, Duration interval, Duration timeout, int failureThreshold,
                          Duration startPeriod) {

    public static final Duration INTERVAL = Duration.ofSeconds(10);
    public static final Duration TIMEOUT = Duration.ofSeconds(5);
    public static final int FAILURE_THRESHOLD = 3;
    public static final Duration START_PERIOD = Duration.ofSeconds(30);
    public static final String HTTP_PATH = "/";

    public enum Type implements Spelled {
        /** An MCP {@code ping} request over the server's own transport. */
        MCP_PING,
        /** An HTTP GET of {@code path}; any 2xx or 3xx answer is healthy. */
        HTTP,
        /** A TCP connect to the instance's port. */
        TCP,
        NONE
    }

    public HealthCheck {
        Objects.requireNonNull(type, "type");
    }

    /** MCP servers answer ping on any transport; a plain microservice is at least expected to accept connections. */
    public static Type defaultType(ServiceType service) {
        return service == ServiceType.MCP ? Type.MCP_PING : Type.TCP;
    }

    public static HealthCheck defaults(ServiceType service) {
        return new HealthCheck(defaultType(service), null, INTERVAL, TIMEOUT, FAILURE_THRESHOLD, START_PERIOD);
    }
}
