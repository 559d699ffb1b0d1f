package io.mcphub.client;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One version of a configuration document.
 *
 * @param content the document as JSON (secrets masked unless the client was built with {@code revealSecrets})
 * @param cached  true when it comes from the local cache because the hub could not be reached; the hub's own copy
 *                of a later version follows as soon as it can be reached
 */
public record ConfigDocument(String key, long version, JsonNode content, boolean cached) {}
