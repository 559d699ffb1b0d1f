package io.mcphub.hub.http;

import io.mcphub.store.Store;
import io.mcphub.store.StoreException;
import io.mcphub.store.Watch;
import io.mcphub.store.WatchEvent;
import io.mcphub.store.WatchListener;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One store watch on every configuration head, shared by the watch streams, so that a publish costs the store one
 * delivery however many streams are open. On etcd the difference is large: 1,000 streams would otherwise be 1,000
 * etcd watches, each event sent 1,000 times over gRPC and decoded 1,000 times by the hub (the shape of a Kubernetes
 * watch cache). The most recent events are kept, so a stream may start a little in the past (a reconnect with
 * {@code Last-Event-ID}) and still be served here; one starting further back than the feed can promise gets
 * {@code null} from {@link #subscribe} and watches the store itself, which replays history and reports compaction.
 */
final class WatchFeed {

    /** How many recent events are kept for streams that resume a little in the past. */
    static final int RETAINED_EVENTS = 4096;

    private final Store store;
    private final String prefix;
    private final int retained;
    private final Object lock = new Object();

    // Guarded by lock.
    private Watch watch;
    /** Every event under the prefix with a revision above this one that the store has delivered is in {@code recent}. */
    private long retainedAfter;
    private final ArrayDeque<WatchEvent> recent = new ArrayDeque<>();
    private final Set<Subscriber> subscribers = new LinkedHashSet<>();

    private record Subscriber(String prefix, WatchListener listener) {}

    WatchFeed(Store store, String prefix) {
        this(store, prefix, RETAINED_EVENTS);
    }

    WatchFeed(Store store, String prefix, int retained) {
        this.store = store;
        this.prefix = prefix;
        this.retained = retained;
    }

    /**
     * Delivers to {@code listener} every event under {@code subPrefix} (which must start with the feed's prefix) from
     * revision {@code from} on, in order — or returns null, delivering nothing, if the feed cannot promise all of them.
     * The listener is called under the feed's lock and must only hand the events on (as a queue does).
     */
    Watch subscribe(String subPrefix, long from, WatchListener listener) {
        if (!subPrefix.startsWith(prefix)) {
            throw new IllegalArgumentException(subPrefix + " is not under the feed's prefix " + prefix);
        }
        synchronized (lock) {
            if (watch == null) {
                start();
            }
            if (from <= retainedAfter) {
                return null;
            }
            List<WatchEvent> backlog = new ArrayList<>();
            for (WatchEvent e : recent) {
                if (e.revision() >= from && e.key().startsWith(subPrefix)) {
                    backlog.add(e);
                }
            }
            if (!backlog.isEmpty()) {
                listener.onEvents(List.copyOf(backlog));
            }
            Subscriber s = new Subscriber(subPrefix, listener);
            subscribers.add(s);
            return () -> {
                synchronized (lock) {
                    subscribers.remove(s);
                }
            };
        }
    }

    /** The number of streams being served, for tests. */
    int subscribers() {
        synchronized (lock) {
            return subscribers.size();
        }
    }

    private void start() {
        // Anything up to the current revision is the store's to replay: a stream wanting it falls back on its own watch.
        long now = store.currentRevision();
        retainedAfter = now;
        recent.clear();
        watch = store.watch(prefix, now + 1, new WatchListener() {
            @Override
            public void onEvents(List<WatchEvent> events) {
                delivered(events);
            }

            @Override
            public void onError(StoreException error) {
                failed(error);
            }
        });
    }

    private void delivered(List<WatchEvent> events) {
        synchronized (lock) {
            for (WatchEvent e : events) {
                recent.addLast(e);
            }
            while (recent.size() > retained) {
                retainedAfter = Math.max(retainedAfter, recent.removeFirst().revision());
            }
            for (Subscriber s : subscribers) {
                List<WatchEvent> matching = s.prefix().equals(prefix) ? events
                        : events.stream().filter(e -> e.key().startsWith(s.prefix())).toList();
                if (!matching.isEmpty()) {
                    s.listener().onEvents(matching);
                }
            }
        }
    }

    /** The shared watch broke (it is live, so rarely): every stream ends as its own watch would, and the next starts afresh. */
    private void failed(StoreException error) {
        synchronized (lock) {
            subscribers.forEach(s -> s.listener().onError(error));
            subscribers.clear();
            if (watch != null) {
                watch.close();
                watch = null;
            }
        }
    }
}
