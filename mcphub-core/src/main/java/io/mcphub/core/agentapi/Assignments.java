package io.mcphub.core.agentapi;

import java.util.List;

/** Everything that should run on a node, as of a store revision. */
public record Assignments(long revision, List<Assignment> instances) {}
