package io.mcphub.deploy.probe;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A real HTTP server on a Unix domain socket, answering fixed replies by request path the way the Docker engine
 * does — what the socket check is tested against, so the bytes really cross a socket.
 */
final class UnixHttpServer implements AutoCloseable {

    /** The raw bytes to answer a path with; null for a path means "accept, read, and never answer". */
    private final Map<String, String> replies;
    private final ServerSocketChannel server;
    private final Thread serving;
    final List<String> requests = new CopyOnWriteArrayList<>();

    private UnixHttpServer(Path socket, Map<String, String> replies) throws IOException {
        this.replies = replies;
        Files.createDirectories(socket.getParent());
        server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        serving = Thread.ofVirtual().name("unix-http-server").start(this::serve);
    }

    /** Answers like a Docker engine: {@code /_ping} with OK, {@code /version} with the engine's JSON. */
    static UnixHttpServer dockerEngine(Path socket, String version) throws IOException {
        return new UnixHttpServer(socket, Map.of(
                "/_ping", reply(200, "text/plain; charset=utf-8", "OK"),
                "/version", reply(200, "application/json", "{\"Platform\":{\"Name\":\"Docker Engine - Community\"},\"Version\":\""
                        + version + "\",\"ApiVersion\":\"1.47\",\"Os\":\"linux\",\"Arch\":\"amd64\"}")));
    }

    static UnixHttpServer answering(Path socket, Map<String, String> replies) throws IOException {
        return new UnixHttpServer(socket, replies);
    }

    /** Accepts and reads the request, then never answers: a wedged engine. */
    static UnixHttpServer silent(Path socket) throws IOException {
        Map<String, String> replies = new HashMap<>();
        replies.put("/_ping", null);
        return new UnixHttpServer(socket, replies);
    }

    static String reply(int status, String contentType, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return "HTTP/1.1 " + status + " Whatever\r\nContent-Type: " + contentType + "\r\nContent-Length: " + bytes.length
                + "\r\nApi-Version: 1.47\r\n\r\n" + body;
    }

    private void serve() {
        while (server.isOpen()) {
            try {
                SocketChannel client = server.accept();
                Thread.ofVirtual().start(() -> answer(client));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void answer(SocketChannel client) {
        try (client) {
            ByteBuffer buffer = ByteBuffer.allocate(4096);
            StringBuilder request = new StringBuilder();
            while (request.indexOf("\r\n\r\n") < 0 && client.read(buffer) > 0) {
                request.append(StandardCharsets.US_ASCII.decode(buffer.flip()));
                buffer.clear();
            }
            String path = request.toString().split(" ", 3)[1];
            requests.add(path);
            String reply = replies.containsKey(path) ? replies.get(path) : reply(404, "text/plain", "page not found");
            if (reply == null) {
                Thread.sleep(60_000);
                return;
            }
            client.write(ByteBuffer.wrap(reply.getBytes(StandardCharsets.UTF_8)));
        } catch (IOException | RuntimeException e) {
            // The client went away; nothing to answer.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        // A channel closed while a (virtual) thread is blocked in accept() releases its socket only once that thread
        // has left accept(): until then a client may still connect, so wait for it (a crashed dockerd is gone for good).
        try {
            serving.join(java.time.Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
