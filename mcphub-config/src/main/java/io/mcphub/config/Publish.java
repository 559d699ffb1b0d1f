package io.mcphub.config;

import com.fasterxml.jackson.databind.JsonNode;
import io.mcphub.core.doc.DocumentFormat;

/**
 * A request to publish. {@code format} null means "tell from the text"; {@code expectVersion} null means "whatever
 * the latest is" (0 means "the document must not exist yet"); {@code schema}, if set, replaces the document's schema
 * in the same atomic write.
 */
public record Publish(String key, String content, DocumentFormat format, String author, String message,
                      Long expectVersion, JsonNode schema) {}
