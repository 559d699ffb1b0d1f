package io.mcphub.config;

import java.time.Instant;

/** The pointer to a document's latest version, with enough to list documents without reading versions. */
record DocumentHead(String key, long version, String hash, String format, String author, Instant time, String message) {}
