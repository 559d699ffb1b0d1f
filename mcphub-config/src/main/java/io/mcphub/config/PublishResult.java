package io.mcphub.config;

/** What a publish did: {@code changed} is false when the content equalled the latest version (nothing written). */
public record PublishResult(String key, long version, boolean changed, String hash) {}
