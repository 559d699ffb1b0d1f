package io.mcphub.core.agentapi;

/**
 * One instance as its agent sees it; {@code state} is starting, healthy, unhealthy, restarting, stopped or failed.
 * {@code runHash} is the assignment's hash the instance runs, so the hub can tell "healthy again after the restart I
 * asked for" from "still healthy from before" (what Kubernetes calls the observed generation). {@code config} is
 * the version of each configuration document the instance runs, by key: what {@code config status} shows.
 */
public record InstanceReport(String id, String state, Long pid, Integer port, int restarts, String detail, String runHash,
                             java.util.Map<String, Long> config) {

    public InstanceReport {
        config = config == null ? java.util.Map.of() : java.util.Map.copyOf(config);
    }
}
