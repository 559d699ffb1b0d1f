package io.mcphub.bench.gateway;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * One MCP client session over Streamable HTTP, as a simple client holds it: {@code initialize} and
 * {@code notifications/initialized} once, then {@code tools/call} of one tool, each POST answered before the next
 * (a session is used by one thread at a time). The same request bytes go to both paths but for the tool name.
 */
final class McpSession {

    static final String PROTOCOL_VERSION = "2025-06-18";
    static final String MESSAGE = "bench";
    private static final String EXPECTED = "Echo: " + MESSAGE;

    private final HttpClient http;
    private final URI endpoint;
    private final String tool;
    private final String token;
    private final String sessionId;
    private long nextId = 1;

    McpSession(HttpClient http, URI endpoint, String tool, String token) throws IOException, InterruptedException {
        this.http = http;
        this.endpoint = endpoint;
        this.tool = tool;
        this.token = token;
        HttpResponse<String> init = http.send(post(null, "{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"initialize\","
                + "\"params\":{\"protocolVersion\":\"" + PROTOCOL_VERSION + "\",\"capabilities\":{},"
                + "\"clientInfo\":{\"name\":\"mcphub-bench\",\"version\":\"1\"}}}"), HttpResponse.BodyHandlers.ofString());
        this.sessionId = init.headers().firstValue("Mcp-Session-Id").orElseThrow(() -> new IllegalStateException(
                "initialize at " + endpoint + " gave no session: HTTP " + init.statusCode() + " " + init.body()));
        HttpResponse<Void> initialized = http.send(post(sessionId,
                "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}"), HttpResponse.BodyHandlers.discarding());
        if (initialized.statusCode() / 100 != 2) {
            throw new IllegalStateException("notifications/initialized at " + endpoint + ": HTTP " + initialized.statusCode());
        }
    }

    /** One {@code tools/call}, checked; returns how long it took in nanoseconds. */
    long call() throws IOException, InterruptedException {
        long id = nextId++;
        HttpRequest request = post(sessionId, "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"tools/call\","
                + "\"params\":{\"name\":\"" + tool + "\",\"arguments\":{\"message\":\"" + MESSAGE + "\"}}}");
        long start = System.nanoTime();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        long took = System.nanoTime() - start;
        if (response.statusCode() != 200 || !response.body().contains(EXPECTED)) {
            throw new IllegalStateException("tools/call " + tool + " at " + endpoint + ": HTTP " + response.statusCode()
                    + " " + response.body());
        }
        return took;
    }

    /** How a {@code tools/call} is answered on the wire: content type, length or chunking, body size. */
    String answerShape() throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(post(sessionId, "{\"jsonrpc\":\"2.0\",\"id\":" + nextId++
                + ",\"method\":\"tools/call\",\"params\":{\"name\":\"" + tool + "\",\"arguments\":{\"message\":\""
                + MESSAGE + "\"}}}"), HttpResponse.BodyHandlers.ofString());
        return "HTTP " + response.statusCode() + ", " + response.headers().firstValue("Content-Type").orElse("no type")
                + ", " + response.headers().firstValue("Content-Length").map(l -> "Content-Length " + l)
                        .orElse(response.headers().firstValue("Transfer-Encoding").orElse("no length"))
                + ", " + response.body().length() + " chars";
    }

    private HttpRequest post(String session, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream")
                .header("Authorization", "Bearer " + token);
        if (session != null) {
            request.header("Mcp-Session-Id", session).header("Mcp-Protocol-Version", PROTOCOL_VERSION);
        }
        return request.build();
    }
}
