package io.mcphub.gateway.downstream;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * A lean HTTP/1.1 client for the gateway's hop to instances: blocking sockets on the calling (virtual) thread and
 * a pool of kept-alive connections per host. The JDK's HttpClient hands every exchange between its selector and
 * worker threads, which measurably dominated the gateway's added latency (docs/benchmarks.md); here a request is
 * one write and its answer is read by the thread that waits for it.
 *
 * <p>It speaks what MCP's Streamable HTTP needs: requests with a body of known length, answers with a length, in
 * chunks (event streams) or until the connection closes. A connection goes back to the pool only when its answer
 * was read to the end; a pooled connection the server closed meanwhile is noticed before anything was received
 * and the request is sent once more on a new one.
 */
final class Http1 implements AutoCloseable {

    /** Servers drop idle connections (Jetty after 30 s); older ones are not reused. */
    private static final long MAX_IDLE_NANOS = Duration.ofSeconds(20).toNanos();
    private static final int MAX_IDLE_PER_HOST = 64;
    private static final int MAX_HEADER_LINE = 16 * 1024;

    private final SSLContext tls;
    private final int connectTimeoutMs;
    private final Map<String, ConcurrentLinkedDeque<Connection>> idle = new ConcurrentHashMap<>();
    private volatile boolean closed;

    Http1(SSLContext tls, Duration connectTimeout) {
        this.tls = tls;
        this.connectTimeoutMs = (int) connectTimeout.toMillis();
    }

    /** An answer: status, headers (names in lower case, first value) and the body, to be closed by the reader. */
    record Response(int status, Map<String, String> headers, InputStream body) {
        String header(String name) {
            return headers.get(name);
        }
    }

    /** Where the exchange in progress can be cut from another thread. */
    interface Abortable {
        void using(Connection connection) throws IOException;
    }

    /**
     * Sends a request and reads the answer's head.
     *
     * @param headTimeout how long the answer's head may take; null for no limit (the caller aborts)
     * @throws Unreached when no connection could be made, or the request got no answer on a reused connection
     *         and again none on a new one: nothing reached the server
     */
    Response send(URI uri, String method, Map<String, String> headers, byte[] body, Duration headTimeout,
                  Abortable control) throws IOException {
        String key = key(uri);
        Connection pooled = take(key);
        if (pooled != null) {
            try {
                return exchange(pooled, uri, method, headers, body, headTimeout, control);
            } catch (StaleConnection e) {
                // The server closed it while it was idle; the request never got there.
            }
        }
        Connection fresh = open(uri, key);
        try {
            return exchange(fresh, uri, method, headers, body, headTimeout, control);
        } catch (StaleConnection e) {
            throw new IOException("the connection closed before any answer", e);
        }
    }

    private Response exchange(Connection connection, URI uri, String method, Map<String, String> headers, byte[] body,
                              Duration headTimeout, Abortable control) throws IOException {
        control.using(connection);
        boolean answered = false;
        try {
            connection.write(request(uri, method, headers, body), body);
            connection.socket.setSoTimeout(headTimeout == null ? 0 : (int) Math.max(1, headTimeout.toMillis()));
            String status = connection.readLine();
            answered = true;
            if (status == null) {
                throw new StaleConnection();
            }
            Response response = head(connection, status, method);
            connection.socket.setSoTimeout(0);
            return response;
        } catch (StaleConnection e) {
            connection.close();
            throw e;
        } catch (SocketException e) {
            connection.close();
            if (!answered && connection.reused && !"Socket closed".equals(e.getMessage())) {
                throw new StaleConnection();
            }
            throw e;
        } catch (IOException | RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    private static byte[] request(URI uri, String method, Map<String, String> headers, byte[] body) {
        StringBuilder head = new StringBuilder(256);
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        head.append(method).append(' ').append(path);
        if (uri.getRawQuery() != null) {
            head.append('?').append(uri.getRawQuery());
        }
        head.append(" HTTP/1.1\r\nHost: ").append(uri.getHost());
        if (uri.getPort() != -1) {
            head.append(':').append(uri.getPort());
        }
        head.append("\r\n");
        if (body != null) {
            head.append("Content-Length: ").append(body.length).append("\r\n");
        }
        headers.forEach((name, value) -> {
            if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
                throw new IllegalArgumentException("header " + name + " holds a line break");
            }
            head.append(name).append(": ").append(value).append("\r\n");
        });
        head.append("\r\n");
        return head.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    private Response head(Connection connection, String statusLine, String method) throws IOException {
        String[] parts = statusLine.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
            throw new IOException("not an HTTP/1.1 answer: " + statusLine);
        }
        int status = Integer.parseInt(parts[1]);
        Map<String, String> headers = new HashMap<>();
        for (String line = connection.readLine(); line != null && !line.isEmpty(); line = connection.readLine()) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                headers.putIfAbsent(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
            }
        }
        if (status >= 100 && status < 200) {
            return head(connection, connection.readLine(), method);
        }
        boolean keepAlive = !"close".equalsIgnoreCase(headers.get("connection"));
        InputStream body;
        String length = headers.get("content-length");
        if (method.equals("HEAD") || status == 204 || status == 304) {
            body = new Body(connection, 0, keepAlive);
        } else if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            body = new Chunked(connection, keepAlive);
        } else if (length != null) {
            body = new Body(connection, Long.parseLong(length), keepAlive);
        } else {
            body = new Body(connection, -1, false);
        }
        return new Response(status, headers, body);
    }

    private Connection take(String key) {
        ConcurrentLinkedDeque<Connection> connections = idle.get(key);
        if (connections == null) {
            return null;
        }
        for (Connection c = connections.pollFirst(); c != null; c = connections.pollFirst()) {
            if (System.nanoTime() - c.idleSince < MAX_IDLE_NANOS && !c.socket.isClosed()) {
                c.reused = true;
                return c;
            }
            c.close();
        }
        return null;
    }

    private void release(Connection connection) {
        ConcurrentLinkedDeque<Connection> connections = idle.computeIfAbsent(connection.key, k -> new ConcurrentLinkedDeque<>());
        if (closed || connections.size() >= MAX_IDLE_PER_HOST) {
            connection.close();
            return;
        }
        connection.idleSince = System.nanoTime();
        connections.addFirst(connection);
    }

    private Connection open(URI uri, String key) throws IOException {
        boolean https = "https".equalsIgnoreCase(uri.getScheme());
        int port = uri.getPort() != -1 ? uri.getPort() : https ? 443 : 80;
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(uri.getHost(), port), connectTimeoutMs);
            if (https) {
                SSLContext context = tls != null ? tls : SSLContext.getDefault();
                SSLSocket ssl = (SSLSocket) context.getSocketFactory().createSocket(socket, uri.getHost(), port, true);
                SSLParameters parameters = ssl.getSSLParameters();
                parameters.setEndpointIdentificationAlgorithm("HTTPS");
                ssl.setSSLParameters(parameters);
                ssl.setSoTimeout(connectTimeoutMs);
                ssl.startHandshake();
                socket = ssl;
            }
        } catch (IOException | java.security.GeneralSecurityException e) {
            socket.close();
            throw new Unreached("cannot connect to " + uri.getHost() + ":" + port + ": " + DownstreamSession.describe(e), e);
        }
        return new Connection(key, socket);
    }

    private static String key(URI uri) {
        return uri.getScheme() + "://" + uri.getHost() + ":" + uri.getPort();
    }

    @Override
    public void close() {
        closed = true;
        idle.values().forEach(connections -> connections.forEach(Connection::close));
        idle.clear();
    }

    /** Nothing reached the server. */
    static final class Unreached extends IOException {
        Unreached(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** A pooled connection the server had closed: the request can go again on a new one. */
    private static final class StaleConnection extends IOException {}

    /** One kept-alive connection. */
    final class Connection {
        final String key;
        final Socket socket;
        private final BufferedInputStream in;
        private final OutputStream out;
        volatile boolean reused;
        volatile long idleSince;

        Connection(String key, Socket socket) throws IOException {
            this.key = key;
            this.socket = socket;
            this.in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
            this.out = new BufferedOutputStream(socket.getOutputStream(), 16 * 1024);
        }

        void write(byte[] head, byte[] body) throws IOException {
            out.write(head);
            if (body != null) {
                out.write(body);
            }
            out.flush();
        }

        /** A CRLF-terminated line, or null at the end of the stream. */
        String readLine() throws IOException {
            StringBuilder line = new StringBuilder(64);
            int b;
            while ((b = in.read()) != -1) {
                if (b == '\n') {
                    int end = line.length();
                    if (end > 0 && line.charAt(end - 1) == '\r') {
                        line.setLength(end - 1);
                    }
                    return line.toString();
                }
                if (line.length() >= MAX_HEADER_LINE) {
                    throw new IOException("a header line of the answer is over " + MAX_HEADER_LINE + " bytes");
                }
                line.append((char) b);
            }
            return line.isEmpty() ? null : line.toString();
        }

        /** Closing is how an exchange is aborted: a thread blocked reading gets an exception. */
        void close() {
            try {
                socket.close();
            } catch (IOException e) {
                // closed is all we wanted
            }
        }
    }

    /** An answer's body on its connection: closing it before its end closes the connection, which cannot be reused. */
    private abstract static class ConnectionBody extends InputStream {
        final Connection connection;
        boolean done;

        ConnectionBody(Connection connection) {
            this.connection = connection;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) == -1 ? -1 : one[0] & 0xff;
        }

        @Override
        public void close() {
            if (!done) {
                done = true;
                connection.close();
            }
        }
    }

    /** A body of known length (or up to the connection's end when negative); back to the pool when read whole. */
    private final class Body extends ConnectionBody {
        private final boolean keepAlive;
        private long left;

        Body(Connection connection, long length, boolean keepAlive) {
            super(connection);
            this.left = length;
            this.keepAlive = keepAlive && length >= 0;
            if (length == 0) {
                finish();
            }
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (done || len == 0) {
                return done ? -1 : 0;
            }
            int n = connection.in.read(b, off, left < 0 ? len : (int) Math.min(len, left));
            if (n == -1) {
                if (left > 0) {
                    throw new EOFException("the answer ended " + left + " bytes early");
                }
                done = true;
                connection.close();
                return -1;
            }
            if (left > 0) {
                left -= n;
                if (left == 0) {
                    finish();
                }
            }
            return n;
        }

        private void finish() {
            done = true;
            if (keepAlive) {
                release(connection);
            }
        }
    }

    /** A chunked body, as event streams come; back to the pool after the last chunk. */
    private final class Chunked extends ConnectionBody {
        private final boolean keepAlive;
        private long chunkLeft;

        Chunked(Connection connection, boolean keepAlive) {
            super(connection);
            this.keepAlive = keepAlive;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (done) {
                return -1;
            }
            if (chunkLeft == 0) {
                String size = connection.readLine();
                if (size == null) {
                    throw new EOFException("the chunked answer ended without its last chunk");
                }
                int semicolon = size.indexOf(';');
                chunkLeft = Long.parseLong((semicolon >= 0 ? size.substring(0, semicolon) : size).trim(), 16);
                if (chunkLeft == 0) {
                    for (String trailer = connection.readLine(); trailer != null && !trailer.isEmpty(); trailer = connection.readLine()) {
                        // trailers carry nothing MCP uses
                    }
                    done = true;
                    if (keepAlive) {
                        release(connection);
                    } else {
                        connection.close();
                    }
                    return -1;
                }
            }
            int n = connection.in.read(b, off, (int) Math.min(len, chunkLeft));
            if (n == -1) {
                throw new EOFException("the chunked answer ended mid-chunk");
            }
            chunkLeft -= n;
            if (chunkLeft == 0 && connection.readLine() == null) {
                throw new EOFException("the chunked answer ended after a chunk");
            }
            return n;
        }
    }
}
