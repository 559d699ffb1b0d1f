package io.mcphub.hub;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;

/**
 * How to run a hub.
 *
 * @param store   {@code embedded} or {@code etcd://HOST:PORT[,HOST:PORT…]}
 * @param dataDir holds the embedded store, the master key and {@code cli.env}
 * @param host    address to listen on; beyond loopback the API speaks TLS (see {@link PublicTls})
 * @param port    port to listen on, 0 for any free one
 * @param agentPort port of the mutual-TLS agent channel, on the same host: the API port + 1 by default, 0 for any
 * @param tls     TLS of the public API; {@code null} means off on loopback and the internal CA elsewhere
 */
public record HubSettings(String store, Path dataDir, String host, int port, int agentPort, PublicTls tls) {

    public HubSettings(String store, Path dataDir, String host, int port) {
        this(store, dataDir, host, port, port == 0 ? 0 : port + 1, null);
    }

    public HubSettings withTls(PublicTls tls) {
        return new HubSettings(store, dataDir, host, port, agentPort, tls);
    }

    /** The documented default port of {@code mcphub dev}. */
    public static final int DEFAULT_PORT = 7420;

    public HubSettings {
        boolean loopback = isLoopback(host);
        if (tls == null) {
            tls = loopback ? PublicTls.OFF : PublicTls.internalCa(java.util.List.of());
        }
        if (!loopback && !tls.enabled()) {
            throw new IllegalArgumentException("refusing to listen on " + host + " without TLS: the API would carry tokens"
                    + " in clear text; leave TLS on (the internal CA's certificate, or --tls-cert/--tls-key) or listen on 127.0.0.1");
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
            throw new IllegalArgumentException("cannot resolve listen address " + host + "; use an IP address such as 127.0.0.1 or 0.0.0.0");
        }
    }
}
