package io.mcphub.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.mcphub.client.ConfigClient.HubUnreachableException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One {@link ConfigClient#watch}: a stream of the hub's change events for the key, and the versions they announce
 * fetched and delivered. Exactly once rests on two numbers: the last store revision seen (sent back as
 * {@code Last-Event-ID}, so the hub resumes strictly after it) and the last version delivered (a document's versions
 * only grow, so re-reading it after a re-list or from the cache never delivers a version twice).
 */
final class ConfigWatch {

    private static final long FIRST_BACKOFF_MS = 100;

    private final ConfigClient client;
    private final String key;
    private final ConfigListener listener;
    private volatile boolean closed;
    private volatile HttpResponse<InputStream> stream;
    private Thread thread;
    private long lastVersion;
    /** The revision the stream has been consumed up to; null when the documents must be read afresh (start, 410). */
    private Long lastRevision;
    /** After a 410: the revision to watch from once the document has been read again. */
    private Long relistFrom;

    ConfigWatch(ConfigClient client, String key, ConfigListener listener) {
        this.client = client;
        this.key = key;
        this.listener = listener;
    }

    /** The first connection is made by the caller, so that a refused token fails {@code watch} itself. */
    void start() {
        try {
            stream = connect();
        } catch (HubUnreachableException e) {
            client.cached(key).ifPresent(this::deliver);
        }
        thread = Thread.ofVirtual().name("mcphub-config-watch " + key).start(this::run);
    }

    void close() {
        closed = true;
        closeStream();
        if (thread != null) {
            thread.interrupt();
        }
    }

    private void run() {
        long backoff = FIRST_BACKOFF_MS;
        while (!closed) {
            try {
                if (stream == null) {
                    stream = connect();
                }
                backoff = FIRST_BACKOFF_MS;
                consume(stream.body());
            } catch (HubUnreachableException | IOException e) {
                // the hub is down or restarting: retry below
            } catch (ConfigClientException e) {
                if (e.status() == 401 || e.status() == 403) {
                    closed = true;
                    listener.onError(e);
                    return;
                }
            } finally {
                closeStream();
            }
            backoff = pause(backoff);
        }
    }

    /** Opens the stream and, if it starts afresh, brings the listener up to date with the document as it is now. */
    private HttpResponse<InputStream> connect() {
        HttpResponse<InputStream> r = client.openStream(key, lastRevision, relistFrom);
        if (r.statusCode() == 410) {
            JsonNode problem = client.readTree(readAll(r));
            lastRevision = null;
            relistFrom = problem.path("currentRevision").asLong() + 1;
            r = client.openStream(key, null, relistFrom);
        }
        if (r.statusCode() != 200) {
            throw client.refused(r.statusCode(), readAll(r), key);
        }
        if (lastRevision == null) {
            // The stream starts after this revision and is open already, so a publish racing this read shows up on
            // it too; the version check in deliver() drops such a duplicate.
            lastRevision = r.headers().firstValueAsLong("MCPHub-Revision").orElse(0);
            relistFrom = null;
            try {
                deliver(client.fetch(key, null));
            } catch (ConfigClientException e) {
                if (e.status() != 404) { // no document yet: its first version will come as an event
                    close(r);
                    lastRevision = null;
                    throw e;
                }
            }
        }
        return r;
    }

    /** Reads events until the stream ends; each one is acted on before its revision counts as seen. */
    private void consume(InputStream body) throws IOException {
        BufferedReader lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8));
        String id = null;
        String event = null;
        String data = null;
        for (String line; (line = lines.readLine()) != null && !closed; ) {
            if (line.startsWith("id: ")) {
                id = line.substring(4);
            } else if (line.startsWith("event: ")) {
                event = line.substring(7);
            } else if (line.startsWith("data: ")) {
                data = line.substring(6);
            } else if (line.isEmpty() && data != null) {
                if ("compacted".equals(event)) {
                    lastRevision = null;
                    relistFrom = client.readTree(data.getBytes(StandardCharsets.UTF_8)).path("currentRevision").asLong() + 1;
                    return;
                }
                changed(client.readTree(data.getBytes(StandardCharsets.UTF_8)));
                lastRevision = Long.parseLong(id);
                id = event = data = null;
            }
        }
    }

    /** The prefix {@code key} also covers longer keys ({@code key/…}, {@code keyX}): only the key itself matters. */
    private void changed(JsonNode change) {
        long version = change.path("version").asLong();
        if (key.equals(change.path("key").asText()) && "put".equals(change.path("type").asText()) && version > lastVersion) {
            JsonNode content = change.get("content");
            deliver(content != null ? client.received(new ConfigDocument(key, version, content, false)) : client.fetch(key, version));
        }
    }

    private void deliver(ConfigDocument doc) {
        if (doc.version() <= lastVersion || closed) {
            return;
        }
        lastVersion = doc.version();
        try {
            listener.onVersion(doc);
        } catch (RuntimeException e) {
            // the service's own failure to apply a version must not end the watch; the next version is tried afresh
        }
    }

    private long pause(long backoff) {
        if (closed) {
            return backoff;
        }
        try {
            Thread.sleep(backoff / 2 + ThreadLocalRandom.current().nextLong(backoff / 2 + 1)); // jitter spreads reconnects
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closed = true;
        }
        return Math.min(backoff * 2, client.maxBackoff.toMillis());
    }

    private void closeStream() {
        HttpResponse<InputStream> s = stream;
        stream = null;
        if (s != null) {
            close(s);
        }
    }

    private static void close(HttpResponse<InputStream> r) {
        try {
            r.body().close();
        } catch (IOException e) {
            // already gone
        }
    }

    private static byte[] readAll(HttpResponse<InputStream> r) {
        try (InputStream in = r.body()) {
            return in.readAllBytes();
        } catch (IOException e) {
            return new byte[0];
        }
    }
}
