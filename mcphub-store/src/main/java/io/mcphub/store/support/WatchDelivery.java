package io.mcphub.store.support;

import io.mcphub.store.StoreException;
import io.mcphub.store.WatchEvent;
import io.mcphub.store.WatchListener;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls one watch's listener from a thread of its own, so that the store's writer (or etcd's event loop) never waits
 * for a listener and a slow listener only delays itself. Batches queued while the listener was busy are handed over
 * together, up to {@value #MAX_EVENTS_PER_CALL} events a call, never splitting a batch: callers queue whole revisions.
 */
public final class WatchDelivery implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(WatchDelivery.class);
    static final int MAX_EVENTS_PER_CALL = 1000;

    private sealed interface Item {}

    private record Batch(List<WatchEvent> events) implements Item {}

    private record Failure(StoreException error) implements Item {}

    private record Stop() implements Item {}

    private final LinkedBlockingQueue<Item> queue = new LinkedBlockingQueue<>();
    private final WatchListener listener;
    private final String name;
    private volatile boolean failed;
    private volatile boolean closed;

    public WatchDelivery(String name, WatchListener listener) {
        this.name = name;
        this.listener = listener;
        Thread.ofVirtual().name("mcphub-watch " + name).start(this::run);
    }

    /** Queues the events of one or more whole revisions, in revision order. */
    public void offer(List<WatchEvent> events) {
        if (!failed && !closed && !events.isEmpty()) {
            queue.add(new Batch(events));
        }
    }

    /** Ends the watch with an error, after the events already queued. */
    public void fail(StoreException error) {
        if (!failed && !closed) {
            failed = true;
            queue.add(new Failure(error));
        }
    }

    /** Whether {@link #fail} or {@link #close} was called. */
    public boolean ended() {
        return failed || closed;
    }

    /** Stops delivery: no call starts after this returns (one already running finishes). */
    @Override
    public void close() {
        closed = true;
        queue.add(new Stop());
    }

    private void run() {
        List<Item> items = new ArrayList<>();
        try {
            while (true) {
                items.add(queue.take());
                queue.drainTo(items);
                if (!deliver(items)) {
                    return;
                }
                items.clear();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Returns false once the watch is over. */
    private boolean deliver(List<Item> items) {
        List<WatchEvent> pending = new ArrayList<>();
        for (Item item : items) {
            switch (item) {
                case Batch batch -> {
                    if (!pending.isEmpty() && pending.size() + batch.events().size() > MAX_EVENTS_PER_CALL) {
                        call(pending);
                        pending = new ArrayList<>();
                    }
                    pending.addAll(batch.events());
                }
                case Failure failure -> {
                    call(pending);
                    if (!closed) {
                        try {
                            listener.onError(failure.error());
                        } catch (RuntimeException e) {
                            log.error("watch {}: listener failed on error {}", name, failure.error().getMessage(), e);
                        }
                    }
                    return false;
                }
                case Stop stop -> {
                    return false;
                }
            }
        }
        call(pending);
        return true;
    }

    private void call(List<WatchEvent> events) {
        if (events.isEmpty() || closed) {
            return;
        }
        try {
            listener.onEvents(List.copyOf(events));
        } catch (RuntimeException e) {
            // Dropping the watch would hide every later change from the caller; a logged bug in one batch is better.
            log.error("watch {}: listener failed on {} events (revisions {}..{}); delivery goes on", name,
                    events.size(), events.getFirst().revision(), events.getLast().revision(), e);
        }
    }
}
