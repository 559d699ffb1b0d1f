package io.mcphub.security.rbac;

import io.mcphub.core.Json;
import io.mcphub.store.CompactedException;
import io.mcphub.store.KeyValue;
import io.mcphub.store.RangeResult;
import io.mcphub.store.Store;
import io.mcphub.store.StoreException;
import io.mcphub.store.Watch;
import io.mcphub.store.WatchEvent;
import io.mcphub.store.WatchListener;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The policies in memory, kept current by a store watch, so that authorizing a request never waits for the store and
 * a change made on any hub applies to the next request on every hub.
 *
 * <p>Two paths update it: the watch, and {@link #refresh} after this hub's own writes (so the writer reads its write
 * without waiting for the watch). Each result carries the revision it reflects and only a newer one replaces the
 * current snapshot; since a watch delivers every revision in order, events up to a refreshed revision are already
 * in it and later ones apply on top.
 */
final class PolicyCache implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PolicyCache.class);
    private static final Duration RETRY = Duration.ofSeconds(1);

    private final Store store;
    private final String prefix;
    private final Object lock = new Object();
    private volatile PolicySnapshot snapshot = PolicySnapshot.of(Map.of(), -1);
    private Watch watch; // guarded by lock
    private boolean closed; // guarded by lock

    PolicyCache(Store store, String prefix) {
        this.store = store;
        this.prefix = prefix;
        subscribe();
    }

    PolicySnapshot current() {
        return snapshot;
    }

    /** Reads the store now; afterwards the snapshot reflects at least every write that completed before the call. */
    void refresh() {
        RangeResult range = store.range(prefix);
        Map<String, Policy> policies = new HashMap<>();
        for (KeyValue kv : range.kvs()) {
            Policy p = decode(kv.key(), kv.value());
            if (p != null) {
                policies.put(p.name(), p);
            }
        }
        synchronized (lock) {
            if (range.revision() > snapshot.revision()) {
                snapshot = PolicySnapshot.of(policies, range.revision());
            }
        }
    }

    private void subscribe() {
        refresh();
        synchronized (lock) {
            if (!closed) {
                watch = store.watch(prefix, snapshot.revision() + 1, new Listener());
            }
        }
    }

    private void merge(List<WatchEvent> events) {
        synchronized (lock) {
            long seen = snapshot.revision();
            Map<String, Policy> policies = new HashMap<>(snapshot.byName());
            long last = seen;
            for (WatchEvent e : events) {
                if (e.revision() <= seen) {
                    continue;
                }
                Policy p = e.type() == WatchEvent.Type.PUT ? decode(e.key(), e.value()) : null;
                if (p == null) {
                    policies.remove(nameOf(e.key()));
                } else {
                    policies.put(p.name(), p);
                }
                last = e.revision();
            }
            if (last > seen) {
                snapshot = PolicySnapshot.of(policies, last);
            }
        }
    }

    /**
     * The key names the policy (so a delete finds what a put added); a value this hub cannot read grants nothing:
     * failing closed beats guessing what it meant.
     */
    private Policy decode(String key, byte[] value) {
        String why = "the value is null";
        try {
            Policy p = Json.read(value, Policy.class);
            if (p != null) {
                return new Policy(nameOf(key), p.permissions(), p.users(), p.groups());
            }
        } catch (UncheckedIOException e) {
            why = e.getMessage();
        }
        log.error("ignoring unreadable policy {}: {}", key, why);
        return null;
    }

    private String nameOf(String key) {
        return key.substring(prefix.length());
    }

    /** Watches end on compaction or when the store is unreachable; re-read and watch again until closed. */
    private void resubscribe(StoreException cause) {
        log.warn("policy watch ended ({}); re-reading policies and watching again", cause.getMessage());
        Thread.ofVirtual().name("policy-resubscribe").start(() -> {
            boolean first = cause instanceof CompactedException;
            while (isOpen()) {
                try {
                    if (!first) {
                        Thread.sleep(RETRY);
                    }
                    first = false;
                    subscribe();
                    return;
                } catch (StoreException e) {
                    log.warn("cannot re-read policies yet: {}", e.getMessage());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        });
    }

    private boolean isOpen() {
        synchronized (lock) {
            return !closed;
        }
    }

    @Override
    public void close() {
        synchronized (lock) {
            closed = true;
            if (watch != null) {
                watch.close();
            }
        }
    }

    private final class Listener implements WatchListener {

        @Override
        public void onEvents(List<WatchEvent> events) {
            merge(events);
        }

        @Override
        public void onError(StoreException error) {
            if (isOpen()) {
                resubscribe(error);
            }
        }
    }
}
