package io.mcphub.hub;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcphub.core.Json;
import io.mcphub.hub.HubClientForTests.Answer;
import io.mcphub.hub.cluster.InstanceRecord;
import io.mcphub.hub.cluster.InstanceStatus;
import io.mcphub.hub.cluster.Instances;
import io.mcphub.hub.cluster.NodeRecord;
import io.mcphub.hub.cluster.Nodes;
import io.mcphub.hub.metrics.HubMetrics;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code GET /api/v1/metrics} of a real hub: who may scrape it, and what the hub's own meters show. */
class MetricsApiTest extends LiveHubTest {

    @Override
    String storeSpec() {
        return "embedded";
    }

    private String tokenWith(String permission) {
        Answer created = api.send("POST", "/api/v1/tokens", "{\"name\":\"t\",\"permissions\":[\"" + permission + "\"]}", "application/json");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("token").asText();
    }

    private String scrape() {
        Answer a = api.get("/api/v1/metrics");
        assertThat(a.status()).as(a.body()).isEqualTo(200);
        return a.body();
    }

    @Test
    void scrapingNeedsATokenThatGrantsReadMetrics() {
        Answer anonymous = new HubClientForTests(hub.url(), null).get("/api/v1/metrics");
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.contentType()).startsWith("application/problem+json");
        assertThat(anonymous.json().get("type").asText()).isEqualTo("urn:mcphub:problem:unauthorized");

        Answer lacking = new HubClientForTests(hub.url(), tokenWith("read:config")).get("/api/v1/metrics");
        assertThat(lacking.status()).isEqualTo(403);
        assertThat(lacking.contentType()).startsWith("application/problem+json");
        assertThat(lacking.json().get("detail").asText()).contains("lacks permission read:metrics");

        // a scraper's token: read:metrics and nothing else
        HubClientForTests prometheus = new HubClientForTests(hub.url(), tokenWith("read:metrics"));
        Answer scraped = prometheus.get("/api/v1/metrics");
        assertThat(scraped.status()).isEqualTo(200);
        assertThat(scraped.contentType()).isEqualTo(HubMetrics.CONTENT_TYPE);
        assertThat(scraped.body()).contains("# TYPE jvm_memory_used_bytes gauge", "process_uptime_seconds",
                "jvm_gc_", "jvm_threads_live_threads", "process_files_open_files");
        assertThat(prometheus.get("/api/v1/config").status()).isEqualTo(403);

        assertThat(api.get("/api/v1/metrics").status()).as("the admin has every permission").isEqualTo(200);
    }

    @Test
    void apiRequestsAreCountedByRouteTemplateNeverByTheirPath() {
        assertThat(api.put("/api/v1/config/docs/payment-s3cret", "{\"a\": 1}", "application/json").status()).isEqualTo(200);
        assertThat(api.get("/api/v1/config/docs/payment-s3cret").status()).isEqualTo(200);
        assertThat(api.get("/api/v1/config/docs/payment-s3cret").status()).isEqualTo(200);
        assertThat(api.get("/api/v1/config/docs/missing-s3cret").status()).isEqualTo(404);
        assertThat(api.get("/api/v1/no-such-route-s3cret").status()).isEqualTo(404);
        assertThat(new HubClientForTests(hub.url(), null).get("/api/v1/config/docs/payment-s3cret").status()).isEqualTo(401);

        String text = scrape();
        String requests = "mcphub_http_server_requests_seconds_count";
        assertThat(PrometheusText.value(text, requests, Map.of("method", "PUT", "route", "/api/v1/config/docs/<key>", "status", "200"))).isEqualTo(1);
        assertThat(PrometheusText.value(text, requests, Map.of("method", "GET", "route", "/api/v1/config/docs/<key>", "status", "200"))).isEqualTo(2);
        assertThat(PrometheusText.value(text, requests, Map.of("method", "GET", "route", "/api/v1/config/docs/<key>", "status", "404"))).isEqualTo(1);
        assertThat(PrometheusText.value(text, requests, Map.of("method", "GET", "route", "unmatched", "status", "404"))).isEqualTo(1);
        assertThat(PrometheusText.value(text, requests, Map.of("method", "GET", "status", "401"))).isEqualTo(1);
        assertThat(PrometheusText.value(text, "mcphub_http_server_requests_seconds_bucket",
                Map.of("method", "PUT", "route", "/api/v1/config/docs/<key>", "status", "200", "le", "+Inf"))).isEqualTo(1);
        assertThat(text).as("no path, document key or name of a request becomes a label").doesNotContain("s3cret");
    }

    @Test
    void configAppliedIsAPropagationHistogramByKey() {
        hub.metrics().configApplied("payment", Duration.ofMillis(42));
        hub.metrics().configApplied("payment", Duration.ofMillis(700));
        hub.metrics().configApplied("payment", Duration.ofMillis(-5)); // clocks apart: not a propagation time

        String text = scrape();
        Map<String, String> payment = Map.of("key", "payment");
        assertThat(PrometheusText.value(text, "mcphub_config_propagation_seconds_count", payment)).isEqualTo(2);
        assertThat(PrometheusText.value(text, "mcphub_config_propagation_seconds_sum", payment)).isCloseTo(0.742, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(PrometheusText.value(text, "mcphub_config_propagation_seconds_bucket", Map.of("key", "payment", "le", "0.05")))
                .as("50 ms, the propagation target, is a bucket bound").isEqualTo(1);
        assertThat(PrometheusText.value(text, "mcphub_config_propagation_seconds_bucket", Map.of("key", "payment", "le", "0.001"))).isZero();
        assertThat(PrometheusText.value(text, "mcphub_config_propagation_negative_total", Map.of())).isEqualTo(1);
    }

    @Test
    void gatewayToolCallsAreCountedByServiceAndOutcome() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> init = mcp(http, null, """
                {"jsonrpc": "2.0", "id": 0, "method": "initialize", "params": {"protocolVersion": "2025-06-18",
                 "capabilities": {}, "clientInfo": {"name": "metrics-test", "version": "1"}}}""");
        String session = init.headers().firstValue("Mcp-Session-Id").orElseThrow(() -> new AssertionError(init.statusCode() + " " + init.body()));
        mcp(http, session, "{\"jsonrpc\": \"2.0\", \"method\": \"notifications/initialized\"}");
        HttpResponse<String> call = mcp(http, session,
                "{\"jsonrpc\": \"2.0\", \"id\": 1, \"method\": \"tools/call\", \"params\": {\"name\": \"nosuch__tool\", \"arguments\": {}}}");
        assertThat(call.body()).contains("Unknown tool");

        // the gateway reports a call once its answer is on the way, so the count may trail the answer a little
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).ignoreExceptions().until(() -> PrometheusText.value(scrape(),
                "mcphub_gateway_tool_calls_seconds_count", Map.of("service", "_none", "outcome", "invalid")) == 1);
        String text = scrape();
        assertThat(PrometheusText.value(text, "mcphub_gateway_sessions", Map.of())).isEqualTo(1);
        assertThat(PrometheusText.value(text, "mcphub_http_server_requests_seconds_count", Map.of("method", "POST", "route", "/mcp", "status", "200")))
                .isGreaterThanOrEqualTo(2);
    }

    private HttpResponse<String> mcp(HttpClient http, String session, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(hub.url() + "/mcp")).POST(HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json").header("Accept", "application/json, text/event-stream")
                .header("Authorization", "Bearer " + hub.adminToken());
        if (session != null) {
            b.header("Mcp-Session-Id", session).header("Mcp-Protocol-Version", "2025-06-18");
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void clusterGaugesCountNodesAndInstancesByState() {
        Instant now = Instant.now();
        new Nodes(hub.store()).register(new NodeRecord("n1", Map.of(), null, null, null, now, now));
        hub.store().put(Nodes.PREFIX + "n2", Json.bytes(new NodeRecord("n2", Map.of(), null, null, null, now, now))); // no lease: down
        for (String id : new String[] {"i1", "i2", "i3"}) {
            hub.store().put(Instances.PREFIX + id, Json.bytes(new InstanceRecord(id, "demo", "svc", "n1", "process", "h", null, "test", now, 0)));
        }
        Instances instances = new Instances(hub.store());
        instances.report(new InstanceStatus("i1", "n1", "healthy", 1L, null, 0, null, "h", null, now));
        instances.report(new InstanceStatus("i2", "n1", "failed", null, null, 3, "exit 1", "h", null, now));

        String text = scrape();
        assertThat(PrometheusText.value(text, "mcphub_cluster_nodes", Map.of("state", "up"))).isEqualTo(1);
        assertThat(PrometheusText.value(text, "mcphub_cluster_nodes", Map.of("state", "down"))).isEqualTo(1);
        assertThat(PrometheusText.value(text, "mcphub_cluster_instances", Map.of("state", "healthy"))).isEqualTo(1);
        assertThat(PrometheusText.value(text, "mcphub_cluster_instances", Map.of("state", "failed"))).isEqualTo(1);
        assertThat(PrometheusText.value(text, "mcphub_cluster_instances", Map.of("state", "pending"))).isEqualTo(1);
        assertThat(PrometheusText.value(text, "mcphub_cluster_instances", Map.of("state", "unhealthy"))).isZero();
    }
}
