package io.mcphub.deploy.ssh;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** A loopback TCP server that answers each line with {@code NAME:line}: something to reach through a forward. */
final class EchoServer implements AutoCloseable {

    private final ServerSocket socket;
    private final String name;

    EchoServer(String name) throws IOException {
        this.name = name;
        this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().start(this::accept);
    }

    int port() {
        return socket.getLocalPort();
    }

    private void accept() {
        while (!socket.isClosed()) {
            try {
                Socket s = socket.accept();
                Thread.ofVirtual().start(() -> serve(s));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void serve(Socket s) {
        try (s; InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
            StringBuilder line = new StringBuilder();
            for (int c; (c = in.read()) >= 0; ) {
                if (c == '\n') {
                    out.write((name + ":" + line + "\n").getBytes(StandardCharsets.UTF_8));
                    out.flush();
                    line.setLength(0);
                } else {
                    line.append((char) c);
                }
            }
        } catch (IOException ignored) {
            // the client went away
        }
    }

    /** One line out, one line back, through whatever listens on {@code port}. */
    static String ask(int port, String line) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 2000);
            s.setSoTimeout(5000);
            s.getOutputStream().write((line + "\n").getBytes(StandardCharsets.UTF_8));
            StringBuilder answer = new StringBuilder();
            InputStream in = s.getInputStream();
            for (int c; (c = in.read()) >= 0 && c != '\n'; ) {
                answer.append((char) c);
            }
            return answer.toString();
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
