package io.mcphub.hub;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;

/**
 * How to run a hub.
 *
 * @param store   {@code embedded} or {@code etcd://HOST:PORT[,HOST:PORT…]}
 * @param dataDir holds the embedded store, the master key and {@code cli.env}
 * @param host    address to listen on; loopback only until TLS lands (the API would otherwise carry tokens in clear)
 * @param port    port to listen on, 0 for any free one
 * @param agentPort port of the mutual-TLS agent channel, on the same host: the API port + 1 by default, 0 for any
 */
public record HubSettings(String store, Path dataDir, String host, int port, int agentPort) {

    public HubSettings(String store, Path dataDir, String host, int port) {
        this(store, dataDir, host, port, port == 0 ? 0 : port + 1);
    }

    /** The documented default port of {@code mcphub dev}. */
    public static final int DEFAULT_PORT = 7420;

    public HubSettings {
        if (!isLoopback(host)) {
            throw new IllegalArgumentException("refusing to listen on " + host + ": without TLS the API would carry tokens in "
                    + "clear text; listen on 127.0.0.1 (TLS for other addresses comes with the internal CA)");
        }
    }

    /** Parses {@code HOST:PORT}, {@code :PORT} or {@code PORT}. */
    public static HubSettings of(String store, Path dataDir, String listen) {
        String host = "127.0.0.1";
        String port = listen;
        int colon = listen.lastIndexOf(':');
        if (colon >= 0) {
            host = colon == 0 ? host : listen.substring(0, colon);
            port = listen.substring(colon + 1);
        }
        try {
            return new HubSettings(store, dataDir, host, Integer.parseInt(port));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--listen " + listen + ": expected HOST:PORT such as 127.0.0.1:" + DEFAULT_PORT);
        }
    }

    private static boolean isLoopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("cannot resolve listen address " + host + "; use 127.0.0.1");
        }
    }
}
