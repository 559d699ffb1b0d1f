package io.mcphub.core.agentapi;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A configuration-center document an instance gets as a file: the version the hub handed out and where, relative to
 * the instance's working directory, the agent writes it (as JSON, secrets revealed: the node runs the service that
 * needs them).
 */
public record ConfigFile(String key, long version, String path, JsonNode content) {}
