package io.mcphub.security.pki;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;

/**
 * A real TLS listener on loopback: each connection's handshake outcome is recorded (the line it answered, or the
 * exception the server saw), and the client side is a plain SSLSocket with host-name checking on, as HTTPS does.
 */
final class TlsServer implements AutoCloseable {

    /** What one side saw: the answer line, or the failure. */
    record Outcome(String answer, Throwable failure) {

        boolean ok() {
            return failure == null && answer != null;
        }
    }

    private final SSLServerSocket server;
    private final BlockingQueue<Outcome> outcomes = new LinkedBlockingQueue<>();
    private final Thread acceptor;

    /** @param parameters null for the context's defaults */
    TlsServer(SSLContext context, SSLParameters parameters, Function<SSLSession, String> answer) throws IOException {
        server = (SSLServerSocket) context.getServerSocketFactory().createServerSocket(0, 50, InetAddress.getLoopbackAddress());
        if (parameters != null) {
            server.setSSLParameters(parameters);
        }
        acceptor = Thread.ofVirtual().start(() -> {
            while (!server.isClosed()) {
                try {
                    SSLSocket socket = (SSLSocket) server.accept();
                    Thread.ofVirtual().start(() -> serve(socket, answer));
                } catch (IOException closed) {
                    return;
                }
            }
        });
    }

    /** Requires client certificates, as the hub's agent listener does. */
    static TlsServer mutual(SSLContext context, Function<SSLSession, String> answer) throws IOException {
        return new TlsServer(context, TlsContexts.requireClientCertificate(context), answer);
    }

    int port() {
        return server.getLocalPort();
    }

    /** The server's view of the next connection. */
    Outcome next() throws InterruptedException {
        Outcome o = outcomes.poll(10, TimeUnit.SECONDS);
        if (o == null) {
            throw new AssertionError("the server saw no connection within 10 s");
        }
        return o;
    }

    /** Connects as a client and returns what the client saw. */
    Outcome connect(SSLContext client) {
        try (SSLSocket socket = (SSLSocket) client.getSocketFactory().createSocket("localhost", port())) {
            socket.setSoTimeout(10_000);
            SSLParameters parameters = socket.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            socket.setSSLParameters(parameters);
            socket.startHandshake();
            // With TLS 1.3 a client learns that the server refused its certificate only when it next reads.
            String line = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8)).readLine();
            return new Outcome(line, null);
        } catch (IOException e) {
            return new Outcome(null, e);
        }
    }

    private void serve(SSLSocket socket, Function<SSLSession, String> answer) {
        try (socket) {
            socket.setSoTimeout(10_000);
            socket.startHandshake();
            String line = answer.apply(socket.getSession());
            OutputStream out = socket.getOutputStream();
            out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            outcomes.add(new Outcome(line, null));
        } catch (IOException | RuntimeException e) {
            outcomes.add(new Outcome(null, e));
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        acceptor.interrupt();
    }
}
