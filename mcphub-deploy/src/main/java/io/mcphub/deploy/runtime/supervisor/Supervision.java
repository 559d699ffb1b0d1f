package io.mcphub.deploy.runtime.supervisor;

import io.mcphub.deploy.runtime.log.LogPolicy;
import java.time.Duration;

/**
 * How a runtime supervises its instances, whatever it runs them as.
 *
 * @param stopGrace how long a run gets between SIGTERM and SIGKILL when the runtime itself stops it (agent
 *                  shutdown, unhealthy, leftovers of a crashed agent)
 * @param handshakeTimeout how long a stdio MCP server may take to answer {@code initialize}; generous, since
 *                         {@code npx -y} may download the package first
 */
public record Supervision(LogPolicy logPolicy, Duration stopGrace, Duration handshakeTimeout) {
    public static final Supervision DEFAULTS = new Supervision(LogPolicy.DEFAULT, Duration.ofSeconds(10), Duration.ofMinutes(2));
}
