package io.mcphub.hub;

import com.fasterxml.jackson.databind.JsonNode;
import io.mcphub.core.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/** A raw HTTP view of the hub, so tests see exactly what curl would. */
record HubClientForTests(String url, String token) {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    record Answer(int status, String contentType, String body) {
        JsonNode json() {
            return Json.tree(body.getBytes(StandardCharsets.UTF_8));
        }
    }

    Answer send(String method, String path, String body, String contentType) {
        return send(method, path, body, contentType, token);
    }

    Answer send(String method, String path, String body, String contentType, String bearer) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (bearer != null) {
            b.header("Authorization", "Bearer " + bearer);
        }
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        try {
            HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), r.body());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    Answer get(String path) {
        return send("GET", path, null, null);
    }

    Answer put(String path, String body, String contentType) {
        return send("PUT", path, body, contentType);
    }
}
