package io.mcphub.gateway.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mcphub.deploy.runtime.mcp.JsonRpc;

/**
 * The gateway's JSON-RPC error codes, beyond JSON-RPC's own and those {@link JsonRpc} shares with the bridge.
 * Implementation-defined codes live in -32000..-32099; each carries {@code data} a program can act on.
 */
public final class Rpc {

    public static final int INVALID_PARAMS = -32602;
    /** The caller lacks a permission; {@code data.permission} names it. */
    public static final int FORBIDDEN = -32003;
    /** The {@link io.mcphub.gateway.RateLimiter} refused; {@code data.retryAfterMs} says when to retry. */
    public static final int RATE_LIMITED = -32029;
    /** No healthy instance of the service could take the request; {@code data.service} names it. */
    public static final int UNAVAILABLE = JsonRpc.CONNECTION_CLOSED;

    private Rpc() {}

    public static ObjectNode error(JsonNode id, int code, String message, JsonNode data) {
        ObjectNode error = JsonRpc.error(id, code, message);
        if (data != null) {
            ((ObjectNode) error.get("error")).set("data", data);
        }
        return error;
    }
}
