package io.mcphub.core.agentapi;

/** How long the node's lease lasts, and the revision of its assignments (a newer one means: fetch them). */
public record HeartbeatAnswer(long leaseTtlSeconds, long assignmentsRevision) {}
