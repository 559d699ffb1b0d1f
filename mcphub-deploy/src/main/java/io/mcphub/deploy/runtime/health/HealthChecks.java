package io.mcphub.deploy.runtime.health;

import io.mcphub.deploy.runtime.InstanceSpec;
import io.mcphub.deploy.runtime.McpChannel;
import java.util.Optional;

/** Picks the check an instance's spec asks for; empty for {@code none} (a running process counts as healthy). */
public final class HealthChecks {

    private HealthChecks() {}

    public static Optional<HealthCheck> forSpec(InstanceSpec spec, McpChannel channel) {
        InstanceSpec.Health health = spec.health();
        return switch (health.type()) {
            case MCP_PING -> Optional.of(new McpPingCheck(channel, health.timeout()));
            case HTTP -> Optional.of(new HttpHealthCheck(spec.port(), health.path(), health.timeout()));
            case TCP -> Optional.of(new TcpHealthCheck(spec.port(), health.timeout()));
            case NONE -> Optional.empty();
        };
    }
}
