package io.mcphub.hub.cluster;

import java.time.Instant;

/**
 * What an agent last reported about an instance. {@code state} is {@code starting}, {@code healthy},
 * {@code unhealthy}, {@code restarting}, {@code stopped} or {@code failed}.
 */
public record InstanceStatus(String id, String node, String state, Long pid, Integer port, int restarts, String detail,
                             Instant updatedAt) {}
