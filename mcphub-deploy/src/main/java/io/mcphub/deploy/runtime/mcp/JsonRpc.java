package io.mcphub.deploy.runtime.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** JSON-RPC 2.0 message shapes, as MCP uses them, for everyone who routes messages without the SDK. */
public final class JsonRpc {

    public static final int PARSE_ERROR = -32700;
    public static final int INVALID_REQUEST = -32600;
    public static final int METHOD_NOT_FOUND = -32601;
    public static final int INTERNAL_ERROR = -32603;
    /** MCP's "connection closed" and the SDKs' request timeout share the implementation-defined range. */
    public static final int CONNECTION_CLOSED = -32000;
    public static final int REQUEST_TIMEOUT = -32001;
    /** LSP's code for a request its sender cancelled; MCP defines none and says not to answer, but HTTP must. */
    public static final int REQUEST_CANCELLED = -32800;

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private JsonRpc() {}

    public enum Kind { REQUEST, NOTIFICATION, RESPONSE, INVALID }

    public static Kind kind(JsonNode message) {
        if (message == null || !message.isObject() || !"2.0".equals(message.path("jsonrpc").asText(null))) {
            return Kind.INVALID;
        }
        boolean hasId = message.hasNonNull("id");
        if (message.path("method").isTextual()) {
            return hasId ? Kind.REQUEST : Kind.NOTIFICATION;
        }
        if (hasId && (message.has("result") || message.has("error"))) {
            return Kind.RESPONSE;
        }
        return Kind.INVALID;
    }

    public static ObjectNode request(long id, String method, JsonNode params) {
        ObjectNode message = NODES.objectNode().put("jsonrpc", "2.0").put("id", id).put("method", method);
        if (params != null) {
            message.set("params", params);
        }
        return message;
    }

    public static ObjectNode notification(String method, JsonNode params) {
        ObjectNode message = NODES.objectNode().put("jsonrpc", "2.0").put("method", method);
        if (params != null) {
            message.set("params", params);
        }
        return message;
    }

    public static ObjectNode result(JsonNode id, JsonNode result) {
        ObjectNode message = NODES.objectNode().put("jsonrpc", "2.0");
        message.set("id", id);
        message.set("result", result);
        return message;
    }

    public static ObjectNode error(JsonNode id, int code, String text) {
        ObjectNode message = NODES.objectNode().put("jsonrpc", "2.0");
        message.set("id", id == null ? NullNode.getInstance() : id);
        message.putObject("error").put("code", code).put("message", text);
        return message;
    }

    /**
     * A key that tells ids apart the way JSON-RPC does: {@code 1} and {@code "1"} are different ids, and
     * {@code 1} and {@code 1.0} are not worth telling apart.
     */
    public static String idKey(JsonNode id) {
        return id.isNumber() ? "n:" + id.decimalValue().stripTrailingZeros().toPlainString() : "s:" + id.asText();
    }

    /** A copy of the message carrying another id (the original stays untouched for whoever else holds it). */
    public static ObjectNode withId(ObjectNode message, JsonNode id) {
        ObjectNode copy = message.deepCopy();
        copy.set("id", id);
        return copy;
    }
}
