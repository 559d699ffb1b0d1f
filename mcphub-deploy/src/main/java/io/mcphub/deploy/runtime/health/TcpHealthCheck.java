package io.mcphub.deploy.runtime.health;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;

/** Connects to the instance's port: for services that listen but speak nothing the agent knows. */
public final class TcpHealthCheck implements HealthCheck {

    private final InetSocketAddress address;
    private final Duration timeout;

    public TcpHealthCheck(int port, Duration timeout) {
        this.address = new InetSocketAddress("127.0.0.1", port);
        this.timeout = timeout;
    }

    @Override
    public HealthResult check() {
        try (Socket socket = new Socket()) {
            socket.connect(address, (int) timeout.toMillis());
            return HealthResult.ok("tcp " + address.getPort() + ": connected");
        } catch (IOException e) {
            return HealthResult.failed("tcp " + address.getPort() + ": " + e.getMessage());
        }
    }
}
