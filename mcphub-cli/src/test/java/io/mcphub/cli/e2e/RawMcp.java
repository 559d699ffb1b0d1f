package io.mcphub.cli.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.mcphub.cli.common.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A bare Streamable HTTP MCP client for what real clients will not send (a call of a tool they were not shown):
 * initialize once, then one JSON-RPC request per POST, reading a JSON or an event-stream answer.
 */
final class RawMcp {
    private static final String INIT = """
            {"jsonrpc": "2.0", "id": 0, "method": "initialize", "params": {"protocolVersion": "2025-06-18",
             "capabilities": {}, "clientInfo": {"name": "raw-test", "version": "1"}}}""";

    private final HttpClient http = HttpClient.newHttpClient();
    private final String url;
    private final String token;
    private final AtomicInteger ids = new AtomicInteger();
    private String session;

    private RawMcp(String url, String token) {
        this.url = url;
        this.token = token;
    }

    static RawMcp open(String url, String token) throws Exception {
        RawMcp mcp = new RawMcp(url, token);
        HttpResponse<String> init = mcp.post(INIT);
        mcp.session = init.headers().firstValue("Mcp-Session-Id").orElseThrow(() -> new AssertionError(
                "initialize answered " + init.statusCode() + " without a session: " + init.body()));
        mcp.post("{\"jsonrpc\": \"2.0\", \"method\": \"notifications/initialized\"}");
        return mcp;
    }

    static int status(String url, String token) throws Exception {
        return new RawMcp(url, token).post(INIT).statusCode();
    }

    JsonNode call(String method, String paramsJson) throws Exception {
        HttpResponse<String> r = post("{\"jsonrpc\": \"2.0\", \"id\": " + ids.incrementAndGet() + ", \"method\": \"" + method
                + "\", \"params\": " + paramsJson + "}");
        String body = r.body();
        if (r.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream")) {
            // the answer is the last data line of the stream (progress notifications may come before it)
            String data = null;
            for (String line : body.split("\n")) {
                if (line.startsWith("data:")) {
                    data = line.substring(5).trim();
                }
            }
            body = data;
        }
        return Json.JSON.readTree(body);
    }

    private HttpResponse<String> post(String body) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).POST(HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json").header("Accept", "application/json, text/event-stream");
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        if (session != null) {
            b.header("Mcp-Session-Id", session).header("Mcp-Protocol-Version", "2025-06-18");
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
