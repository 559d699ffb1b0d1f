package io.mcphub.gateway.downstream;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * Reads a {@code text/event-stream} body as the SSE spec defines it, for the events MCP sends: {@code data} lines
 * joined by newlines, dispatched at a blank line; comments ({@code : keep-alive}), ids and retry hints skipped.
 */
final class SseReader {

    /** Receives each event's data; returns false to stop reading. */
    @FunctionalInterface
    interface Handler {
        boolean event(String type, String data) throws IOException;
    }

    private SseReader() {}

    /** Reads until the handler stops it or the stream ends; the caller closes the stream. */
    static void read(InputStream in, Handler handler) throws IOException {
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        StringBuilder data = new StringBuilder();
        String type = "message";
        String line;
        while ((line = reader.readLine()) != null) {
            if (line.isEmpty()) {
                if (!data.isEmpty()) {
                    if (!handler.event(type, data.toString())) {
                        return;
                    }
                }
                data.setLength(0);
                type = "message";
            } else if (line.startsWith("data:")) {
                if (!data.isEmpty()) {
                    data.append('\n');
                }
                data.append(field(line, 5));
            } else if (line.startsWith("event:")) {
                type = field(line, 6);
            }
        }
    }

    /** The value after {@code name:}, without the one optional space the spec allows. */
    private static String field(String line, int from) {
        return line.startsWith(" ", from) ? line.substring(from + 1) : line.substring(from);
    }
}
