package io.mcphub.deploy.bridge;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One POST that carried requests: its responses, and the server messages that belong to those requests (progress,
 * the server's own requests while a tool runs), in the order the server sent them. The HTTP handler drains it.
 */
final class PostExchange {

    final BridgeSession session;
    final boolean streamAccepted;
    final int requests;
    final List<Forwarded> forwarded = new CopyOnWriteArrayList<>();
    private final LinkedBlockingQueue<ObjectNode> queue = new LinkedBlockingQueue<>();
    private volatile boolean done;

    PostExchange(BridgeSession session, boolean streamAccepted, int requests) {
        this.session = session;
        this.streamAccepted = streamAccepted;
        this.requests = requests;
    }

    /** A server message for this POST's stream; false if the client cannot take a stream or the POST is over. */
    boolean offerRelated(ObjectNode message) {
        if (!streamAccepted || done) {
            return false;
        }
        queue.add(message);
        return true;
    }

    void respond(ObjectNode response) {
        queue.add(response);
    }

    ObjectNode poll(Duration timeout) throws InterruptedException {
        return queue.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    boolean done() {
        return done;
    }

    void finish() {
        done = true;
    }
}
