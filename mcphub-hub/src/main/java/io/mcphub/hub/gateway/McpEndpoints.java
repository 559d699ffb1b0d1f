package io.mcphub.hub.gateway;

import io.mcphub.core.stack.ServiceSpec;
import io.mcphub.core.stack.Transport;
import io.mcphub.hub.cluster.InstanceRecord;
import io.mcphub.hub.cluster.InstanceStatus;
import java.net.URI;
import java.util.Optional;

/** Where an instance speaks Streamable HTTP: the gateway routes there, and the hub sends it log levels there. */
public final class McpEndpoints {

    private McpEndpoints() {}

    /**
     * A stdio server through its node's bridge (mutual TLS); an HTTP server at its port on the node's address. Empty
     * while an HTTP server has no port yet, and for legacy SSE servers, which the gateway does not speak to.
     */
    public static Optional<URI> of(ServiceSpec spec, InstanceRecord i, InstanceStatus status, URI bridge) {
        if (spec.transport() == null || spec.transport() == Transport.STDIO) {
            return Optional.of(bridge.resolve("/instances/" + i.id() + "/mcp"));
        }
        if (spec.transport() == Transport.SSE || status == null || status.port() == null) {
            return Optional.empty();
        }
        String path = spec.path() == null ? spec.transport().defaultPath() : spec.path();
        return Optional.of(URI.create("http://" + bridge.getHost() + ":" + status.port() + path));
    }
}
