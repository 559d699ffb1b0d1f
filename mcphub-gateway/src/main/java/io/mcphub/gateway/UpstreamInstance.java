package io.mcphub.gateway;

import java.net.URI;
import java.util.Objects;

/**
 * One running instance of an MCP service, as the gateway reaches it.
 *
 * @param id unique across the cluster (the hub's instance id)
 * @param node the node it runs on; {@link DownstreamTls} picks the client certificate and trust by node
 * @param endpoint its Streamable HTTP address: the agent bridge's {@code /instances/{id}/mcp} for stdio servers,
 *                 the server's own URL for streamable-http ones
 * @param healthy whether calls may go there; unhealthy instances are kept out of routing
 */
public record UpstreamInstance(String id, String node, URI endpoint, boolean healthy) {

    public UpstreamInstance {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(endpoint, "endpoint");
    }
}
