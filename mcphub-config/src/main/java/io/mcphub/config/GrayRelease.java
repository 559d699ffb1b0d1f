package io.mcphub.config;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.zip.CRC32;

/**
 * A candidate version of a document published to some instances only, as Apollo's gray release: the document's head
 * stays at the stable version for everyone else (and for watchers of the document) until the candidate is promoted,
 * or aborted, which sends the chosen instances back to the stable version.
 *
 * @param candidate the version the chosen instances get
 * @param stable    the head's version when the release started: what everyone else runs
 * @param labels    chosen are the instances carrying all of these (node labels, service labels, and the built-in
 *                  {@code instance}, {@code service}, {@code stack} and {@code node}); empty when {@code percent} is set
 * @param percent   else: this share of instances, chosen by a stable hash of the document key and instance id (the
 *                  same instances stay chosen for the life of the release); null when {@code labels} is set
 */
public record GrayRelease(long candidate, long stable, String hash, Map<String, String> labels, Integer percent,
                          String author, Instant time, String message) {

    public GrayRelease {
        labels = labels == null ? Map.of() : Map.copyOf(labels);
    }

    /** Whether the instance {@code instanceId} of document {@code key}, with these attributes, gets the candidate. */
    public boolean selects(String key, String instanceId, Map<String, String> attributes) {
        if (percent != null) {
            return bucket(key, instanceId) < percent;
        }
        return !labels.isEmpty() && labels.entrySet().stream().allMatch(l -> l.getValue().equals(attributes.get(l.getKey())));
    }

    /** 0–99, the same for the same key and instance on every hub and every run. */
    static int bucket(String key, String instanceId) {
        CRC32 crc = new CRC32();
        crc.update((key + "\n" + instanceId).getBytes(StandardCharsets.UTF_8));
        return (int) (crc.getValue() % 100);
    }

    /** How the release chooses, as the CLI spells it. */
    public String selector() {
        return percent != null ? percent + "%" : labels.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .sorted().reduce((a, b) -> a + "," + b).orElse("");
    }
}
