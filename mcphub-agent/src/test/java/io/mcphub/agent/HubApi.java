package io.mcphub.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mcphub.core.Json;
import io.mcphub.hub.Hub;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The hub's REST API as the agent tests call it: as the admin, asserting success. */
record HubApi(Hub hub, HttpClient http) {

    /** A stack goes to {@code apply} as YAML, everything else as JSON. */
    JsonNode call(String method, String path, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(hub.url() + path)).header("Authorization", "Bearer " + hub.adminToken())
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", path.contains("apply") ? "application/yaml" : "application/json");
        }
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(method + " " + path + ": " + r.body()).isLessThan(300);
        return Json.tree(r.body().getBytes(StandardCharsets.UTF_8));
    }

    /** Every instance of every service, as {@code GET /api/v1/services} lists them. */
    List<JsonNode> instances() throws Exception {
        List<JsonNode> all = new ArrayList<>();
        call("GET", "/api/v1/services", null).forEach(s -> s.path("instances").forEach(all::add));
        return all;
    }
}
