package io.mcphub.hub.cluster;

import io.mcphub.config.ConfigCenter;
import io.mcphub.config.DocumentRelease;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiConsumer;

/**
 * Measures how long a new version took from its publish to an instance running it — the figure Apollo quotes as
 * "within a second" — from the versions agents report, and hands each measurement to a sink (the hub's metrics).
 */
public final class ConfigPropagation {

    private final ConfigCenter config;
    private final BiConsumer<String, Duration> sink;

    /**
     * {@code sink} gets the document key and the publish-to-applied time of each instance that applied a version
     * (negative if the hub's clock stepped back meanwhile: the sink decides what to do with that).
     */
    public ConfigPropagation(ConfigCenter config, BiConsumer<String, Duration> sink) {
        this.config = config;
        this.sink = sink;
    }

    /** An instance's reported versions went from {@code before} to {@code after}, as seen at {@code at}. */
    public void reported(Map<String, Long> before, Map<String, Long> after, Instant at) {
        after.forEach((key, version) -> {
            if (before.isEmpty() || Objects.equals(before.get(key), version)) {
                return; // an instance's first report is its start, not a propagation
            }
            config.release(key).filter(release -> current(release, version)).map(release -> release.releasedAt(version))
                    .ifPresent(published -> sink.accept(key, Duration.between(published, at)));
        });
    }

    /** The release of {@code version} is known only while it is the head or the gray candidate. */
    static boolean current(DocumentRelease release, long version) {
        return release.stable() == version || (release.gray() != null && release.gray().candidate() == version);
    }
}
