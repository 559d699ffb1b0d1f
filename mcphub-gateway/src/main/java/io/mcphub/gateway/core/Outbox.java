package io.mcphub.gateway.core;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The messages waiting for a session's stream (the GET stream, or the legacy transport's SSE stream): list
 * changes, log messages, server requests that came outside any call. Bounded: a client that never reads loses the
 * oldest. The newest stream wins, so a client that reconnects after a network failure is served at once.
 */
final class Outbox {

    /** Returned by {@link #poll} once the session ended. */
    static final ObjectNode CLOSED = JsonNodeFactory.instance.objectNode();

    private final LinkedBlockingDeque<ObjectNode> queue;
    private final AtomicLong streams = new AtomicLong();
    private final AtomicLong current = new AtomicLong();
    private volatile boolean closed;

    Outbox(int capacity) {
        this.queue = new LinkedBlockingDeque<>(capacity);
    }

    void add(ObjectNode message) {
        while (!closed && !queue.offerLast(message)) {
            queue.pollFirst();
        }
    }

    /** Puts back a message a stream failed to write, so the next stream sends it first. */
    void putBack(ObjectNode message) {
        queue.offerFirst(message);
    }

    /** The next message, null after {@code timeout}, or {@link #CLOSED}. */
    ObjectNode poll(Duration timeout) throws InterruptedException {
        if (closed) {
            return CLOSED;
        }
        ObjectNode next = queue.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        return closed ? CLOSED : next;
    }

    /** Makes a new stream the only one and returns its number. */
    long openStream() {
        long stream = streams.incrementAndGet();
        current.set(stream);
        return stream;
    }

    boolean isCurrent(long stream) {
        return current.get() == stream;
    }

    void closeStream(long stream) {
        current.compareAndSet(stream, 0);
    }

    boolean streamOpen() {
        return current.get() != 0;
    }

    void close() {
        closed = true;
        queue.clear();
        queue.offer(CLOSED);
    }
}
