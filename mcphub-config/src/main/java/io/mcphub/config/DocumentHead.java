package io.mcphub.config;

import java.time.Instant;

/**
 * The pointer to a document's stable version, with enough to list documents without reading versions; {@code gray}
 * is the release in progress, if any, and {@code latest} the highest version number ever written (a gray candidate
 * that was aborted keeps its number, so no version number is ever reused).
 */
record DocumentHead(String key, long version, String hash, String format, String author, Instant time, String message,
                    GrayRelease gray, Long latest) {

    DocumentHead withGray(GrayRelease release, long last) {
        return new DocumentHead(key, version, hash, format, author, time, message, release, last);
    }

    long lastNumber() {
        return latest == null ? version : Math.max(latest, version);
    }
}
