package io.mcphub.config;

import java.time.Instant;
import java.util.Map;

/**
 * Which version of a document the instances using it get: the stable head, or — for the instances a gray release
 * chooses — its candidate.
 *
 * @param time when {@code stable} became the head (the start of its propagation)
 */
public record DocumentRelease(String key, long stable, Instant time, GrayRelease gray) {

    /** The version for instance {@code instanceId} with these attributes (see {@link GrayRelease#selects}). */
    public long versionFor(String instanceId, Map<String, String> attributes) {
        return gray != null && gray.selects(key, instanceId, attributes) ? gray.candidate() : stable;
    }

    /** When {@code version} was released to the instances that have it: for the propagation metric. */
    public Instant releasedAt(long version) {
        return gray != null && gray.candidate() == version ? gray.time() : time;
    }
}
