package io.mcphub.core.agentapi;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A configuration-center document an instance gets as a file: the version the hub assigned it (the head, or a gray
 * release's candidate), where, relative to the instance's working directory, the agent writes it (as JSON, secrets
 * revealed: the node runs the service that needs them), and when.
 *
 * @param live   true for {@code reload: file}: the agent rewrites the file in place whenever the version changes,
 *               without restarting; false for {@code reload: restart}: written only as the instance starts
 * @param signal sent to the process after an in-place rewrite (e.g. {@code HUP}), or null
 */
public record ConfigFile(String key, long version, String path, JsonNode content, boolean live, String signal) {}
