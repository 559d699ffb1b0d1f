package io.mcphub.hub;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mcphub.core.Json;
import io.mcphub.hub.SseStream.Event;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** GET /api/v1/watch as curl -N sees it, on a real hub; subclasses pick the store. */
abstract class WatchApiContract extends LiveHubTest {

    static final Duration WAIT = Duration.ofSeconds(10);
    static final Duration QUIET = Duration.ofMillis(500);

    String watchUrl(String query) {
        return hub.url() + "/api/v1/watch?" + query;
    }

    long publish(String key, String json) {
        HubClientForTests.Answer a = api.put("/api/v1/config/docs/" + key, json, "application/json");
        assertThat(a.status()).as(a.body()).isEqualTo(200);
        return a.json().get("version").asLong();
    }

    static String keyAndVersion(Event e) {
        return e.json().get("key").asText() + "@" + e.json().get("version").asLong();
    }

    @Test
    void streamsEachNewVersionUnderThePrefixInRevisionOrderWithoutContent() throws Exception {
        try (SseStream watch = SseStream.open(watchUrl("prefix=payment&fromRevision=0"), hub.adminToken())) {
            assertThat(watch.status()).isEqualTo(200);
            assertThat(watch.response.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
            long startedAfter = Long.parseLong(watch.response.headers().firstValue("MCPHub-Revision").orElseThrow());
            publish("payment", "{\"fee\": 1, \"apiKey\": \"secret://sk-live-1234\"}");
            publish("orders", "{\"n\": 1}");
            publish("payment/db", "{\"host\": \"db\"}");
            publish("payment", "{\"fee\": 2, \"apiKey\": \"secret://sk-live-1234\"}");

            List<Event> events = List.of(watch.next(WAIT), watch.next(WAIT), watch.next(WAIT));
            assertThat(events).extracting(WatchApiContract::keyAndVersion).containsExactly("payment@1", "payment/db@1", "payment@2");
            long previous = startedAfter;
            for (Event e : events) {
                JsonNode data = e.json();
                assertThat(data.get("revision").asLong()).isEqualTo(Long.parseLong(e.id())).isGreaterThan(previous);
                previous = data.get("revision").asLong();
                assertThat(data.get("type").asText()).isEqualTo("put");
                assertThat(data.get("hash").asText()).isNotBlank();
                assertThat(iterable(data.fieldNames())).containsExactlyInAnyOrder("key", "version", "revision", "type", "hash");
                assertThat(e.data()).doesNotContain("sk-live");
            }
            assertThat(events.get(0).comments()).anyMatch(c -> c.startsWith("watching \"payment\" from revision"));
            assertThat(watch.drain(QUIET)).isEmpty();
        }
    }

    @Test
    void lastEventIdResumesAcrossADisconnectLosingAndRepeatingNothing() throws Exception {
        List<String> seen = new ArrayList<>();
        String lastId;
        try (SseStream first = SseStream.open(watchUrl("prefix=svc&fromRevision=0"), hub.adminToken())) {
            publish("svc", "{\"v\": 1}");
            publish("svc", "{\"v\": 2}");
            Event a = first.next(WAIT);
            Event b = first.next(WAIT);
            seen.add(keyAndVersion(a));
            seen.add(keyAndVersion(b));
            lastId = b.id();
        } // the client drops the connection, as a killed curl would
        publish("svc", "{\"v\": 3}");
        publish("svc", "{\"v\": 4}");
        publish("svc", "{\"v\": 5}");
        try (SseStream resumed = SseStream.open(watchUrl("prefix=svc&fromRevision=0"), hub.adminToken(), "Last-Event-ID", lastId)) {
            assertThat(resumed.status()).isEqualTo(200);
            for (int i = 0; i < 3; i++) {
                seen.add(keyAndVersion(resumed.next(WAIT)));
            }
            publish("svc", "{\"v\": 6}");
            seen.add(keyAndVersion(resumed.next(WAIT)));
            assertThat(resumed.drain(QUIET)).isEmpty();
        }
        assertThat(seen).containsExactly("svc@1", "svc@2", "svc@3", "svc@4", "svc@5", "svc@6");
    }

    @Test
    void fromRevisionReplaysHistoryFromThatRevision() throws Exception {
        publish("hist", "{\"v\": 1}");
        long rev2 = hub.store().currentRevision() + 1;
        publish("hist", "{\"v\": 2}");
        // the head's revision is that of the publish transaction, at or after rev2
        try (SseStream watch = SseStream.open(watchUrl("prefix=hist&fromRevision=" + rev2), hub.adminToken())) {
            assertThat(keyAndVersion(watch.next(WAIT))).isEqualTo("hist@2");
            assertThat(watch.drain(QUIET)).isEmpty();
        }
    }

    @Test
    void aCompactedRevisionIs410WithTheCurrentRevisionToRelistAt() throws Exception {
        publish("old", "{\"v\": 1}");
        publish("old", "{\"v\": 2}");
        long compactAt = hub.store().currentRevision();
        hub.store().compact(compactAt);
        try (SseStream watch = SseStream.open(watchUrl("prefix=old&fromRevision=1"), hub.adminToken())) {
            assertThat(watch.status()).isEqualTo(410);
            assertThat(watch.response.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
            JsonNode problem = io.mcphub.core.Json.tree(watch.body().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            assertThat(problem.get("type").asText()).isEqualTo("urn:mcphub:problem:gone");
            assertThat(problem.get("currentRevision").asLong()).isGreaterThanOrEqualTo(compactAt);
            assertThat(problem.get("detail").asText()).contains("has been compacted").contains("watch from currentRevision");
            // re-listing at the current revision and watching on from there works
            long relist = problem.get("currentRevision").asLong() + 1;
            try (SseStream again = SseStream.open(watchUrl("prefix=old&fromRevision=" + relist), hub.adminToken())) {
                assertThat(again.status()).isEqualTo(200);
                publish("old", "{\"v\": 3}");
                assertThat(keyAndVersion(again.next(WAIT))).isEqualTo("old@3");
            }
        }
    }

    @Test
    void withoutATokenIs401() throws Exception {
        try (SseStream watch = SseStream.open(watchUrl("prefix=payment"), null)) {
            assertThat(watch.status()).isEqualTo(401);
        }
    }

    @Test
    void withoutReadConfigOnThePrefixIs403AndAScopedGrantSeesOnlyItsDocuments() throws Exception {
        String scoped = api.send("POST", "/api/v1/tokens", "{\"name\":\"pay\",\"expires\":\"1d\",\"permissions\":[\"read:config:payment/*\"]}",
                "application/json").json().get("token").asText();
        try (SseStream denied = SseStream.open(watchUrl("prefix=orders"), scoped)) {
            assertThat(denied.status()).isEqualTo(403);
            assertThat(denied.body()).contains("lacks permission read:config on orders");
        }
        try (SseStream everything = SseStream.open(watchUrl("fromRevision=0"), scoped)) {
            assertThat(everything.status()).as("an empty prefix means every document").isEqualTo(403);
        }
        try (SseStream pay = SseStream.open(watchUrl("prefix=pay"), scoped)) {
            assertThat(pay.status()).as("'pay' is not within payment/*").isEqualTo(403);
        }
        try (SseStream payment = SseStream.open(watchUrl("prefix=payment"), scoped)) {
            assertThat(payment.status()).isEqualTo(200);
            publish("payments", "{\"other\": true}"); // under the prefix, outside the grant
            publish("payment/db", "{\"host\": \"db\"}");
            assertThat(keyAndVersion(payment.next(WAIT))).isEqualTo("payment/db@1");
            assertThat(payment.drain(QUIET)).isEmpty();
        }
    }

    /** A token of the admin's limited to {@code permissions}; [0] is the token, [1] its id. */
    String[] token(String... permissions) {
        JsonNode created = api.send("POST", "/api/v1/tokens", Json.write(Map.of("name", "watch", "expires", "1d",
                "permissions", List.of(permissions))), "application/json").json();
        return new String[] {created.get("token").asText(), created.get("id").asText()};
    }

    JsonNode getAs(String token, String path) {
        HubClientForTests.Answer a = api.send("GET", path, null, null, token);
        assertThat(a.status()).as(a.body()).isEqualTo(200);
        return a.json();
    }

    @Test
    void contentTrueCarriesEachVersionExactlyAsTheCallersGetWouldWithSecretsMasked() throws Exception {
        String reader = token("read:config")[0];
        try (SseStream watch = SseStream.open(watchUrl("prefix=payment&content=true"), reader)) {
            assertThat(watch.status()).isEqualTo(200);
            publish("payment", "{\"fee\": 1, \"apiKey\": \"secret://sk-live-1234\"}");
            Event e = watch.next(WAIT);
            assertThat(keyAndVersion(e)).isEqualTo("payment@1");
            assertThat(e.json().get("content")).isEqualTo(getAs(reader, "/api/v1/config/docs/payment?view=json&version=1"));
            assertThat(e.json().get("content").get("fee").asInt()).isEqualTo(1);
            assertThat(e.data()).doesNotContain("sk-live");
        }
    }

    @Test
    void revealNeedsReadSecretOnThePrefixAndRevealsOnlyTheKeysTheGetWouldReveal() throws Exception {
        String reader = token("read:config")[0];
        try (SseStream denied = SseStream.open(watchUrl("prefix=payment&content=true&reveal=true"), reader)) {
            assertThat(denied.status()).isEqualTo(403);
            assertThat(denied.body()).contains("lacks permission read:secret on payment");
        }
        try (SseStream bad = SseStream.open(watchUrl("prefix=payment&reveal=true"), hub.adminToken())) {
            assertThat(bad.status()).isEqualTo(400);
            assertThat(bad.body()).contains("needs content=true");
        }
        String revealer = token("read:config", "read:secret:payment/*")[0];
        try (SseStream watch = SseStream.open(watchUrl("prefix=payment&content=true&reveal=true"), revealer)) {
            assertThat(watch.status()).isEqualTo(200);
            publish("payments", "{\"key\": \"secret://sk-other-5678\"}"); // under the prefix, outside read:secret
            publish("payment", "{\"fee\": 1, \"apiKey\": \"secret://sk-live-1234\"}");
            Event other = watch.next(WAIT);
            assertThat(keyAndVersion(other)).isEqualTo("payments@1");
            assertThat(other.json().has("content")).as("no content where the GET would refuse to reveal").isFalse();
            assertThat(other.data()).doesNotContain("sk-other");
            Event mine = watch.next(WAIT);
            assertThat(keyAndVersion(mine)).isEqualTo("payment@1");
            assertThat(mine.json().get("content").get("apiKey").asText()).isEqualTo("secret://sk-live-1234");
            assertThat(mine.json().get("content")).isEqualTo(getAs(revealer, "/api/v1/config/docs/payment?view=json&reveal=true"));
        }
    }

    @Test
    void aStreamEndsOnceItsTokenIsRevokedAndCannotReconnect() throws Exception {
        String[] t = token("read:config");
        try (SseStream watch = SseStream.open(watchUrl("prefix=rev&content=true"), t[0])) {
            publish("rev", "{\"v\": 1}");
            assertThat(keyAndVersion(watch.next(WAIT))).isEqualTo("rev@1");
            assertThat(api.send("DELETE", "/api/v1/tokens/" + t[1], null, null).status()).isEqualTo(204);
            // The stream learns of the revocation from the hub's watch on auth data; at most an event already under
            // way may still go out. Then it ends, and no event is sent after that.
            List<String> after = new ArrayList<>();
            for (int v = 2; v < 20; v++) {
                publish("rev", "{\"v\": " + v + "}");
                Event e = watch.next(WAIT);
                if ("end-of-stream".equals(e.event())) {
                    break;
                }
                after.add(keyAndVersion(e));
            }
            assertThat(after).hasSizeLessThanOrEqualTo(1);
            assertThat(watch.drain(QUIET)).isEmpty();
        }
        try (SseStream again = SseStream.open(watchUrl("prefix=rev&content=true"), t[0])) {
            assertThat(again.status()).isEqualTo(401);
        }
    }

    @Test
    void aMalformedRevisionOrPrefixIs400() throws Exception {
        try (SseStream bad = SseStream.open(watchUrl("prefix=payment&fromRevision=abc"), hub.adminToken())) {
            assertThat(bad.status()).isEqualTo(400);
            assertThat(bad.body()).contains("fromRevision must be a whole number");
        }
        try (SseStream bad = SseStream.open(watchUrl("prefix=Pay%20ment"), hub.adminToken())) {
            assertThat(bad.status()).isEqualTo(400);
            assertThat(bad.body()).contains("cannot match a configuration key");
        }
    }

    private static <T> List<T> iterable(java.util.Iterator<T> it) {
        List<T> all = new ArrayList<>();
        it.forEachRemaining(all::add);
        return all;
    }
}
