package io.mcphub.store;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A revisioned key-value store with etcd v3 semantics. Keys are UTF-8 strings, ordered bytewise. Every write
 * (a put, a delete that removed something, or a transaction whose ops ran) advances the global revision by exactly
 * one. Implementations are thread safe.
 */
public interface Store extends AutoCloseable {

    /** The latest revision; 0 or more on an empty store (etcd starts at 1). */
    long currentRevision();

    Optional<KeyValue> get(String key);

    /** All keys that start with {@code prefix} (an empty prefix means every key), in key order. */
    RangeResult range(String prefix);

    /** Puts a value and returns the new revision. */
    default long put(String key, byte[] value) {
        return put(key, value, 0);
    }

    /** Puts a value attached to a lease (0 for none) and returns the new revision. */
    long put(String key, byte[] value, long lease);

    /** Deletes a key; returns whether it existed. */
    boolean delete(String key);

    /**
     * Applies {@code ops} atomically, in order, at one new revision, if every compare holds; otherwise writes
     * nothing. A transaction whose ops change nothing still takes a revision only if the implementation's backend
     * does so (etcd does for puts); callers must not rely on the exact count.
     */
    TxnResult txn(List<Compare> compares, List<Op> ops);

    /**
     * The value at {@code key}, created from {@code initial} if there is none yet. The creation is a compare-and-swap,
     * so of several callers racing (hub replicas on one etcd, each generating a key) one value wins and all of them
     * get that one.
     */
    default KeyValue getOrCreate(String key, Supplier<byte[]> initial) {
        Optional<KeyValue> existing = get(key);
        if (existing.isPresent()) {
            return existing.get();
        }
        txn(List.of(Compare.absent(key)), List.of(Op.put(key, initial.get())));
        return get(key).orElseThrow(() -> new StoreException(key + " vanished right after it was created; is something deleting it?"));
    }

    /**
     * Watches every key starting with {@code prefix}, delivering all events with revision {@code >= fromRevision}
     * and then live ones. {@code fromRevision} 0 means "from now on" (current revision + 1). Asking for a compacted
     * revision calls {@link WatchListener#onError} with a {@link CompactedException}.
     */
    Watch watch(String prefix, long fromRevision, WatchListener listener);

    /** Grants a lease; keys attached to it are deleted when it expires without a keep-alive. Returns its id. */
    long grantLease(Duration ttl);

    /** Renews a lease for its full TTL. Throws {@link StoreException} if it has already expired. */
    void keepAlive(long lease);

    /** Revokes a lease now, deleting its keys. */
    void revokeLease(long lease);

    /** Discards history up to and including {@code revision}; watches from there on fail with CompactedException. */
    void compact(long revision);

    /** Where the data lives, for logs and {@code hub status}: e.g. {@code embedded:/data/store.db}. */
    String describe();

    @Override
    void close();
}
