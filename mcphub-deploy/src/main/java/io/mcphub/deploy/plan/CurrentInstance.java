package io.mcphub.deploy.plan;

/** An instance the hub has placed, as the planner sees it: where it is and which version of the spec it runs. */
public record CurrentInstance(String id, String serviceKey, String node, String runtime, String specHash) {}
