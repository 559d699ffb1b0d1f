package io.mcphub.deploy.runtime.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mcphub.core.Json;
import io.mcphub.deploy.runtime.McpChannel;
import io.mcphub.deploy.runtime.McpChannelException;
import io.mcphub.deploy.runtime.log.LineReader;
import io.mcphub.deploy.runtime.log.RotatingLog;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Newline-delimited JSON-RPC over one process's stdin and stdout (MCP's stdio transport). Requests get ids from
 * one counter, so callers sharing the process never collide; responses find their caller by that id. Anything on
 * stdout that is not a JSON-RPC message, and every error response, is written to the instance log: stdout is the
 * protocol channel, so the log is the only place a person can see what went wrong.
 *
 * <p>Writes go through a queue and a writer thread of their own: a server that stops reading its stdin while it
 * waits for us to read its stdout would otherwise deadlock whoever writes from the reading thread (answers to the
 * server's pings do).
 */
public final class StdioConnection implements AutoCloseable {

    /** MCP messages carry images and files inline; beyond this a line is surely garbage. */
    static final int MAX_LINE_BYTES = 64 * 1024 * 1024;

    private final InputStream stdout;
    private final OutputStream stdin;
    private final RotatingLog log;
    private final Consumer<ObjectNode> serverMessages;
    private final AtomicLong ids = new AtomicLong();
    private final Map<Long, Pending> pending = new ConcurrentHashMap<>();
    private final CompletableFuture<Void> closed = new CompletableFuture<>();
    private final LinkedBlockingQueue<byte[]> outbox = new LinkedBlockingQueue<>();
    private static final byte[] STOP_WRITING = new byte[0];

    private record Pending(String method, CompletableFuture<ObjectNode> response) {}

    /** @param serverMessages receives the server's own requests and notifications, on the reading thread */
    public StdioConnection(InputStream stdout, OutputStream stdin, RotatingLog log, Consumer<ObjectNode> serverMessages) {
        this.stdout = stdout;
        this.stdin = stdin;
        this.log = log;
        this.serverMessages = serverMessages;
    }

    public void start(String name) {
        Thread.ofVirtual().name("mcp-stdout-" + name).start(this::readLoop);
        Thread.ofVirtual().name("mcp-stdin-" + name).start(this::writeLoop);
    }

    public McpChannel.Call call(ObjectNode request) {
        long id = ids.incrementAndGet();
        CompletableFuture<ObjectNode> response = new CompletableFuture<>();
        pending.put(id, new Pending(request.path("method").asText(), response));
        if (closed.isDone()) {
            fail(id, "the MCP server process has ended");
        } else {
            enqueue(JsonRpc.withId(request, LongNode.valueOf(id)));
        }
        return new McpChannel.Call(id, response);
    }

    /** @throws McpChannelException when the process has ended */
    public void send(ObjectNode message) {
        if (closed.isDone()) {
            throw new McpChannelException("the MCP server process has ended");
        }
        enqueue(message);
    }

    /** Completes when stdout has ended, i.e. the process (and every child holding its stdout) is gone. */
    public CompletableFuture<Void> closed() {
        return closed;
    }

    @Override
    public void close() {
        end();
        try {
            stdin.close();
        } catch (IOException ignored) {
            // the process is going away; its stdin with it
        }
    }

    private void enqueue(ObjectNode message) {
        byte[] json = Json.bytes(message);
        byte[] line = Arrays.copyOf(json, json.length + 1);
        line[json.length] = '\n';
        outbox.add(line);
    }

    private void writeLoop() {
        try {
            byte[] line;
            while ((line = outbox.take()) != STOP_WRITING) {
                stdin.write(line);
                if (outbox.isEmpty()) {
                    stdin.flush();
                }
            }
        } catch (IOException e) {
            if (!closed.isDone()) {
                log.event("stdin: " + e.getMessage());
            }
            end();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void readLoop() {
        LineReader reader = new LineReader(stdout, MAX_LINE_BYTES);
        try {
            String line;
            while ((line = reader.readLine()) != null) {
                if (reader.truncated()) {
                    log.event("stdout: dropped a line longer than " + MAX_LINE_BYTES + " bytes");
                } else if (!line.isBlank()) {
                    dispatch(line);
                }
            }
        } catch (IOException e) {
            log.event("stdout: " + e.getMessage());
        } finally {
            end();
        }
    }

    private void dispatch(String line) {
        JsonNode message;
        try {
            message = Json.JSON.readTree(line);
        } catch (IOException e) {
            log.line("[stdout] " + line);
            return;
        }
        switch (JsonRpc.kind(message)) {
            case RESPONSE -> complete((ObjectNode) message);
            case REQUEST, NOTIFICATION -> deliver((ObjectNode) message);
            case INVALID -> log.line("[stdout] " + line);
        }
    }

    private void complete(ObjectNode response) {
        JsonNode id = response.get("id");
        Pending call = id.canConvertToLong() ? pending.remove(id.asLong()) : null;
        if (call == null) {
            log.event("mcp: response to unknown request id " + id);
            return;
        }
        if (response.has("error")) {
            JsonNode error = response.get("error");
            log.event("mcp error: method=" + call.method() + " code=" + error.path("code").asText()
                    + " message=" + error.path("message").asText());
        }
        call.response().complete(response);
    }

    private void deliver(ObjectNode message) {
        try {
            serverMessages.accept(message);
        } catch (RuntimeException e) {
            log.event("mcp: failed to route a server message (" + message.path("method").asText() + "): " + e);
        }
    }

    private void end() {
        if (closed.complete(null)) {
            pending.keySet().forEach(id -> fail(id, "the MCP server process has ended"));
            outbox.clear();
            outbox.add(STOP_WRITING);
        }
    }

    private void fail(long id, String reason) {
        Pending call = pending.remove(id);
        if (call != null) {
            call.response().completeExceptionally(new McpChannelException(reason));
        }
    }
}
