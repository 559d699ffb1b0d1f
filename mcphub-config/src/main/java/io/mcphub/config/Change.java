package io.mcphub.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

/** One line of a readable diff: the RFC 6902 op with the old value beside the new one (null where none). */
public record Change(String op, String path, JsonNode old, @JsonProperty("new") JsonNode value) {}
