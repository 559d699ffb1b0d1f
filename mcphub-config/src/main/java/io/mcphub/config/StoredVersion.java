package io.mcphub.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * One immutable version as stored. {@code raw} is the text as written and {@code content} its JSON form; in both,
 * secrets are sealed ({@code enc:v1:…}). {@code hash} is over the text with secrets replaced by fingerprints, so two
 * publishes of the same content hash alike although their ciphertexts differ.
 */
record StoredVersion(long version, String author, String message, Instant time, String hash, String format,
                     Long rollbackOf, String raw, JsonNode content) {

    VersionInfo info() {
        return new VersionInfo(version, author, message, time, hash, format, rollbackOf);
    }
}
