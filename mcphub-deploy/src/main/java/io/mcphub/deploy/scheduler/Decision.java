package io.mcphub.deploy.scheduler;

import java.util.List;
import java.util.Map;

/**
 * The scheduler's answer for one service: a placement per replica, and why every other node was rejected.
 * {@code feasible} is false when not all replicas could be placed; {@code explanation} then says why in one sentence.
 */
public record Decision(String serviceKey, List<Placement> placements, Map<String, List<String>> rejected,
                       boolean feasible, String explanation) {}
