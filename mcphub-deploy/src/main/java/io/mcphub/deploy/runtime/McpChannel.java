package io.mcphub.deploy.runtime;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.concurrent.CompletableFuture;

/**
 * The JSON-RPC channel to a stdio MCP server, shared by everyone who talks to that one process: the supervisor
 * (handshake, pings) and the bridge (every HTTP session). The channel gives each request an id of its own, so
 * callers never collide; the response comes back carrying that id.
 */
public interface McpChannel {

    /**
     * The current process's answer to {@code initialize}, made once per process by the supervisor. Completes when
     * a process is up and initialized; while none is, this is a future that completes with the next one's. Fails
     * with an {@link McpChannelException} once the instance has ended for good.
     */
    CompletableFuture<ObjectNode> initialized();

    /**
     * Sends a request under a fresh id of the channel's (the caller's id is not kept).
     *
     * @throws McpChannelException when no initialized process is there to take it
     */
    Call call(ObjectNode request);

    /** Sends a notification, or a response to a request the server sent, as it is. */
    void send(ObjectNode message);

    /** Delivers what the server sends by itself: its requests and notifications. */
    Subscription subscribe(Listener listener);

    /**
     * A request in flight.
     *
     * @param id the id the server sees, e.g. for {@code notifications/cancelled}
     * @param response completes with the server's response message, or exceptionally with an
     *                 {@link McpChannelException} when the process ends first
     */
    record Call(long id, CompletableFuture<ObjectNode> response) {}

    interface Listener {
        /** A request or notification from the server; a request needs an answer through {@link #send}. */
        void message(ObjectNode message);

        /** The process behind the channel ended; whatever state the server held for its clients is gone. */
        default void processEnded() {}
    }
}
