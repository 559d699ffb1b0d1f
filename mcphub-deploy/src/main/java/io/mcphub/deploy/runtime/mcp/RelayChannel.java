package io.mcphub.deploy.runtime.mcp;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mcphub.deploy.runtime.McpChannel;
import io.mcphub.deploy.runtime.McpChannelException;
import io.mcphub.deploy.runtime.Subscription;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The {@link McpChannel} an instance hands out: one object for the instance's whole life, in front of whichever
 * process currently runs. The supervisor attaches each new process once it is initialized and detaches it when
 * it ends; listeners stay subscribed across restarts.
 */
public final class RelayChannel implements McpChannel {

    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private volatile StdioConnection connection;
    private volatile CompletableFuture<ObjectNode> initialized = new CompletableFuture<>();

    @Override
    public CompletableFuture<ObjectNode> initialized() {
        return initialized;
    }

    @Override
    public Call call(ObjectNode request) {
        return current().call(request);
    }

    @Override
    public void send(ObjectNode message) {
        current().send(message);
    }

    @Override
    public Subscription subscribe(Listener listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /** The server's messages for this connection's process; give them to {@link StdioConnection}'s constructor. */
    public void fromServer(StdioConnection source, ObjectNode message) {
        if (JsonRpc.kind(message) == JsonRpc.Kind.REQUEST && "ping".equals(message.path("method").asText())) {
            // The agent is the client that initialized the process, so it answers the server's liveness checks.
            source.send(JsonRpc.result(message.get("id"), JsonNodeFactory.instance.objectNode()));
            return;
        }
        if (source != connection || listeners.isEmpty()) {
            refuseIfRequest(source, message);
            return;
        }
        listeners.forEach(l -> l.message(message));
    }

    /** Makes an initialized process the one behind the channel. */
    public synchronized void attach(StdioConnection next, ObjectNode initializeResult) {
        connection = next;
        if (!initialized.complete(initializeResult) || initialized.isCompletedExceptionally()) {
            initialized = CompletableFuture.completedFuture(initializeResult);
        }
    }

    /** The process ended (or is being stopped): callers wait for the next one. */
    public synchronized void detach() {
        boolean wasAttached = connection != null;
        connection = null;
        if (initialized.isDone()) {
            initialized = new CompletableFuture<>();
        }
        if (wasAttached) {
            listeners.forEach(Listener::processEnded);
        }
    }

    /** The instance has ended for good: whoever waits for a process learns it at once, not after a timeout. */
    public synchronized void end(String reason) {
        detach();
        initialized.completeExceptionally(new McpChannelException(reason));
    }

    private StdioConnection current() {
        StdioConnection c = connection;
        if (c == null) {
            throw new McpChannelException("the MCP server is not running right now (starting or restarting); retry shortly");
        }
        return c;
    }

    private static void refuseIfRequest(StdioConnection source, ObjectNode message) {
        if (JsonRpc.kind(message) == JsonRpc.Kind.REQUEST) {
            source.send(JsonRpc.error(message.get("id"), JsonRpc.METHOD_NOT_FOUND,
                    "no MCP client is connected to answer " + message.path("method").asText()));
        }
    }
}
