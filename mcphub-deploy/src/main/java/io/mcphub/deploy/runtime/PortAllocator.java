package io.mcphub.deploy.runtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;

/**
 * Hands out free TCP ports to instances that listen. The OS says which ports are free right now; this class also
 * remembers which it handed out, because a replica started a moment ago may not have bound its port yet and the
 * OS would offer that same port to the next one.
 */
public final class PortAllocator {

    private static final int ATTEMPTS = 50;
    private final Set<Integer> handedOut = new HashSet<>();

    public synchronized int allocate() {
        for (int i = 0; i < ATTEMPTS; i++) {
            int port = probeFreePort();
            if (handedOut.add(port)) {
                return port;
            }
        }
        throw new IllegalStateException("no free TCP port found after " + ATTEMPTS + " attempts; too many ports in use");
    }

    /** Marks a fixed port (from the spec) as taken, so it is never handed to another instance. */
    public synchronized void reserve(int port) {
        handedOut.add(port);
    }

    /** Gives a port back once its instance is gone. */
    public synchronized void release(int port) {
        handedOut.remove(port);
    }

    private static int probeFreePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open a socket to find a free port", e);
        }
    }
}
