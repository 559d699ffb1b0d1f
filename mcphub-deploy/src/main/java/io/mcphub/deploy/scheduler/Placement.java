package io.mcphub.deploy.scheduler;

/** One replica's place: the node, the runtime chosen there, and why, in words for {@code service describe}. */
public record Placement(String node, String runtime, String why) {}
