package io.mcphub.hub.agents;

import io.mcphub.core.error.ProblemException;
import io.mcphub.core.error.ProblemType;
import io.mcphub.hub.cluster.NodeRecord;
import io.mcphub.hub.cluster.Nodes;
import io.mcphub.security.pki.CertificateAuthority;
import io.mcphub.security.pki.Revocations;
import io.mcphub.security.pki.TlsContexts;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLContext;

/**
 * The hub's way to each node's agent listener (the bridge: instances' MCP and logs), over mutual TLS. One HTTP
 * client per node, because each trusts that node's certificate only: a node cannot answer for another.
 */
public final class AgentLinks implements AutoCloseable {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

    private final io.mcphub.security.pki.RenewingIdentity hub;
    private final CertificateAuthority ca;
    private final Revocations revocations;
    private final Nodes nodes;
    private final Map<String, HttpClient> clients = new ConcurrentHashMap<>();
    private final Route route;

    /** Where the hub dials a node's listener, given the address the node reported. */
    @FunctionalInterface
    public interface Route {
        /** @param reported the listener's base URL as the node's heartbeat gave it */
        URI of(String node, URI reported);
    }

    public AgentLinks(io.mcphub.security.pki.RenewingIdentity hub, CertificateAuthority ca, Revocations revocations, Nodes nodes) {
        this(hub, ca, revocations, nodes, (node, reported) -> reported);
    }

    /** @param route for nodes the hub reaches another way than the address they report (SSH nodes: a local forward) */
    public AgentLinks(io.mcphub.security.pki.RenewingIdentity hub, CertificateAuthority ca, Revocations revocations, Nodes nodes, Route route) {
        this.hub = hub;
        this.ca = ca;
        this.revocations = revocations;
        this.nodes = nodes;
        this.route = route;
    }

    /** A node's link: where its listener is and the client that may talk to it. */
    public record Link(String node, URI base, HttpClient client) {
        public URI resolve(String pathAndQuery) {
            return base.resolve(pathAndQuery);
        }
    }

    /** The TLS towards one node's listener: the hub's certificate, trusting that node's and no other. */
    public SSLContext sslContext(String node) {
        return TlsContexts.hubClient(hub, ca, revocations, node);
    }

    public Link to(String node) {
        NodeRecord record = nodes.require(node);
        if (record.bridgeUrl() == null) {
            throw new ProblemException(ProblemType.NODE_UNREACHABLE, "node " + node + " has not reported its listener yet;"
                    + " wait for its next heartbeat or check 'mcphub node describe " + node + "'");
        }
        HttpClient client = clients.computeIfAbsent(node, n -> HttpClient.newBuilder()
                .sslContext(sslContext(n))
                .connectTimeout(CONNECT_TIMEOUT)
                .build());
        return new Link(node, base(record).orElseThrow(), client);
    }

    /**
     * Where the hub dials a node's listener: the address it reported, or the hub's own way to it (an SSH node's
     * local forward). Empty until the node has reported one.
     */
    public java.util.Optional<URI> base(NodeRecord record) {
        if (record.bridgeUrl() == null) {
            return java.util.Optional.empty();
        }
        String url = record.bridgeUrl().endsWith("/") ? record.bridgeUrl() : record.bridgeUrl() + "/";
        return java.util.Optional.ofNullable(route.of(record.name(), URI.create(url)));
    }

    @Override
    public void close() {
        clients.values().forEach(HttpClient::close);
        clients.clear();
    }
}
