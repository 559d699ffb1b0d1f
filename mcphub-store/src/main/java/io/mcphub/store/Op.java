package io.mcphub.store;

/** A write inside a transaction. */
public sealed interface Op {

    /** Put a value; {@code lease} 0 means no lease. */
    record Put(String key, byte[] value, long lease) implements Op {}

    /** Delete one key; deleting an absent key is not an error and produces no event. */
    record Delete(String key) implements Op {}

    static Op put(String key, byte[] value) {
        return new Put(key, value, 0);
    }

    static Op delete(String key) {
        return new Delete(key);
    }
}
