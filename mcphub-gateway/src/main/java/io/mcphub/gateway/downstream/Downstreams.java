package io.mcphub.gateway.downstream;

import io.mcphub.gateway.DownstreamTls;
import io.mcphub.gateway.GatewayOptions;
import io.mcphub.gateway.UpstreamInstance;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Opens sessions to instances. One HTTP client per node, because each trusts that node's certificate only (see
 * {@link DownstreamTls}); its connection pool is shared by every session to the node's instances.
 */
public final class Downstreams implements AutoCloseable {

    private static final String PLAIN = "\0plain";

    private final DownstreamTls tls;
    private final GatewayOptions options;
    private final Map<String, Http1> clients = new ConcurrentHashMap<>();

    public Downstreams(DownstreamTls tls, GatewayOptions options) {
        this.tls = tls;
        this.options = options;
    }

    /** A session that initializes itself on first use; {@code listener} hears what the server sends on its own. */
    public DownstreamSession open(UpstreamInstance instance, Hello hello, DownstreamSession.Listener listener) {
        return new DownstreamSession(instance, client(instance), options, hello, listener);
    }

    private Http1 client(UpstreamInstance instance) {
        boolean https = "https".equalsIgnoreCase(instance.endpoint().getScheme());
        String node = instance.node() == null ? "" : instance.node();
        return clients.computeIfAbsent(https ? node : PLAIN,
                key -> new Http1(https ? tls.forNode(node) : null, options.connectTimeout()));
    }

    @Override
    public void close() {
        clients.values().forEach(Http1::close);
        clients.clear();
    }
}
