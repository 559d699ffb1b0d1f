package io.mcphub.store.etcd;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.KeyValue;
import io.etcd.jetcd.options.WatchOption;
import io.etcd.jetcd.watch.WatchResponse;
import io.mcphub.store.CompactedException;
import io.mcphub.store.Watch;
import io.mcphub.store.WatchEvent;
import io.mcphub.store.support.Keys;
import io.mcphub.store.support.WatchDelivery;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A watch on etcd that survives broken streams and etcd restarts with no gap and no duplicate.
 *
 * <p>jetcd resumes a broken watch by itself, but from a revision it tracks loosely: after the "created" response it
 * is the header revision, which skips the history not yet received if the stream breaks during a replay. So on any
 * break this class drops the jetcd watcher and opens a new one right after the last revision it delivered. Each
 * jetcd watcher is a generation; callbacks of an older one are ignored, so nothing it still sends can interleave.
 * etcd never splits a revision across responses (unless asked to fragment), which makes "revision already
 * delivered" a safe test for duplicates.
 */
final class EtcdWatch implements Watch {

    private static final Logger log = LoggerFactory.getLogger(EtcdWatch.class);
    private static final long MIN_BACKOFF_MS = 250;
    private static final long MAX_BACKOFF_MS = 5_000;
    private static final byte[] NO_VALUE = new byte[0];

    private final io.etcd.jetcd.Watch watchClient;
    private final ScheduledExecutorService scheduler;
    private final String prefix;
    private final ByteSequence key;
    private final ByteSequence rangeEnd;
    private final WatchDelivery delivery;
    private final Consumer<EtcdWatch> onClose;
    private final Object lock = new Object();

    // Guarded by lock.
    private long lastRevision;
    private int generation;
    private io.etcd.jetcd.Watch.Watcher watcher;
    private boolean closed;
    private long backoffMs = MIN_BACKOFF_MS;
    private int failures;

    EtcdWatch(io.etcd.jetcd.Watch watchClient, ScheduledExecutorService scheduler, String prefix, long fromRevision,
            WatchDelivery delivery, Consumer<EtcdWatch> onClose) {
        this.watchClient = watchClient;
        this.scheduler = scheduler;
        this.prefix = prefix;
        this.key = EtcdStore.rangeStart(prefix);
        this.rangeEnd = EtcdStore.rangeEnd(prefix);
        this.delivery = delivery;
        this.onClose = onClose;
        this.lastRevision = fromRevision - 1;
    }

    void open() {
        int opening;
        long from;
        synchronized (lock) {
            if (closed) {
                return;
            }
            opening = ++generation;
            from = lastRevision + 1;
        }
        WatchOption option = WatchOption.builder().withRevision(from).withRange(rangeEnd).withCreateNotify(true).build();
        io.etcd.jetcd.Watch.Watcher opened;
        try {
            // Never under our lock: jetcd calls our listener while holding its own lock.
            opened = watchClient.watch(key, option, new GenerationListener(opening));
        } catch (RuntimeException e) {
            broken(opening, e);
            return;
        }
        boolean stale;
        synchronized (lock) {
            stale = closed || opening != generation;
            if (!stale) {
                watcher = opened;
            }
        }
        if (stale) {
            opened.close();
        }
    }

    @Override
    public void close() {
        io.etcd.jetcd.Watch.Watcher current;
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            generation++;
            current = watcher;
            watcher = null;
        }
        delivery.close();
        closeQuietly(current);
        onClose.accept(this);
    }

    private void received(int from, WatchResponse response) {
        synchronized (lock) {
            if (closed || from != generation) {
                return;
            }
            if (response.isCreatedNotify()) {
                if (failures > 0) {
                    log.info("watch of '{}' resumed at revision {}", prefix, lastRevision + 1);
                }
                failures = 0;
                backoffMs = MIN_BACKOFF_MS;
                return;
            }
            List<WatchEvent> events = new ArrayList<>(response.getEvents().size());
            for (io.etcd.jetcd.watch.WatchEvent event : response.getEvents()) {
                WatchEvent converted = convert(event);
                if (converted != null && converted.revision() > lastRevision) {
                    events.add(converted);
                }
            }
            if (!events.isEmpty()) {
                lastRevision = events.getLast().revision();
                delivery.offer(events);
            }
        }
    }

    private void broken(int from, Throwable error) {
        io.etcd.jetcd.Watch.Watcher previous;
        boolean compacted = error != null && EtcdCalls.isCompacted(error);
        synchronized (lock) {
            if (closed || from != generation) {
                return;
            }
            generation++;
            previous = watcher;
            watcher = null;
            if (compacted) {
                closed = true;
                // etcd's compact revision is the oldest it keeps, the SPI's the newest it dropped; when jetcd does not
                // pass it on, the revision asked for is known to be gone.
                long etcdCompacted = EtcdCalls.compactRevision(error);
                long requested = lastRevision + 1;
                delivery.fail(new CompactedException(requested, etcdCompacted > 0 ? etcdCompacted - 1 : requested));
            } else {
                failures++;
                long delay = backoffMs;
                backoffMs = Math.min(backoffMs * 2, MAX_BACKOFF_MS);
                String reason = error == null ? "stream ended" : EtcdCalls.message(error);
                if (failures == 1 || failures % 20 == 0) {
                    log.warn("watch of '{}' broke ({}); reopening from revision {} (attempt {})", prefix, reason,
                            lastRevision + 1, failures);
                }
                try {
                    scheduler.schedule(this::open, delay, TimeUnit.MILLISECONDS);
                } catch (RejectedExecutionException e) {
                    closed = true;
                }
            }
        }
        // Not here and now: jetcd holds its lock while it calls us, and closing a watcher takes that lock again.
        try {
            scheduler.execute(() -> closeQuietly(previous));
        } catch (RejectedExecutionException e) {
            // The store is closing, and closing its client closes every jetcd watcher.
        }
        if (compacted) {
            onClose.accept(this);
        }
    }

    private static WatchEvent convert(io.etcd.jetcd.watch.WatchEvent event) {
        KeyValue kv = event.getKeyValue();
        String key = Keys.string(kv.getKey().getBytes());
        return switch (event.getEventType()) {
            case PUT -> new WatchEvent(WatchEvent.Type.PUT, key, kv.getValue().getBytes(), kv.getModRevision(),
                    kv.getCreateRevision(), kv.getVersion());
            case DELETE -> new WatchEvent(WatchEvent.Type.DELETE, key, NO_VALUE, kv.getModRevision(), 0, 0);
            case UNRECOGNIZED -> null;
        };
    }

    private static void closeQuietly(io.etcd.jetcd.Watch.Watcher watcher) {
        if (watcher != null) {
            try {
                watcher.close();
            } catch (RuntimeException e) {
                log.debug("closing a broken jetcd watcher failed", e);
            }
        }
    }

    /** Routes one jetcd watcher's callbacks, tagged with its generation. */
    private final class GenerationListener implements io.etcd.jetcd.Watch.Listener {

        private final int generation;

        GenerationListener(int generation) {
            this.generation = generation;
        }

        @Override
        public void onNext(WatchResponse response) {
            received(generation, response);
        }

        @Override
        public void onError(Throwable error) {
            broken(generation, error);
        }

        @Override
        public void onCompleted() {
            // jetcd completes a watcher it gave up on (a "halt" error) without resuming it: treat as a break.
            broken(generation, null);
        }
    }
}
