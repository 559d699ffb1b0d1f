package io.mcphub.store;

import java.nio.charset.StandardCharsets;

/**
 * One key as stored.
 *
 * @param createRevision revision of the put that created the key (its current incarnation)
 * @param modRevision    revision of the last put to the key
 * @param version        number of puts since creation, 1 for a new key
 * @param lease          lease the key is attached to, 0 for none
 */
public record KeyValue(String key, byte[] value, long createRevision, long modRevision, long version, long lease) {

    public String valueAsString() {
        return new String(value, StandardCharsets.UTF_8);
    }
}
