package io.mcphub.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** {@code patch} is the RFC 6902 JSON Patch that turns version {@code from} into {@code to}. */
public record DiffResult(String key, long from, long to, JsonNode patch, List<Change> changes) {}
