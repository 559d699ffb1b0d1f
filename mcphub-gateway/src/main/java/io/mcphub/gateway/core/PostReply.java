package io.mcphub.gateway.core;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** The answers of one Streamable HTTP POST, in the order they come, for the HTTP handler to write. */
final class PostReply implements Reply {

    final int requests;
    private final boolean streamAccepted;
    private final LinkedBlockingQueue<ObjectNode> queue = new LinkedBlockingQueue<>();
    private final List<Pending> pending = new CopyOnWriteArrayList<>();
    private volatile boolean done;

    PostReply(int requests, boolean streamAccepted) {
        this.requests = requests;
        this.streamAccepted = streamAccepted;
    }

    @Override
    public void respond(ObjectNode response) {
        queue.add(response);
    }

    @Override
    public boolean offerRelated(ObjectNode message) {
        if (!streamAccepted || done) {
            return false;
        }
        queue.add(message);
        return true;
    }

    @Override
    public void track(Pending request) {
        pending.add(request);
    }

    ObjectNode poll(Duration timeout) throws InterruptedException {
        return queue.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The client is gone: whatever is still running for it is cancelled downstream. */
    void clientGone() {
        done = true;
        pending.forEach(p -> p.end(io.mcphub.gateway.CallEvent.Outcome.CANCELLED, "the MCP client disconnected", null));
    }

    void finish() {
        done = true;
    }
}
