package io.mcphub.deploy.bridge;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.mcphub.deploy.runtime.Instance;
import io.mcphub.deploy.runtime.log.LogReader;
import io.mcphub.deploy.runtime.mcp.JsonRpc;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLContext;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * The agent's one HTTP server for all its stdio MCP instances: each is mounted at
 * {@code /instances/{instanceId}/mcp}, which is the address the gateway routes to, and every instance's captured
 * output is at {@code /instances/{instanceId}/logs} (see {@link LogEndpoint}). Instances come and go while it
 * runs. It speaks TLS when given an {@link SSLContext} and refuses to listen beyond loopback without one.
 */
public final class BridgeServer implements AutoCloseable {

    public static final String PATH = "/instances/{instanceId}/mcp";

    private final String host;
    private final boolean tls;
    private final BridgeOptions options;
    private final Map<String, StdioBridge> bridges = new ConcurrentHashMap<>();
    private final Javalin app;
    private int port;

    /**
     * @param tls the server certificate (and, with {@code requireClientCertificate}, the trusted client CAs for
     *            mTLS); null for plain HTTP, allowed on loopback only
     */
    public BridgeServer(String host, int port, Tls tls, BridgeOptions options) {
        this(host, port, tls, options, id -> Optional.empty());
    }

    /** @param logs the log of an instance by id, also of one that stopped; empty for an id this node never ran */
    public BridgeServer(String host, int port, Tls tls, BridgeOptions options, Function<String, Optional<LogReader>> logs) {
        if (tls == null && !isLoopback(host)) {
            throw new IllegalArgumentException("the stdio bridge listens on " + host + " without TLS; give it a"
                    + " certificate or bind it to 127.0.0.1");
        }
        this.host = host;
        this.port = port;
        this.tls = tls != null;
        this.options = options;
        this.app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.concurrency.useVirtualThreads = true;
            config.http.maxRequestSize = options.maxBodyBytes();
            config.routes.post(PATH, ctx -> {
                StdioBridge bridge = bridge(ctx);
                if (bridge != null) {
                    bridge.post(ctx);
                }
            });
            config.routes.get(PATH, ctx -> {
                StdioBridge bridge = bridge(ctx);
                if (bridge != null) {
                    bridge.get(ctx);
                }
            });
            config.routes.delete(PATH, ctx -> {
                StdioBridge bridge = bridge(ctx);
                if (bridge != null) {
                    bridge.delete(ctx);
                }
            });
            LogEndpoint logEndpoint = new LogEndpoint(logs, options.keepAlive());
            config.routes.get(LogEndpoint.PATH, logEndpoint::get);
            if (tls != null) {
                config.jetty.addConnector((server, http) -> tlsConnector(server, http, tls));
            }
        });
    }

    /** TLS for the bridge; the agent gets its certificate from the hub's internal CA. */
    public record Tls(SSLContext context, boolean requireClientCertificate) {}

    /** Starts listening; port 0 picks a free one. Returns the bound port. */
    public int start() {
        app.start(host, port);
        ServerConnector connector = (ServerConnector) app.jettyServer().server().getConnectors()[0];
        port = connector.getLocalPort();
        return port;
    }

    /** Serves the instance at {@link #address(String)}; replaces an earlier mount of the same id. */
    public URI mount(Instance instance) {
        StdioBridge bridge = StdioBridge.of(instance, options);
        StdioBridge previous = bridges.put(instance.id(), bridge);
        if (previous != null) {
            previous.close();
        }
        return address(instance.id());
    }

    /** Stops serving the instance; its sessions end. */
    public void unmount(String instanceId) {
        StdioBridge bridge = bridges.remove(instanceId);
        if (bridge != null) {
            bridge.close();
        }
    }

    public boolean isMounted(String instanceId) {
        return bridges.containsKey(instanceId);
    }

    public URI address(String instanceId) {
        return URI.create((tls ? "https" : "http") + "://" + hostForUri() + ":" + port + PATH.replace("{instanceId}", instanceId));
    }

    @Override
    public void close() {
        bridges.values().forEach(StdioBridge::close);
        bridges.clear();
        app.stop();
    }

    private StdioBridge bridge(Context ctx) {
        StdioBridge bridge = bridges.get(ctx.pathParam("instanceId"));
        if (bridge == null) {
            StdioBridge.reject(ctx, 404, JsonRpc.CONNECTION_CLOSED, "no MCP instance " + ctx.pathParam("instanceId")
                    + " on this agent");
        }
        return bridge;
    }

    private ServerConnector tlsConnector(org.eclipse.jetty.server.Server server, HttpConfiguration http, Tls tls) {
        SslContextFactory.Server ssl = new SslContextFactory.Server();
        ssl.setSslContext(tls.context());
        ssl.setNeedClientAuth(tls.requireClientCertificate());
        HttpConfiguration https = new HttpConfiguration(http);
        // No SNI host check: the hub reaches agents by address, which their certificates do not carry; who the
        // agent is, the hub checks by the node name in its certificate (TlsContexts.hubClient).
        SecureRequestCustomizer customizer = new SecureRequestCustomizer();
        customizer.setSniHostCheck(false);
        https.addCustomizer(customizer);
        ServerConnector connector = new ServerConnector(server, new SslConnectionFactory(ssl, "http/1.1"),
                new HttpConnectionFactory(https));
        connector.setHost(host);
        connector.setPort(port);
        return connector;
    }

    private String hostForUri() {
        return host.contains(":") ? "[" + host + "]" : host;
    }

    private static boolean isLoopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
