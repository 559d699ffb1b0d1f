package io.mcphub.config;

import com.fasterxml.jackson.databind.JsonNode;
import io.mcphub.core.doc.DocumentFormat;

/** A version as a reader sees it: secrets masked, or revealed if asked for. */
public record DocumentView(String key, long version, DocumentFormat format, String raw, JsonNode json) {}
