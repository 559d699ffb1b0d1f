package io.mcphub.deploy.probe;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Just enough HTTP/1.0 for {@code /_ping} and {@code /version}: one request, a reply read to its Content-Length or
 * to the end of the stream. Non-blocking with a selector, because a blocking Unix channel has no read timeout and a
 * wedged engine must not hang the fingerprint.
 */
final class UnixSocketHttpClient implements UnixHttp {

    private static final Logger log = LoggerFactory.getLogger(UnixSocketHttpClient.class);

    /** Engine status replies are small; a larger one is not the engine we are looking for. */
    private static final int MAX_REPLY = 1 << 20;

    private final Duration timeout;

    UnixSocketHttpClient(Duration timeout) {
        this.timeout = timeout;
    }

    @Override
    public Optional<Reply> get(Path socket, String requestPath) {
        if (!Files.exists(socket)) {
            return Optional.empty();
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX); Selector selector = Selector.open()) {
            channel.configureBlocking(false);
            boolean connected = channel.connect(UnixDomainSocketAddress.of(socket));
            SelectionKey key = channel.register(selector, connected ? SelectionKey.OP_WRITE : SelectionKey.OP_CONNECT);
            ByteBuffer request = ByteBuffer.wrap(("GET " + requestPath + " HTTP/1.0\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            ByteBuffer chunk = ByteBuffer.allocate(8192);
            ByteArrayOutputStream reply = new ByteArrayOutputStream();
            while (true) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) {
                    log.debug("GET {} on {}: no answer within {}", requestPath, socket, timeout);
                    return Optional.empty();
                }
                if (selector.select(left) == 0) {
                    continue;
                }
                selector.selectedKeys().clear();
                if (key.isConnectable() && channel.finishConnect()) {
                    key.interestOps(SelectionKey.OP_WRITE);
                } else if (key.isWritable()) {
                    channel.write(request);
                    if (!request.hasRemaining()) {
                        key.interestOps(SelectionKey.OP_READ);
                    }
                } else if (key.isReadable()) {
                    int read = channel.read(chunk);
                    if (read > 0) {
                        reply.write(chunk.array(), 0, read);
                        chunk.clear();
                    }
                    if (reply.size() > MAX_REPLY) {
                        return Optional.empty();
                    }
                    Optional<Reply> complete = parse(reply.toByteArray(), read < 0);
                    if (complete.isPresent() || read < 0) {
                        return complete;
                    }
                }
            }
        } catch (IOException e) {
            log.debug("GET {} on {}: {}", requestPath, socket, e.toString());
            return Optional.empty();
        }
    }

    /** The reply once it is whole: its Content-Length has arrived, or, without one, the server closed the stream. */
    static Optional<Reply> parse(byte[] bytes, boolean ended) {
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        int headerEnd = text.indexOf("\r\n\r\n");
        if (headerEnd < 0 || !text.startsWith("HTTP/1.")) {
            return Optional.empty();
        }
        String[] lines = text.substring(0, headerEnd).split("\r\n");
        String[] statusLine = lines[0].split(" ", 3);
        if (statusLine.length < 2 || !statusLine[1].matches("\\d{3}")) {
            return Optional.empty();
        }
        int bodyStart = headerEnd + 4;
        int received = bytes.length - bodyStart;
        int length = contentLength(lines);
        if (length < 0 ? !ended : received < length) {
            return Optional.empty();
        }
        return Optional.of(new Reply(Integer.parseInt(statusLine[1]),
                new String(bytes, bodyStart, length < 0 ? received : length, StandardCharsets.UTF_8)));
    }

    /** -1 when the header is missing or not a number: then only the end of the stream ends the body. */
    private static int contentLength(String[] headerLines) {
        for (int i = 1; i < headerLines.length; i++) {
            int colon = headerLines[i].indexOf(':');
            if (colon > 0 && headerLines[i].substring(0, colon).trim().equalsIgnoreCase("content-length")) {
                String value = headerLines[i].substring(colon + 1).trim();
                return value.matches("\\d{1,9}") ? Integer.parseInt(value) : -1;
            }
        }
        return -1;
    }
}
