package io.mcphub.hub.cluster;

import java.time.Instant;

/**
 * What an agent last reported about an instance. {@code state} is {@code starting}, {@code healthy},
 * {@code unhealthy}, {@code restarting}, {@code stopped} or {@code failed}; {@code runHash} is the assignment it runs
 * (see {@link InstanceRecord#runHash()}), null from an agent that does not say; {@code config} the version of each
 * configuration document the instance runs, by key.
 */
public record InstanceStatus(String id, String node, String state, Long pid, Integer port, int restarts, String detail,
                             String runHash, java.util.Map<String, Long> config, Instant updatedAt) {

    public InstanceStatus {
        config = config == null ? java.util.Map.of() : java.util.Map.copyOf(config);
    }

    public boolean healthyRunning(String expectedRunHash) {
        return "healthy".equals(state) && expectedRunHash.equals(runHash);
    }
}
