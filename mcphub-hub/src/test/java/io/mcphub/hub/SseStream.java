package io.mcphub.hub;

import com.fasterxml.jackson.databind.JsonNode;
import io.mcphub.core.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A Server-Sent Events stream read the way curl -N shows it: the raw lines, parsed into events by the SSE rules
 * (fields up to a blank line; comments start with ':'). Closing it drops the connection, as a killed curl would.
 */
final class SseStream implements AutoCloseable {

    record Event(String id, String event, String data, List<String> comments) {
        JsonNode json() {
            return Json.tree(data.getBytes(StandardCharsets.UTF_8));
        }
    }

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Event END = new Event(null, "end-of-stream", "", List.of());

    final HttpResponse<InputStream> response;
    private final LinkedBlockingQueue<Event> events = new LinkedBlockingQueue<>();

    private SseStream(HttpResponse<InputStream> response) {
        this.response = response;
        if (response.statusCode() == 200) {
            Thread.ofVirtual().start(this::read);
        }
    }

    /** Opens {@code url}; headers alternate names and values. */
    static SseStream open(String url, String token, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).header("Accept", "text/event-stream");
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return new SseStream(HTTP.send(b.build(), HttpResponse.BodyHandlers.ofInputStream()));
    }

    int status() {
        return response.statusCode();
    }

    String body() throws IOException {
        return new String(response.body().readAllBytes(), StandardCharsets.UTF_8);
    }

    /** The next event that carries data (comments are attached to it), or fails after {@code timeout}. */
    Event next(Duration timeout) throws InterruptedException {
        Event e = events.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (e == null) {
            throw new AssertionError("no event within " + timeout);
        }
        return e;
    }

    /** The data events that arrive within {@code quiet} of each other. */
    List<Event> drain(Duration quiet) throws InterruptedException {
        List<Event> all = new ArrayList<>();
        for (Event e; (e = events.poll(quiet.toMillis(), TimeUnit.MILLISECONDS)) != null; ) {
            all.add(e);
        }
        return all;
    }

    private void read() {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            String id = null;
            String event = null;
            StringBuilder data = null;
            List<String> comments = new ArrayList<>();
            for (String line; (line = r.readLine()) != null; ) {
                if (line.isEmpty()) {
                    if (data != null || event != null) {
                        events.add(new Event(id, event, data == null ? "" : data.toString(), List.copyOf(comments)));
                        comments.clear();
                    }
                    id = null;
                    event = null;
                    data = null;
                } else if (line.startsWith(":")) {
                    comments.add(line.substring(1).trim());
                } else if (line.startsWith("id: ")) {
                    id = line.substring(4);
                } else if (line.startsWith("event: ")) {
                    event = line.substring(7);
                } else if (line.startsWith("data: ")) {
                    data = data == null ? new StringBuilder(line.substring(6)) : data.append('\n').append(line.substring(6));
                }
            }
        } catch (IOException e) {
            // closed by the test or the hub
        }
        events.add(END);
    }

    @Override
    public void close() throws IOException {
        response.body().close();
    }
}
