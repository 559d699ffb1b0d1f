package io.mcphub.deploy.runtime;

import java.time.Instant;

/**
 * One consistent snapshot of an instance, as the agent reports it.
 *
 * @param pid null when no process runs
 * @param since when the instance entered {@code state}
 * @param detail the last health check's finding or why the instance stopped; null when there is nothing to say
 */
public record InstanceStatus(String id, String service, InstanceState state, Long pid, Integer port, int restarts,
                             ExitInfo lastExit, Instant since, String detail) {}
