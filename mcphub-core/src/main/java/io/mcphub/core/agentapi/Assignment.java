package io.mcphub.core.agentapi;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One instance the node must run: the service spec as JSON (the stack's ServiceSpec), the runtime the scheduler
 * chose, and the spec's hash — a new hash means "replace the instance".
 */
public record Assignment(String id, String stack, String service, String runtime, String specHash, JsonNode spec) {}
