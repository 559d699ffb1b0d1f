package io.mcphub.gateway.downstream;

import io.mcphub.gateway.DownstreamTls;
import io.mcphub.gateway.GatewayOptions;
import io.mcphub.gateway.UpstreamInstance;
import java.net.http.HttpClient;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;

/**
 * Opens sessions to instances. One HTTP client per node, because each trusts that node's certificate only (see
 * {@link DownstreamTls}); its connection pool is shared by every session to the node's instances.
 */
public final class Downstreams implements AutoCloseable {

    private static final String PLAIN = "\0plain";
    /** The HTTP clients' own tasks run on virtual threads: cheaper hand-offs than their default platform pool. */
    private static final Executor EXECUTOR = Executors.newVirtualThreadPerTaskExecutor();

    private final DownstreamTls tls;
    private final GatewayOptions options;
    private final Map<String, HttpClient> clients = new ConcurrentHashMap<>();

    public Downstreams(DownstreamTls tls, GatewayOptions options) {
        this.tls = tls;
        this.options = options;
    }

    /** A session that initializes itself on first use; {@code listener} hears what the server sends on its own. */
    public DownstreamSession open(UpstreamInstance instance, Hello hello, DownstreamSession.Listener listener) {
        return new DownstreamSession(instance, client(instance), options, hello, listener);
    }

    private HttpClient client(UpstreamInstance instance) {
        boolean https = "https".equalsIgnoreCase(instance.endpoint().getScheme());
        String node = instance.node() == null ? "" : instance.node();
        return clients.computeIfAbsent(https ? node : PLAIN, key -> {
            HttpClient.Builder builder = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .executor(EXECUTOR)
                    .connectTimeout(options.connectTimeout()).followRedirects(HttpClient.Redirect.NEVER);
            if (https) {
                Optional.ofNullable(tls.forNode(node)).ifPresent(builder::sslContext);
            }
            return builder.build();
        });
    }

    @Override
    public void close() {
        clients.values().forEach(HttpClient::shutdownNow);
        clients.clear();
    }
}
