package io.mcphub.deploy.bridge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mcphub.core.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.stream.Stream;

/**
 * A Streamable HTTP client as the MCP spec describes one, written for tests from the spec's own words: POST with
 * both media types accepted, the session id echoed, event streams parsed line by line. Public for the gateway's
 * tests, which speak the same transport to the gateway.
 */
public final class McpHttpClient implements AutoCloseable {

    public static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final HttpClient http;
    private final URI endpoint;
    private final Map<String, String> headers;
    private String sessionId;

    public McpHttpClient(URI endpoint) {
        this(endpoint, HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build());
    }

    public McpHttpClient(URI endpoint, HttpClient http) {
        this(endpoint, http, Map.of());
    }

    /** @param headers sent with every request, e.g. {@code Authorization} */
    public McpHttpClient(URI endpoint, HttpClient http, Map<String, String> headers) {
        this.endpoint = endpoint;
        this.http = http;
        this.headers = Map.copyOf(headers);
    }

    /** A response: status, headers of interest, and every JSON-RPC message in the body (one for JSON, n for SSE). */
    public record Reply(int status, String contentType, String sessionId, List<JsonNode> messages) {
        public JsonNode only() {
            if (messages.size() != 1) {
                throw new AssertionError("expected one message, got " + messages);
            }
            return messages.getFirst();
        }

        public JsonNode last() {
            return messages.getLast();
        }
    }

    public static ObjectNode request(Object id, String method, JsonNode params) {
        ObjectNode message = NODES.objectNode().put("jsonrpc", "2.0").put("method", method);
        message.set("id", Json.JSON.valueToTree(id));
        if (params != null) {
            message.set("params", params);
        }
        return message;
    }

    public static ObjectNode toolCall(Object id, String tool, Map<String, ?> arguments) {
        ObjectNode params = NODES.objectNode().put("name", tool);
        params.set("arguments", Json.JSON.valueToTree(arguments));
        return request(id, "tools/call", params);
    }

    public JsonNode initialize() {
        ObjectNode params = NODES.objectNode().put("protocolVersion", "2025-06-18");
        params.putObject("capabilities");
        params.putObject("clientInfo").put("name", "bridge-test").put("version", "1");
        Reply reply = post(request(0, "initialize", params));
        if (reply.status() != 200 || reply.sessionId() == null) {
            throw new AssertionError("initialize failed: " + reply);
        }
        sessionId = reply.sessionId();
        post(NODES.objectNode().put("jsonrpc", "2.0").put("method", "notifications/initialized"));
        return reply.only().get("result");
    }

    public String sessionId() {
        return sessionId;
    }

    public void sessionId(String sessionId) {
        this.sessionId = sessionId;
    }

    public Reply post(JsonNode body) {
        return post(Json.write(body), "application/json", "application/json, text/event-stream", Map.of());
    }

    public Reply post(String body, String contentType, String accept, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint).POST(HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", contentType);
        if (accept != null) {
            request.header("Accept", accept);
        }
        return send(request, headers);
    }

    public Reply delete() {
        return send(HttpRequest.newBuilder(endpoint).DELETE(), Map.of());
    }

    public Reply get(String accept) {
        return send(HttpRequest.newBuilder(endpoint).GET().header("Accept", accept), Map.of());
    }

    /** Opens the session's GET stream; its messages arrive in the returned queue until the stream ends. */
    public EventStream stream() throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint).GET().header("Accept", "text/event-stream");
        withSession(request, Map.of());
        HttpResponse<Stream<String>> response = http.send(request.build(), HttpResponse.BodyHandlers.ofLines());
        EventStream stream = new EventStream(response.statusCode(), new LinkedBlockingQueue<>());
        Thread.ofVirtual().start(() -> {
            try (var lines = response.body()) {
                lines.filter(l -> l.startsWith("data:")).map(l -> Json.tree(l.substring(5).trim().getBytes()))
                        .forEach(stream.messages()::add);
            } catch (UncheckedIOException e) {
                // the stream was cut
            }
            stream.messages().add(END);
        });
        return stream;
    }

    /** Marks the end of a GET stream in its queue. */
    public static final JsonNode END = NODES.textNode("<end of stream>");

    public record EventStream(int status, BlockingQueue<JsonNode> messages) {}

    private Reply send(HttpRequest.Builder request, Map<String, String> headers) {
        withSession(request, headers);
        try {
            HttpResponse<Stream<String>> response = http.send(request.build(), HttpResponse.BodyHandlers.ofLines());
            String contentType = response.headers().firstValue("Content-Type").orElse("");
            List<JsonNode> messages = new ArrayList<>();
            try (var lines = response.body()) {
                if (contentType.startsWith("text/event-stream")) {
                    lines.filter(l -> l.startsWith("data:")).forEach(l -> messages.add(Json.tree(l.substring(5).trim().getBytes())));
                } else {
                    String body = String.join("\n", lines.toList());
                    if (!body.isBlank()) {
                        JsonNode node = Json.tree(body.getBytes());
                        if (node.isArray()) {
                            node.forEach(messages::add);
                        } else {
                            messages.add(node);
                        }
                    }
                }
            }
            return new Reply(response.statusCode(), contentType,
                    response.headers().firstValue("Mcp-Session-Id").orElse(null), messages);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void withSession(HttpRequest.Builder request, Map<String, String> headers) {
        this.headers.forEach(request::setHeader);
        if (sessionId != null) {
            request.header("Mcp-Session-Id", sessionId);
            request.header("Mcp-Protocol-Version", "2025-06-18");
        }
        headers.forEach(request::setHeader);
    }

    /** Cuts open streams too: {@link HttpClient#close()} would wait for them to end. */
    @Override
    public void close() {
        http.shutdownNow();
    }
}
