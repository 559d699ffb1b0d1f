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
 * A failed write means the client is gone; the caller ends the stream.
 */
final class SseWriter {

    private static final byte[] KEEP_ALIVE = ": keep-alive\n\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] EVENT = "event: message\ndata: ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] END = "\n\n".getBytes(StandardCharsets.US_ASCII);

    private final OutputStream out;

    private SseWriter(OutputStream out) {
        this.out = out;
    }

    /** Commits the response headers at once, so the client knows the stream is open before any event. */
    static SseWriter open(Context ctx) throws IOException {
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
    synchronized void send(JsonNode message) throws IOException {
        out.write(EVENT);
        out.write(Json.bytes(message));
        out.write(END);
        out.flush();
    }

    synchronized void keepAlive() throws IOException {
        out.write(KEEP_ALIVE);
        out.flush();
    }
}
