package io.mcphub.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mcphub.hub.Hub;
import io.mcphub.hub.HubSettings;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The client library against a real hub on the embedded store, restarted on the same port where a test needs it. */
class ConfigClientTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path dataDir;
    @TempDir
    Path cacheDir;
    int port;
    Hub hub;
    String token;
    final List<ConfigClient> clients = new ArrayList<>();

    /**
     * The hub binds a fixed port (and its agent channel the next one), so that a restart comes back where the clients
     * look; a port found free can be taken by another process before the hub binds it, so the first start tries
     * another pair then.
     */
    @BeforeEach
    void startHub() throws IOException {
        for (int attempt = 1; ; attempt++) {
            try (ServerSocket s = new ServerSocket(0)) {
                port = s.getLocalPort();
            }
            try {
                startHubAgain();
                break;
            } catch (RuntimeException taken) {
                if (attempt == 5) {
                    throw taken;
                }
            }
        }
        token = hub.adminToken();
    }

    @AfterEach
    void stop() {
        clients.forEach(ConfigClient::close);
        if (hub != null) {
            hub.close();
        }
    }

    void startHubAgain() {
        hub = Hub.start(new HubSettings("embedded", dataDir, "127.0.0.1", port));
    }

    ConfigClient client(String token) {
        ConfigClient c = ConfigClient.builder(URI.create("http://127.0.0.1:" + port), token).cacheDir(cacheDir).build();
        clients.add(c);
        return c;
    }

    void publish(String key, String json) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(hub.url() + "/api/v1/config/docs/" + key))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }

    /** What a listener was given, as "version:n[:cached]" with n the document's "n" member. */
    static final class Received implements ConfigListener {
        final LinkedBlockingQueue<String> versions = new LinkedBlockingQueue<>();

        @Override
        public void onVersion(ConfigDocument doc) {
            versions.add(doc.version() + ":" + doc.content().path("n").asInt() + (doc.cached() ? ":cached" : ""));
        }

        String next() throws InterruptedException {
            String v = versions.poll(10, TimeUnit.SECONDS);
            assertThat(v).as("a version within 10 s").isNotNull();
            return v;
        }

        void assertNothingMore() throws InterruptedException {
            assertThat(versions.poll(700, TimeUnit.MILLISECONDS)).as("no further version").isNull();
        }
    }

    @Test
    void getReturnsTheLatestDocumentWithItsVersion() throws Exception {
        publish("payment", "{\"n\": 1}");
        publish("payment", "{\"n\": 2, \"currency\": \"EUR\"}");
        ConfigDocument doc = client(token).get("payment");
        assertThat(doc.version()).isEqualTo(2);
        assertThat(doc.content().get("currency").asText()).isEqualTo("EUR");
        assertThat(doc.cached()).isFalse();
    }

    @Test
    void watchGivesTheCurrentVersionAtOnceThenEachNewOneOnceInOrder() throws Exception {
        publish("payment", "{\"n\": 1}");
        Received got = new Received();
        client(token).watch("payment", got);
        assertThat(got.versions).as("delivered before watch returned").containsExactly("1:1");
        got.versions.clear();
        publish("payment", "{\"n\": 2}");
        publish("payments", "{\"n\": 99}"); // same prefix, another document
        publish("payment/db", "{\"n\": 98}");
        publish("payment", "{\"n\": 3}");
        publish("payment", "{\"n\": 3}"); // unchanged: no new version
        publish("payment", "{\"n\": 4}");
        assertThat(List.of(got.next(), got.next(), got.next())).containsExactly("2:2", "3:3", "4:4");
        got.assertNothingMore();
    }

    @Test
    void aDocumentPublishedAfterTheWatchStartedArrivesAsItsFirstVersion() throws Exception {
        Received got = new Received();
        client(token).watch("later", got);
        assertThat(got.versions).isEmpty();
        publish("later", "{\"n\": 1}");
        assertThat(got.next()).isEqualTo("1:1");
        got.assertNothingMore();
    }

    @Test
    void survivesAHubRestartAndResumesWithoutDuplicates() throws Exception {
        publish("svc", "{\"n\": 1}");
        Received got = new Received();
        client(token).watch("svc", got);
        publish("svc", "{\"n\": 2}");
        assertThat(List.of(got.next(), got.next())).containsExactly("1:1", "2:2");

        hub.close();
        startHubAgain(); // same data dir, same port: the admin token of cli.env still holds
        publish("svc", "{\"n\": 3}");
        publish("svc", "{\"n\": 4}");
        assertThat(List.of(got.next(), got.next())).containsExactly("3:3", "4:4");
        got.assertNothingMore();
    }

    @Test
    void startsFromTheCacheWhileTheHubIsDownThenTakesOnlyNewerVersionsFromIt() throws Exception {
        publish("cached", "{\"n\": 1}");
        try (ConfigClient first = client(token)) {
            first.watch("cached", doc -> {});
        }
        Path file = cacheDir.resolve("cached.json");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        hub.close();

        Received got = new Received();
        client(token).watch("cached", got);
        assertThat(got.versions).as("the cached version, before watch returned").containsExactly("1:1:cached");
        got.versions.clear();

        startHubAgain();
        publish("cached", "{\"n\": 2}");
        assertThat(got.next()).isEqualTo("2:2");
        got.assertNothingMore();
        assertThat(Files.readString(file)).contains("\"version\":2");
    }

    String tokenWith(String... permissions) throws Exception {
        String body = new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(java.util.Map.of(
                "name", "client", "expires", "1d", "permissions", List.of(permissions)));
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(hub.url() + "/api/v1/tokens"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.body()).get("token").asText();
    }

    @Test
    void watchedVersionsAreMaskedOrRevealedExactlyAsGetGivesThemToTheSameToken() throws Exception {
        publish("payment", "{\"n\": 1, \"apiKey\": \"secret://sk-live-1234\"}");
        ConfigClient reader = client(tokenWith("read:config"));
        ConfigClient revealer = ConfigClient.builder(URI.create(hub.url()), tokenWith("read:config", "read:secret"))
                .revealSecrets(true).build();
        clients.add(revealer);
        LinkedBlockingQueue<ConfigDocument> masked = new LinkedBlockingQueue<>();
        LinkedBlockingQueue<ConfigDocument> clear = new LinkedBlockingQueue<>();
        reader.watch("payment", masked::add);
        revealer.watch("payment", clear::add);
        masked.clear();
        clear.clear();
        publish("payment", "{\"n\": 2, \"apiKey\": \"secret://sk-live-5678\"}");
        ConfigDocument m = masked.poll(10, TimeUnit.SECONDS);
        ConfigDocument c = clear.poll(10, TimeUnit.SECONDS);
        assertThat(m.version()).isEqualTo(2);
        assertThat(m.content()).isEqualTo(reader.get("payment").content());
        assertThat(m.content().toString()).doesNotContain("sk-live");
        assertThat(c.content().get("apiKey").asText()).isEqualTo("secret://sk-live-5678");
        assertThat(c.content()).isEqualTo(revealer.get("payment").content());

        ConfigClient notAllowed = ConfigClient.builder(URI.create(hub.url()), tokenWith("read:config")).revealSecrets(true).build();
        clients.add(notAllowed);
        assertThatThrownBy(() -> notAllowed.watch("payment", doc -> {})).isInstanceOf(ConfigClientException.class)
                .hasMessageContaining("may not read the secrets of configuration payment")
                .hasMessageContaining("grant it read:secret on payment");
    }

    @Test
    void aVersionTooLargeToTravelInTheEventIsFetchedInstead() throws Exception {
        Received got = new Received();
        client(token).watch("big", got);
        String filler = "x".repeat(300 * 1024); // over the hub's limit for content carried in an event
        publish("big", "{\"n\": 1, \"filler\": \"" + filler + "\"}");
        assertThat(got.next()).isEqualTo("1:1");
        publish("big", "{\"n\": 2}");
        assertThat(got.next()).isEqualTo("2:2");
        got.assertNothingMore();
    }

    @Test
    void clientsOfOneJvmShareAnHttpClientWhichTheLastToCloseCloses() throws Exception {
        int before = SharedHttp.open();
        ConfigClient a = client(token);
        ConfigClient b = client(token);
        ConfigClient slow = ConfigClient.builder(URI.create(hub.url()), token).connectTimeout(java.time.Duration.ofSeconds(9)).build();
        assertThat(SharedHttp.open()).as("a and b share one; another timeout gets its own").isEqualTo(before + 2);
        publish("shared", "{\"n\": 1}");
        Received got = new Received();
        b.watch("shared", got);
        assertThat(got.next()).isEqualTo("1:1");
        a.close();
        a.close(); // twice: still one release
        publish("shared", "{\"n\": 2}");
        assertThat(got.next()).as("b still works once a is closed").isEqualTo("2:2");
        assertThat(slow.get("shared").version()).isEqualTo(2);
        slow.close();
        b.close();
        assertThat(SharedHttp.open()).isEqualTo(before);
        try (ConfigClient again = ConfigClient.builder(URI.create(hub.url()), token).build()) {
            assertThat(again.get("shared").version()).as("a new HttpClient after the last was closed").isEqualTo(2);
        }
    }

    @Test
    void aBadTokenIsAClearExceptionFromGetAndWatch() {
        ConfigClient bad = client("mcphub_0000000000000000_" + "x".repeat(43));
        assertThatThrownBy(() -> bad.get("payment")).isInstanceOf(ConfigClientException.class)
                .hasMessageStartingWith("the hub at http://127.0.0.1:" + port + "/ rejected the token")
                .hasMessageContaining("pass a valid API token")
                .satisfies(e -> assertThat(((ConfigClientException) e).status()).isEqualTo(401));
        assertThatThrownBy(() -> bad.watch("payment", doc -> {})).isInstanceOf(ConfigClientException.class)
                .hasMessageContaining("rejected the token");
    }

    @Test
    void anUnknownDocumentIsAClearExceptionFromGet() {
        assertThatThrownBy(() -> client(token).get("nothing")).isInstanceOf(ConfigClientException.class)
                .hasMessageContaining("has no configuration document nothing");
    }
}
