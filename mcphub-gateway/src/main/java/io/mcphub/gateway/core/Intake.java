package io.mcphub.gateway.core;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.mcphub.core.Json;
import io.mcphub.deploy.runtime.mcp.JsonRpc;
import io.mcphub.gateway.Caller;
import io.mcphub.gateway.GatewayAuth;
import io.mcphub.gateway.GatewayOptions;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What every gateway request goes through before its messages are looked at: the Origin check, bearer
 * authentication, and reading the body within the size limit as JSON-RPC. Each step answers the HTTP request
 * itself when it refuses, and the caller stops.
 */
final class Intake {

    private static final String BEARER = "bearer ";

    private final GatewayAuth auth;
    private final GatewayOptions options;

    Intake(GatewayAuth auth, GatewayOptions options) {
        this.auth = auth;
        this.options = options;
    }

    /** The request's caller, or null once 401 or 403 was sent. */
    Caller admit(Context ctx) {
        String origin = ctx.header("Origin");
        if (origin != null && !options.allowedOrigins().contains(origin)) {
            reject(ctx, 403, JsonRpc.CONNECTION_CLOSED, "Forbidden: origin " + origin + " may not use this MCP endpoint");
            return null;
        }
        String header = ctx.header("Authorization");
        if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())
                || header.substring(BEARER.length()).isBlank()) {
            unauthorized(ctx, "send Authorization: Bearer TOKEN with a token of the hub ('mcphub token create')");
            return null;
        }
        try {
            return auth.authenticate(header.substring(BEARER.length()).trim());
        } catch (GatewayAuth.Refused e) {
            unauthorized(ctx, e.getMessage());
            return null;
        }
    }

    private static void unauthorized(Context ctx, String why) {
        ctx.header("WWW-Authenticate", "Bearer realm=\"mcphub\", error=\"invalid_token\"");
        reject(ctx, 401, JsonRpc.CONNECTION_CLOSED, "Unauthorized: " + why);
    }

    /** The parsed messages of a POST, or null once the refusal was sent. */
    Messages messages(Context ctx) throws IOException {
        String contentType = ctx.header("Content-Type");
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("application/json")) {
            reject(ctx, 415, JsonRpc.CONNECTION_CLOSED, "Unsupported Media Type: POST a JSON-RPC message as application/json");
            return null;
        }
        byte[] body = body(ctx);
        if (body == null) {
            return null;
        }
        JsonNode tree;
        try {
            tree = Json.JSON.readTree(body);
        } catch (JsonProcessingException e) {
            reject(ctx, 400, JsonRpc.PARSE_ERROR, "Parse error: the body is not JSON (" + e.getOriginalMessage()
                    + " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")");
            return null;
        }
        List<ObjectNode> messages = new ArrayList<>();
        if (tree != null && tree.isArray()) {
            tree.forEach(m -> messages.add(JsonRpc.kind(m) == JsonRpc.Kind.INVALID ? null : (ObjectNode) m));
        } else if (JsonRpc.kind(tree) != JsonRpc.Kind.INVALID) {
            messages.add((ObjectNode) tree);
        }
        if (messages.isEmpty() || messages.contains(null)) {
            reject(ctx, 400, JsonRpc.INVALID_REQUEST, "Invalid Request: POST one JSON-RPC 2.0 message (an object with"
                    + " \"jsonrpc\": \"2.0\" and a string \"method\", or a response with \"id\" and \"result\" or \"error\"),"
                    + " or a non-empty array of them");
            return null;
        }
        return new Messages(messages, tree.isArray());
    }

    record Messages(List<ObjectNode> list, boolean batch) {
        ObjectNode initialize() {
            return list.stream().filter(m -> JsonRpc.kind(m) == JsonRpc.Kind.REQUEST
                    && "initialize".equals(m.path("method").asText())).findFirst().orElse(null);
        }
    }

    /**
     * How much of a refused body is read and dropped before the 413: a client still sending when the server answers
     * and closes gets a reset instead of the answer (what nginx's "discard body" avoids); beyond this, it does.
     */
    private static final long DISCARD_AT_MOST = 8L * 1024 * 1024;

    /** The body, or null once 413 was sent; read by hand so the limit is the gateway's, whatever server hosts it. */
    private byte[] body(Context ctx) throws IOException {
        long limit = options.maxBodyBytes();
        long declared = ctx.req().getContentLengthLong();
        try (InputStream in = ctx.req().getInputStream()) {
            if (declared > limit) {
                discard(in);
                tooLarge(ctx, limit);
                return null;
            }
            byte[] body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
            if (body.length > limit) {
                discard(in);
                tooLarge(ctx, limit);
                return null;
            }
            return body;
        }
    }

    private static void discard(InputStream in) throws IOException {
        long left = DISCARD_AT_MOST;
        long skipped;
        while (left > 0 && (skipped = in.skip(left)) > 0) {
            left -= skipped;
        }
    }

    private static void tooLarge(Context ctx, long limit) {
        reject(ctx, 413, JsonRpc.INVALID_REQUEST, "Payload Too Large: a message may have at most " + limit
                + " bytes; send smaller arguments (large content belongs in a resource)");
    }

    static void reject(Context ctx, int status, int code, String message) {
        ctx.status(status).contentType("application/json").result(Json.bytes(JsonRpc.error(null, code, message)));
    }
}
