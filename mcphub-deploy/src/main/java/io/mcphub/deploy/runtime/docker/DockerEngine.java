package io.mcphub.deploy.runtime.docker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mcphub.core.Json;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.URLEncoder;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Just enough of the Docker Engine API over its Unix socket for the probe and the Docker runtime: one HTTP/1.0
 * request per connection, replies read to their Content-Length or to the end of the stream, and the hijacked
 * connection {@code attach} upgrades to. Blocking I/O on a {@link SocketChannel} (cheap on virtual threads); a
 * watchdog closes the channel when a request outlives its timeout, since a Unix channel has no read timeout and a
 * wedged engine must hang nobody.
 */
public final class DockerEngine {

    private static final Logger log = LoggerFactory.getLogger(DockerEngine.class);

    /** Where the system engine listens. */
    public static final Path DEFAULT_SOCKET = Path.of("/var/run/docker.sock");
    /** A container list or an inspect is a few KiB; a larger reply is not an engine's. */
    static final int MAX_REPLY = 16 << 20;
    private static final int MAX_HEAD = 64 << 10;
    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "docker-engine-watchdog");
        t.setDaemon(true);
        return t;
    });

    private final Path socket;
    private final Duration timeout;

    /** @param timeout how long an ordinary request may take, connecting and answering included */
    public DockerEngine(Path socket, Duration timeout) {
        this.socket = socket;
        this.timeout = timeout;
    }

    public Path socket() {
        return socket;
    }

    /** An HTTP reply; {@code body} is the whole body as text. */
    public record Reply(int status, String body) {
        public boolean ok() {
            return status / 100 == 2;
        }

        JsonNode json() throws IOException {
            return body.isBlank() ? JsonNodeFactory.instance.objectNode() : Json.JSON.readTree(body);
        }

        /** The engine puts its reason in {@code {"message": …}}. */
        String message() {
            try {
                return json().path("message").asText(body.trim());
            } catch (IOException e) {
                return body.trim();
            }
        }
    }

    /** Nothing answers on the socket, or not in time; the message names the socket and what to do. */
    public static final class Unreachable extends IOException {
        Unreachable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** The engine answered with an error status; {@link #status()} tells which. */
    public static final class Refused extends IOException {
        private final int status;

        Refused(int status, String message) {
            super(message);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    // ---- plain HTTP ----

    /** GET for the probe: empty when nothing answers (no socket file, refused, not permitted, too slow, not HTTP). */
    public Optional<Reply> tryGet(String path) {
        try {
            return Optional.of(request("GET", path, null, timeout));
        } catch (IOException e) {
            log.debug("GET {} on {}: {}", path, socket, e.toString());
            return Optional.empty();
        }
    }

    /** One request; {@code body} is sent as JSON when not null. Any status is a reply; only I/O failures throw. */
    public Reply request(String method, String path, JsonNode body, Duration within) throws IOException {
        byte[] content = body == null ? new byte[0] : Json.bytes(body);
        StringBuilder head = new StringBuilder(method).append(' ').append(path).append(" HTTP/1.0\r\nHost: docker\r\n");
        if (body != null) {
            head.append("Content-Type: application/json\r\n");
        }
        if (body != null || !method.equals("GET")) {
            head.append("Content-Length: ").append(content.length).append("\r\n");
        }
        head.append("\r\n");
        SocketChannel channel = connect();
        ScheduledFuture<?> watchdog = within == null ? null : WATCHDOG.schedule(() -> closeQuietly(channel),
                within.toMillis(), TimeUnit.MILLISECONDS);
        try (channel) {
            OutputStream out = outputOf(channel);
            out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.write(content);
            return read(new BufferedInputStream(inputOf(channel)));
        } catch (ClosedChannelException e) {
            throw new Unreachable("the Docker engine on " + socket + " did not answer " + method + " " + path
                    + (within == null ? "" : " within " + within.toMillis() + " ms"), e);
        } finally {
            if (watchdog != null) {
                watchdog.cancel(false);
            }
        }
    }

    /** Reads one whole reply: to its Content-Length, or, without one, to the end of the stream. */
    static Reply read(InputStream in) throws IOException {
        Head head = Head.read(in);
        byte[] body;
        if (head.contentLength() >= 0) {
            if (head.contentLength() > MAX_REPLY) {
                throw new IOException("reply of " + head.contentLength() + " bytes is larger than an engine's");
            }
            body = in.readNBytes(head.contentLength());
            if (body.length < head.contentLength()) {
                throw new IOException("reply cut short: " + body.length + " of " + head.contentLength() + " bytes");
            }
        } else {
            body = in.readNBytes(MAX_REPLY + 1);
            if (body.length > MAX_REPLY) {
                throw new IOException("reply larger than an engine's");
            }
        }
        return new Reply(head.status(), new String(body, StandardCharsets.UTF_8));
    }

    /** A reply's status line and headers. */
    record Head(int status, int contentLength) {

        static Head read(InputStream in) throws IOException {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            int b;
            while ((b = in.read()) != -1) {
                bytes.write(b);
                int n = bytes.size();
                if (n >= 4 && b == '\n' && endsWithBlankLine(bytes.toByteArray())) {
                    return parse(bytes.toString(StandardCharsets.ISO_8859_1));
                }
                if (n > MAX_HEAD) {
                    throw new IOException("reply head longer than " + MAX_HEAD + " bytes");
                }
            }
            throw new IOException("the connection closed before a whole HTTP reply head arrived");
        }

        private static boolean endsWithBlankLine(byte[] b) {
            int n = b.length;
            return b[n - 4] == '\r' && b[n - 3] == '\n' && b[n - 2] == '\r';
        }

        private static Head parse(String text) throws IOException {
            String[] lines = text.split("\r\n");
            String[] status = lines[0].split(" ", 3);
            if (!lines[0].startsWith("HTTP/1.") || status.length < 2 || !status[1].matches("\\d{3}")) {
                throw new IOException("not an HTTP reply: " + lines[0]);
            }
            int length = -1;
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                if (colon > 0 && lines[i].substring(0, colon).trim().equalsIgnoreCase("content-length")) {
                    String value = lines[i].substring(colon + 1).trim();
                    length = value.matches("\\d{1,9}") ? Integer.parseInt(value) : -1;
                }
            }
            return new Head(Integer.parseInt(status[1]), length);
        }
    }

    // ---- the engine's operations ----

    /** Whether the engine answers {@code /_ping} with {@code OK}. */
    public boolean ping() {
        return tryGet("/_ping").filter(Reply::ok).map(r -> r.body().trim().equals("OK")).orElse(false);
    }

    /** The image as the engine has it locally; empty when it does not. */
    public Optional<JsonNode> image(String image) throws IOException {
        Reply reply = request("GET", "/images/" + encode(image) + "/json", null, timeout);
        if (reply.status() == 404) {
            return Optional.empty();
        }
        return Optional.of(expect(reply, "inspect image " + image).json());
    }

    /** Creates a container (not started) and returns its id. */
    public String create(String name, ObjectNode config) throws IOException {
        Reply reply = request("POST", "/containers/create?name=" + encode(name), config, timeout);
        return expect(reply, "create container " + name).json().path("Id").asText();
    }

    public void start(String id) throws IOException {
        Reply reply = request("POST", "/containers/" + id + "/start", null, timeout);
        if (reply.status() != 304) { // 304: already started
            expect(reply, "start container " + id);
        }
    }

    /** The container's inspect document; empty when there is no such container. */
    public Optional<JsonNode> inspect(String idOrName) throws IOException {
        Reply reply = request("GET", "/containers/" + encode(idOrName) + "/json", null, timeout);
        if (reply.status() == 404) {
            return Optional.empty();
        }
        return Optional.of(expect(reply, "inspect container " + idOrName).json());
    }

    /** Blocks until the container is not running and returns its exit code. */
    public int await(String id) throws IOException {
        Reply reply = request("POST", "/containers/" + id + "/wait", null, null);
        return expect(reply, "wait for container " + id).json().path("StatusCode").asInt(-1);
    }

    /** SIGTERM (or the image's stop signal), SIGKILL after {@code grace}; returns once the container is stopped. */
    public void stop(String id, Duration grace) throws IOException {
        long seconds = (grace.toMillis() + 999) / 1000;
        Reply reply = request("POST", "/containers/" + id + "/stop?t=" + seconds, null, grace.plus(timeout).plus(timeout));
        if (reply.status() != 304 && reply.status() != 404) { // 304: already stopped
            expect(reply, "stop container " + id);
        }
    }

    /** Sends the container's main process a signal ({@code HUP}, …) without stopping it. */
    public void kill(String id, String signal) throws IOException {
        expect(request("POST", "/containers/" + id + "/kill?signal=" + encode(signal), null, timeout), "signal container " + id);
    }

    /** Removes the container, killing it if it still runs; a container that is already gone is fine. */
    public void remove(String idOrName) throws IOException {
        Reply reply = request("DELETE", "/containers/" + encode(idOrName) + "?force=1&v=1", null, timeout.plus(timeout));
        if (reply.status() != 404) {
            expect(reply, "remove container " + idOrName);
        }
    }

    /** Every container, running or not, that carries all of {@code labels}. */
    public List<JsonNode> containers(Map<String, String> labels) throws IOException {
        ObjectNode filters = JsonNodeFactory.instance.objectNode();
        labels.forEach((k, v) -> filters.withArray("label").add(k + "=" + v));
        Reply reply = request("GET", "/containers/json?all=1&filters=" + encode(Json.write(filters)), null, timeout);
        List<JsonNode> all = new ArrayList<>();
        expect(reply, "list containers").json().forEach(all::add);
        return all;
    }

    // ---- attach ----

    /** The raw stream of an attached container: the engine's multiplexed output in, the container's stdin out. */
    public record Attached(InputStream output, OutputStream input, SocketChannel channel) implements AutoCloseable {
        @Override
        public void close() {
            closeQuietly(channel);
        }
    }

    /**
     * Attaches to a container's streams through the engine's hijacked connection; done before the container starts,
     * nothing it writes is lost. With {@code stdin}, what is written to {@link Attached#input()} reaches the
     * container's stdin.
     */
    public Attached attach(String id, boolean stdin) throws IOException {
        String path = "/containers/" + id + "/attach?stream=1&stdout=1&stderr=1" + (stdin ? "&stdin=1" : "");
        SocketChannel channel = connect();
        ScheduledFuture<?> watchdog = WATCHDOG.schedule(() -> closeQuietly(channel), timeout.toMillis(), TimeUnit.MILLISECONDS);
        try {
            OutputStream out = outputOf(channel);
            out.write(("POST " + path + " HTTP/1.1\r\nHost: docker\r\nContent-Length: 0\r\nConnection: Upgrade\r\n"
                    + "Upgrade: tcp\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            InputStream in = new BufferedInputStream(inputOf(channel));
            Head head = Head.read(in);
            if (head.status() != 101 && head.status() != 200) {
                Reply reply = new Reply(head.status(), new String(in.readNBytes(Math.max(0, head.contentLength())),
                        StandardCharsets.UTF_8));
                throw new Refused(reply.status(), "attach to container " + id + ": " + reply.message());
            }
            if (!watchdog.cancel(false)) {
                throw new Unreachable("the Docker engine on " + socket + " did not answer attach within "
                        + timeout.toMillis() + " ms", null);
            }
            return new Attached(in, out, channel);
        } catch (IOException | RuntimeException e) {
            watchdog.cancel(false);
            closeQuietly(channel);
            if (e instanceof ClosedChannelException) {
                throw new Unreachable("the Docker engine on " + socket + " did not answer attach within "
                        + timeout.toMillis() + " ms", e);
            }
            throw e;
        }
    }

    // ---- plumbing ----

    private SocketChannel connect() throws Unreachable {
        SocketChannel channel = null;
        try {
            channel = SocketChannel.open(StandardProtocolFamily.UNIX);
            channel.connect(UnixDomainSocketAddress.of(socket));
            return channel;
        } catch (IOException e) {
            closeQuietly(channel);
            throw new Unreachable("the Docker engine does not answer on " + socket + " (" + e.getMessage() + "); start"
                    + " dockerd, or point the agent at the engine's socket with DOCKER_HOST=unix://PATH", e);
        }
    }

    private Reply expect(Reply reply, String what) throws Refused {
        if (!reply.ok()) {
            throw new Refused(reply.status(), what + ": the Docker engine on " + socket + " answered " + reply.status()
                    + ": " + reply.message());
        }
        return reply;
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    static void closeQuietly(SocketChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // closing is all we wanted
            }
        }
    }

    /**
     * Streams straight over the channel: reads and writes from two threads at once (the hijacked stdio), which
     * {@code Channels.newInputStream} would serialise on the channel's blocking lock.
     */
    private static InputStream inputOf(SocketChannel channel) {
        return new InputStream() {
            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                int n = read(one, 0, 1);
                return n < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (len == 0) {
                    return 0;
                }
                int n;
                do {
                    n = channel.read(ByteBuffer.wrap(b, off, len));
                } while (n == 0);
                return n;
            }

            @Override
            public void close() throws IOException {
                channel.close();
            }
        };
    }

    private static OutputStream outputOf(SocketChannel channel) {
        return new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                ByteBuffer buffer = ByteBuffer.wrap(b, off, len);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
            }

            @Override
            public void close() throws IOException {
                channel.close();
            }
        };
    }

    @Override
    public String toString() {
        return "Docker engine on " + socket;
    }
}
