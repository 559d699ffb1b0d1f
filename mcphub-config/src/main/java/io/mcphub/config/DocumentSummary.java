package io.mcphub.config;

import java.time.Instant;

/** One line of {@code config list}. */
public record DocumentSummary(String key, long version, String author, Instant time, String message, String format,
                              boolean schema) {}
