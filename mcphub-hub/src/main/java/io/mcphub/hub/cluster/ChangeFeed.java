package io.mcphub.hub.cluster;

import io.mcphub.store.Store;
import io.mcphub.store.StoreException;
import io.mcphub.store.Watch;
import io.mcphub.store.WatchEvent;
import io.mcphub.store.WatchListener;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The revision of the last change under some prefixes, fed by one store watch, so that any number of agents can long-poll
 * for "something changed after revision N" without a store read each — the shape of a Kubernetes watch cache.
 */
public final class ChangeFeed implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ChangeFeed.class);

    private final Store store;
    private final List<String> prefixes;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private volatile long revision;
    /** Counts {@link #poke()}s: a waiter wakes when either this or the revision moves. */
    private long pokes;
    private final java.util.Map<String, Watch> watches = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile boolean closed;

    /** Follows every key under any of {@code prefixes}. */
    public ChangeFeed(Store store, List<String> prefixes) {
        this.store = store;
        this.prefixes = List.copyOf(prefixes);
        this.prefixes.forEach(this::start);
    }

    private void start(String prefix) {
        long now = store.range(prefix).revision();
        bump(now);
        watches.put(prefix, store.watch(prefix, now + 1, new WatchListener() {
            @Override
            public void onEvents(List<WatchEvent> events) {
                bump(events.get(events.size() - 1).revision());
            }

            @Override
            public void onError(StoreException error) {
                if (!closed) {
                    LOG.warn("change feed on {} restarts after: {}", prefix, error.getMessage());
                    start(prefix); // a compacted or broken watch: re-read the revision and watch again
                }
            }
        }));
    }

    private void bump(long to) {
        lock.lock();
        try {
            if (to > revision) {
                revision = to;
                changed.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    /** The revision of the latest change under the prefix (or of the store when the feed started). */
    public long revision() {
        return revision;
    }

    /** Wakes every waiter once, as if something changed: e.g. to look again after work that took a while. */
    public void poke() {
        lock.lock();
        try {
            pokes++;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Waits until a change after {@code after} (or a {@link #poke()}), or {@code max}; returns the revision then. */
    public long awaitAfter(long after, Duration max) throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        lock.lock();
        try {
            long poked = pokes;
            while (revision <= after && pokes == poked && !closed) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                changed.awaitNanos(left);
            }
            return revision;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Runs {@code onChange} on a virtual thread named {@code name} after every change past revision {@code after}
     * (several changes in quick succession may make one call; -1 runs it once at the start too), until the feed
     * closes; a failing call is logged and the next change tries again.
     */
    public Thread follow(String name, long after, Runnable onChange) {
        return Thread.ofVirtual().name(name).start(() -> {
            long seen = after;
            while (!closed) {
                try {
                    long at = awaitAfter(seen, Duration.ofSeconds(30));
                    if (closed) {
                        return;
                    }
                    if (at != seen) {
                        seen = at;
                        onChange.run();
                    }
                } catch (InterruptedException e) {
                    return;
                } catch (RuntimeException e) {
                    LOG.warn("{} failed ({}); it runs again on the next change", name, e.getMessage(), e);
                }
            }
        });
    }

    @Override
    public void close() {
        closed = true;
        watches.values().forEach(Watch::close);
        bump(Long.MAX_VALUE);
    }
}
