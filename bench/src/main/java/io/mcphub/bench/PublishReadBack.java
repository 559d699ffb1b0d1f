package io.mcphub.bench;

import io.mcphub.hub.Hub;
import io.mcphub.hub.HubSettings;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * Publish → read-back latency through the REST API, as a user of the config center sees it: PUT a new version of
 * a document, then GET it and check the new value is there. Runs a real hub in-process on the given store.
 *
 * <p>Usage: {@code PublishReadBack STORE [ROUNDS] [WARMUP]}, STORE being {@code embedded} or {@code etcd://HOST:PORT}.
 */
public final class PublishReadBack {

    public static void main(String[] args) throws Exception {
        String store = args.length > 0 ? args[0] : "embedded";
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
        int warmup = args.length > 2 ? Integer.parseInt(args[2]) : 500;
        Path dir = Files.createTempDirectory("mcphub-bench");
        try (Hub hub = Hub.start(new HubSettings(store, dir, "127.0.0.1", 0))) {
            HttpClient http = HttpClient.newHttpClient();
            String doc = hub.url() + "/api/v1/config/docs/bench/latency";
            String auth = "Bearer " + hub.adminToken();
            run(http, doc, auth, warmup, null, null, null);
            long[] publish = new long[rounds];
            long[] read = new long[rounds];
            long[] total = new long[rounds];
            run(http, doc, auth, rounds, publish, read, total);
            System.out.printf(Locale.ROOT, "store=%s rounds=%d%n", store, rounds);
            print("publish (PUT)", publish);
            print("read-back (GET)", read);
            print("publish -> read-back", total);
        }
    }

    private static void run(HttpClient http, String doc, String auth, int n, long[] publish, long[] read, long[] total) throws Exception {
        for (int i = 0; i < n; i++) {
            String body = "{\"interval\": " + i + ", \"name\": \"bench\"}";
            long t0 = System.nanoTime();
            HttpResponse<String> put = http.send(HttpRequest.newBuilder(URI.create(doc)).header("Authorization", auth)
                    .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
            long t1 = System.nanoTime();
            HttpResponse<String> get = http.send(HttpRequest.newBuilder(URI.create(doc)).header("Authorization", auth).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            long t2 = System.nanoTime();
            if (put.statusCode() != 200 || !get.body().contains("\"interval\" : " + i + ",")) {
                throw new IllegalStateException("round " + i + ": publish " + put.statusCode() + " " + put.body() + " / read " + get.body());
            }
            if (publish != null) {
                publish[i] = t1 - t0;
                read[i] = t2 - t1;
                total[i] = t2 - t0;
            }
        }
    }

    static void print(String what, long[] nanos) {
        long[] s = nanos.clone();
        Arrays.sort(s);
        System.out.printf(Locale.ROOT, "  %-22s p50 %7.3f ms   p90 %7.3f ms   p99 %7.3f ms   max %7.3f ms%n", what,
                ms(s, 0.50), ms(s, 0.90), ms(s, 0.99), s[s.length - 1] / 1e6);
    }

    private static double ms(long[] sorted, double q) {
        return sorted[(int) Math.min(sorted.length - 1, Math.round(q * (sorted.length - 1)))] / 1e6;
    }
}
