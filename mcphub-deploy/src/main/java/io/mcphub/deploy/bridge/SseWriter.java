package io.mcphub.deploy.bridge;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import io.mcphub.core.Json;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A {@code text/event-stream} response, written straight to the servlet stream so that every event leaves at once.
 * A failed write means the client is gone; the caller ends the stream. Public for the gateway, which serves the
 * same transport to MCP clients.
 */
public final class SseWriter {

    private static final byte[] KEEP_ALIVE = ": keep-alive\n\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] EVENT = "event: message\ndata: ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] END = "\n\n".getBytes(StandardCharsets.US_ASCII);

    private final OutputStream out;

    private SseWriter(OutputStream out) {
        this.out = out;
    }

    /** Commits the response headers at once, so the client knows the stream is open before any event. */
    public static SseWriter open(Context ctx) throws IOException {
        HttpServletResponse response = ctx.res();
        response.setStatus(200);
        response.setContentType("text/event-stream");
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Cache-Control", "no-cache, no-transform");
        // Proxies such as nginx would otherwise hold events back until their buffer fills.
        response.setHeader("X-Accel-Buffering", "no");
        OutputStream out = response.getOutputStream();
        response.flushBuffer();
        return new SseWriter(out);
    }

    /** JSON has no raw newlines once serialized, so one {@code data:} line carries the whole message. */
    public synchronized void send(JsonNode message) throws IOException {
        out.write(EVENT);
        out.write(Json.bytes(message));
        out.write(END);
        out.flush();
    }

    /**
     * An event of another type with text data, such as the {@code endpoint} event of MCP's older HTTP+SSE transport;
     * {@code data} must be one line.
     */
    public synchronized void send(String event, String data) throws IOException {
        if (event.indexOf('\n') >= 0 || data.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("an SSE event name or one-line data contains a newline");
        }
        out.write(("event: " + event + "\ndata: " + data).getBytes(StandardCharsets.UTF_8));
        out.write(END);
        out.flush();
    }

    public synchronized void keepAlive() throws IOException {
        out.write(KEEP_ALIVE);
        out.flush();
    }
}
