package io.mcphub.core.agentapi;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** Sent every few seconds: the node's fingerprint (when it changed), where it serves its instances, and their state. */
public record Heartbeat(JsonNode fingerprint, String bridgeUrl, List<InstanceReport> instances) {}
