package io.mcphub.config;

import java.time.Instant;

/** A version's metadata, as {@code config history} shows it. {@code rollbackOf} is set on rollbacks. */
public record VersionInfo(long version, String author, String message, Instant time, String hash, String format,
                          Long rollbackOf) {}
