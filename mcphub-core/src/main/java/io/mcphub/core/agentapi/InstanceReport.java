package io.mcphub.core.agentapi;

/** One instance as its agent sees it; {@code state} is starting, healthy, unhealthy, restarting, stopped or failed. */
public record InstanceReport(String id, String state, Long pid, Integer port, int restarts, String detail) {}
