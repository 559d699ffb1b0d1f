package io.mcphub.deploy.runtime.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mcphub.deploy.runtime.McpChannelException;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The MCP lifecycle's first step, done once per process by the supervisor: {@code initialize}, then
 * {@code notifications/initialized}. Every bridge session later reuses the result.
 *
 * <p>The agent declares no client capabilities (no sampling, roots or elicitation): the process is shared by
 * every session, and a server that believed one client could answer such requests would ask all of them.
 */
public final class McpHandshake {

    public static final String PROTOCOL_VERSION = "2025-06-18";
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private McpHandshake() {}

    /** Returns the server's {@code InitializeResult}. */
    public static ObjectNode perform(StdioConnection connection, Duration timeout) {
        ObjectNode params = NODES.objectNode().put("protocolVersion", PROTOCOL_VERSION);
        params.putObject("capabilities");
        params.putObject("clientInfo").put("name", "mcphub-agent").put("version", version());
        ObjectNode response;
        try {
            response = connection.call(JsonRpc.request(0, "initialize", params)).response()
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new McpChannelException("the MCP server did not answer initialize within " + timeout.toSeconds()
                    + " s; is it an MCP server speaking stdio?");
        } catch (ExecutionException e) {
            throw new McpChannelException("initialize failed: " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new McpChannelException("interrupted during initialize");
        }
        JsonNode result = response.get("result");
        if (result == null || !result.isObject()) {
            throw new McpChannelException("the MCP server refused initialize: "
                    + response.path("error").path("message").asText("no result"));
        }
        connection.send(JsonRpc.notification("notifications/initialized", null));
        return (ObjectNode) result;
    }

    private static String version() {
        String version = McpHandshake.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }
}
