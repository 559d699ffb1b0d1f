package io.mcphub.bench;

import io.mcphub.client.ConfigClient;
import io.mcphub.hub.Hub;
import io.mcphub.hub.HubSettings;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Publish → applied latency on N watchers: a real hub in-process, N {@link ConfigClient}s (one per watcher, as N
 * services would have) each watching the same document, and for each round the time from just before the PUT to
 * each listener receiving the new version (the client has then fetched it too). Rounds run one after another, the
 * next starting when every watcher has the previous version.
 *
 * <p>Usage: {@code ConfigPropagation STORE WATCHERS [ROUNDS] [WARMUP]}.
 */
public final class ConfigPropagation {

    public static void main(String[] args) throws Exception {
        String store = args[0];
        int watchers = Integer.parseInt(args[1]);
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 50;
        int warmup = args.length > 3 ? Integer.parseInt(args[3]) : 5;
        Path dir = Files.createTempDirectory("mcphub-bench");
        try (Hub hub = Hub.start(new HubSettings(store, dir, "127.0.0.1", 0))) {
            HttpClient http = HttpClient.newHttpClient();
            String doc = hub.url() + "/api/v1/config/docs/bench/propagation";
            publish(http, doc, hub.adminToken(), 0);
            // each round: when it was published, and a latch the watchers count down on seeing its version
            AtomicReference<Round> round = new AtomicReference<>(new Round(0, 0, new CountDownLatch(0), new long[0]));
            List<ConfigClient> clients = new ArrayList<>();
            for (int w = 0; w < watchers; w++) {
                ConfigClient c = ConfigClient.builder(URI.create(hub.url()), hub.adminToken()).build();
                clients.add(c);
                int index = w;
                c.watch("bench/propagation", d -> {
                    Round r = round.get();
                    if (d.version() == r.version()) {
                        r.latencies()[index] = System.nanoTime() - r.publishedAt();
                        r.applied().countDown();
                    }
                });
            }
            long[] all = new long[rounds * watchers];
            for (int i = 1; i <= warmup + rounds; i++) {
                Round r = new Round(i + 1, System.nanoTime(), new CountDownLatch(watchers), new long[watchers]);
                round.set(r);
                publish(http, doc, hub.adminToken(), i);
                if (!r.applied().await(60, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("round " + i + ": only " + (watchers - r.applied().getCount()) + " of "
                            + watchers + " watchers got version " + r.version() + " within 60 s");
                }
                if (i > warmup) {
                    System.arraycopy(r.latencies(), 0, all, (i - warmup - 1) * watchers, watchers);
                }
            }
            System.out.printf("store=%s watchers=%d rounds=%d%n", store.startsWith("etcd") ? "etcd" : store, watchers, rounds);
            PublishReadBack.print("publish -> applied", all);
            clients.forEach(ConfigClient::close);
        }
    }

    private record Round(long version, long publishedAt, CountDownLatch applied, long[] latencies) {}

    private static void publish(HttpClient http, String doc, String token, int i) throws Exception {
        HttpResponse<String> put = http.send(HttpRequest.newBuilder(URI.create(doc)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString("{\"round\": " + i + "}")).build(),
                HttpResponse.BodyHandlers.ofString());
        if (put.statusCode() != 200) {
            throw new IllegalStateException("publish failed: HTTP " + put.statusCode() + " " + put.body());
        }
    }
}
