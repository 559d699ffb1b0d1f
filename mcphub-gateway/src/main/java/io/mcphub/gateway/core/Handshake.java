package io.mcphub.gateway.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mcphub.deploy.runtime.mcp.JsonRpc;
import io.mcphub.gateway.Caller;
import io.mcphub.gateway.UpstreamService;
import io.mcphub.gateway.downstream.Hello;
import java.util.List;
import java.util.Optional;

/** The gateway's side of {@code initialize}, for both transports: which endpoint exists, which version, which capabilities. */
final class Handshake {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** What a client may ask servers to use of it; the gateway relays all three. */
    private static final List<String> RELAYED_CAPABILITIES = List.of("sampling", "elicitation", "roots");

    /** The gateway's version, as the jar's manifest says; "dev" when run from classes. */
    static final String VERSION = Optional.ofNullable(Handshake.class.getPackage().getImplementationVersion()).orElse("dev");

    private final Catalog catalog;
    private final ObjectNode serverInfo;

    Handshake(Catalog catalog) {
        this.catalog = catalog;
        this.serverInfo = NODES.objectNode().put("name", "mcphub-gateway").put("version", VERSION);
    }

    /** Why the endpoint does not exist for this caller, or null when it does. */
    String unknownScope(Scope scope, Caller caller) {
        List<String> usable = catalog.upstreams().values().stream().map(UpstreamService::name).filter(caller::mayUse).toList();
        return switch (scope) {
            case Scope.All all -> null;
            case Scope.Service service -> usable.contains(service.name()) ? null
                    : "Unknown MCP service: " + service.name() + Suggest.hint(service.name(), usable);
            case Scope.Group group -> catalog.upstreams().values().stream()
                    .anyMatch(s -> s.groups().contains(group.name()) && caller.mayUse(s.name())) ? null
                    : "Unknown group: " + group.name() + "; no MCP service you may use belongs to it";
        };
    }

    /** Agrees on the version with the client and answers its {@code initialize}. */
    ObjectNode accept(GatewaySession session, ObjectNode request) {
        JsonNode params = request.path("params");
        JsonNode requested = params.path("protocolVersion");
        if (!requested.isTextual()) {
            return JsonRpc.error(request.get("id"), Rpc.INVALID_PARAMS, "Invalid params: initialize needs"
                    + " params.protocolVersion, e.g. \"" + Versions.LATEST + "\"");
        }
        String version = Versions.negotiate(requested.asText());
        ObjectNode relayed = NODES.objectNode();
        for (String capability : RELAYED_CAPABILITIES) {
            JsonNode value = params.path("capabilities").get(capability);
            if (value != null) {
                relayed.set(capability, value);
            }
        }
        JsonNode clientInfo = params.path("clientInfo");
        session.initialized(version, new Hello(version, relayed,
                clientInfo.isObject() ? (ObjectNode) clientInfo : NODES.objectNode().put("name", "unknown").put("version", "0")));
        ObjectNode result = NODES.objectNode().put("protocolVersion", version);
        ObjectNode capabilities = result.putObject("capabilities");
        capabilities.putObject("tools").put("listChanged", true);
        capabilities.putObject("prompts").put("listChanged", true);
        capabilities.putObject("resources").put("subscribe", true).put("listChanged", true);
        capabilities.putObject("logging");
        capabilities.putObject("completions");
        result.set("serverInfo", serverInfo);
        result.put("instructions", "MCP Hub gateway: " + describe(session.scope));
        return JsonRpc.result(request.get("id"), result);
    }

    private String naming() {
        return "names are SERVICE" + catalog.names().separator() + "NAME, resource URIs " + Names.URI_PREFIX + "SERVICE/URI.";
    }

    private String describe(Scope scope) {
        return switch (scope) {
            case Scope.Service service -> "the tools, prompts and resources of MCP service " + service.name() + ".";
            case Scope.Group group -> "the MCP services of group " + group.name() + "; " + naming();
            case Scope.All all -> "every MCP service you may use; " + naming();
        };
    }
}
