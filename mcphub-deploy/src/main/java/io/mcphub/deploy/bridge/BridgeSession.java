package io.mcphub.deploy.bridge;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One client's MCP session on the bridge ({@code Mcp-Session-Id}). Many sessions share one server process; what
 * makes them separate lives here: their requests in flight, their resource subscriptions, and the messages waiting
 * for their GET stream.
 */
final class BridgeSession {

    /** Put in the outbox to end the GET stream. */
    static final ObjectNode CLOSED = JsonNodeFactory.instance.objectNode();

    final String id;
    final Map<String, Forwarded> inFlight = new ConcurrentHashMap<>();
    final Set<PostExchange> exchanges = ConcurrentHashMap.newKeySet();
    final Set<String> subscriptions = ConcurrentHashMap.newKeySet();
    private final LinkedBlockingDeque<ObjectNode> outbox;
    private final AtomicLong streams = new AtomicLong();
    private final AtomicLong openStream = new AtomicLong();
    private volatile boolean closed;
    private volatile long lastActive = System.nanoTime();

    BridgeSession(String id, int maxBuffered) {
        this.id = id;
        this.outbox = new LinkedBlockingDeque<>(maxBuffered);
    }

    /** Queues a message for the GET stream; when the client never reads, the oldest messages give way. */
    void enqueue(ObjectNode message) {
        while (!closed && !outbox.offerLast(message)) {
            outbox.pollFirst();
        }
    }

    /** Puts back a message the stream failed to deliver, so the next stream sends it first. */
    void requeue(ObjectNode message) {
        outbox.offerFirst(message);
    }

    /** The next message for the stream, null after {@code timeout}, or {@link #CLOSED}. */
    ObjectNode poll(Duration timeout) throws InterruptedException {
        return closed ? CLOSED : outbox.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Makes a new GET stream the session's only one and returns its number. The newest stream wins: a client that
     * reconnects after a network failure must not wait until the bridge notices the old connection is dead.
     */
    long openStream() {
        long stream = streams.incrementAndGet();
        openStream.set(stream);
        touch();
        return stream;
    }

    /** False once a newer stream replaced this one; the old one then ends. */
    boolean isCurrentStream(long stream) {
        return openStream.get() == stream;
    }

    void closeStream(long stream) {
        openStream.compareAndSet(stream, 0);
        touch();
    }

    boolean streamOpen() {
        return openStream.get() != 0;
    }

    void touch() {
        lastActive = System.nanoTime();
    }

    long lastActive() {
        return lastActive;
    }

    boolean idleLongerThan(Duration limit) {
        return !streamOpen() && inFlight.isEmpty() && System.nanoTime() - lastActive > limit.toNanos();
    }

    void close() {
        closed = true;
        outbox.clear();
        outbox.offer(CLOSED);
    }

    boolean closed() {
        return closed;
    }
}
