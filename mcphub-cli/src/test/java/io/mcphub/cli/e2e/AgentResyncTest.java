package io.mcphub.cli.e2e;

import static io.mcphub.cli.LiveHub.json;
import static io.mcphub.cli.LiveHub.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.mcphub.agent.Agent;
import io.mcphub.agent.AgentSettings;
import io.mcphub.cli.CliRun;
import io.mcphub.config.ConfigCenter;
import io.mcphub.config.Publish;
import io.mcphub.hub.Hub;
import io.mcphub.hub.HubSettings;
import io.mcphub.security.crypto.EnvelopeCipher;
import io.mcphub.security.crypto.MasterKey;
import io.mcphub.store.Store;
import io.mcphub.store.Stores;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hub is not needed to keep services up: with the hub stopped, a real agent's instances keep running and serving,
 * and a configuration published while the agent was cut off reaches it when the hub is back — rewritten in place,
 * with no instance restarted (no restart storm on reconnect).
 */
class AgentResyncTest {
    private static final String STACK = """
            apiVersion: mcphub/v1
            kind: Stack
            metadata: {name: resync}
            services:
              notes:
                command: npx
                args: ["-y", "@modelcontextprotocol/server-memory"]
                config:
                  - {key: notes, reload: file, path: notes.json}
              web:
                type: http
                command: sh
                args: ["-c", "mkdir -p www && echo served > www/index.html && exec busybox httpd -f -p $PORT -h www"]
            """;

    @TempDir
    Path dir;
    Hub hub;
    Agent agent;

    @AfterEach
    void stop() {
        if (agent != null) {
            agent.close();
        }
        if (hub != null) {
            hub.close();
        }
    }

    /** A port p with p + 1 free too: the hub listens on p and its agent channel on p + 1, the same after a restart. */
    private static int freePortPair() throws Exception {
        for (int attempt = 0; attempt < 50; attempt++) {
            try (ServerSocket a = new ServerSocket(0)) {
                int p = a.getLocalPort();
                try (ServerSocket b = new ServerSocket(p + 1)) {
                    return p;
                } catch (java.io.IOException taken) {
                    // try another
                }
            }
        }
        throw new IllegalStateException("no two adjacent free ports on loopback");
    }

    private Map<String, String> env() {
        return Map.of("HOME", dir.resolve("home").toString(), "MCPHUB_URL", hub.url(), "MCPHUB_TOKEN", hub.adminToken());
    }

    private CliRun cli(String... args) {
        return CliRun.run(env(), args);
    }

    private JsonNode instance(String service) {
        return StreamSupport.stream(json(cli("service", "list", "-o", "json")).spliterator(), false)
                .filter(s -> s.path("name").asText().equals(service))
                .flatMap(s -> StreamSupport.stream(s.path("instances").spliterator(), false))
                .findFirst().orElseThrow(() -> new AssertionError("no instance of " + service));
    }

    private boolean healthy(String service) {
        return instance(service).path("status").asText().equals("healthy");
    }

    private Path file(String name, String text) throws Exception {
        return Files.writeString(dir.resolve(name), text);
    }

    private static String get(HttpClient http, String url) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
        return r.statusCode() + " " + r.body().trim();
    }

    @Test
    void instancesKeepServingWithoutTheHubAndConvergeOnWhatChangedMeanwhileWithoutRestarting() throws Exception {
        Path hubDir = dir.resolve("hub");
        HubSettings settings = new HubSettings("embedded", hubDir, "127.0.0.1", freePortPair());
        hub = Hub.start(settings);
        agent = Agent.start(new AgentSettings(hub.url(), hub.createJoinToken(Duration.ofMinutes(5)), "node-a",
                dir.resolve("agent"), Map.of(), "127.0.0.1"));
        ok(cli("config", "set", "notes", "-f", file("notes-1.json", "{\"limit\": 1}").toString()));
        ok(cli("apply", "-f", file("resync.yaml", STACK).toString()));
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250)).until(() -> healthy("notes") && healthy("web"));
        JsonNode notes = instance("notes");
        JsonNode web = instance("web");
        Path notesFile = dir.resolve("agent/instances/" + notes.path("id").asText() + "/work/notes.json");
        String webUrl = "http://127.0.0.1:" + web.path("port").asInt() + "/index.html";
        HttpClient http = HttpClient.newHttpClient();
        assertThat(get(http, webUrl)).isEqualTo("200 served");

        hub.close();
        hub = null;

        // longer than the agent's heartbeat and retry periods: it has noticed the hub is gone, and kept everything up
        long until = System.nanoTime() + Duration.ofSeconds(8).toNanos();
        while (System.nanoTime() < until) {
            assertThat(get(http, webUrl)).isEqualTo("200 served");
            Thread.sleep(500);
        }
        assertThat(ProcessHandle.of(notes.path("pid").asLong()).map(ProcessHandle::isAlive)).contains(true);

        // the document changes while the agent is cut off (the hub's store, written directly while the hub is down)
        try (Store store = Stores.open("embedded", hubDir)) {
            new ConfigCenter(store, new EnvelopeCipher(MasterKey.loadOrCreate(hubDir)))
                    .publish(new Publish("notes", "{\"limit\": 2}", null, "ops", "changed while the hub was down", null, null));
        }
        hub = Hub.start(settings);

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).until(() ->
                Files.readString(notesFile).contains("\"limit\" : 2"));
        await().atMost(Duration.ofSeconds(30)).until(() -> json(cli("config", "status", "notes", "-o", "json")).get(0)
                .path("version").asLong() == 2);
        Map<String, Long> pids = new TreeMap<>();
        for (String service : new String[] {"notes", "web"}) {
            JsonNode now = instance(service);
            pids.put(service, now.path("pid").asLong());
            assertThat(now.path("status").asText()).isEqualTo("healthy");
        }
        assertThat(pids).containsEntry("notes", notes.path("pid").asLong()).containsEntry("web", web.path("pid").asLong());
        assertThat(get(http, webUrl)).isEqualTo("200 served");
    }
}
