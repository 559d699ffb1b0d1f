package io.mcphub.bench;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.Watch;
import io.etcd.jetcd.kv.GetResponse;
import io.etcd.jetcd.options.DeleteOption;
import io.etcd.jetcd.options.WatchOption;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mcphub.client.ConfigClient;
import io.mcphub.config.ConfigCenter;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongConsumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Publish → applied latency on N watchers. A real hub runs in a process of its own ({@link BenchHub}) on the given
 * store; this process holds N {@link ConfigClient}s (one per watcher, as N services would have), each watching the
 * same document, and for each round measures the time from just before the PUT to each listener having the new
 * version. Rounds run one after another, the next starting when every watcher has the previous version.
 *
 * <p>On etcd the same run first measures raw etcd: N jetcd watches on the document's store key, and per round the
 * time from just before a jetcd put of that key to each watcher's event — the floor the hub's figure is compared
 * with; once with a jetcd client per watcher and once with one client for all (see {@link #rawEtcd}). It writes the
 * head's own value back, so the document stays as it was.
 *
 * <p>Usage: {@code ConfigPropagation STORE WATCHERS [ROUNDS] [WARMUP]}, STORE being {@code embedded} or
 * {@code etcd://HOST:PORT}.
 */
public final class ConfigPropagation {

    private static final String KEY = "bench/propagation";
    private static final long ROUND_TIMEOUT_S = 60;
    private static final int WARM_UP_REQUESTS = 1000;
    /** USER_HZ: the unit of /proc/PID/stat times, 100 on every Linux we run on. */
    private static final long CLOCK_TICKS = 100;

    public static void main(String[] args) throws Exception {
        String store = args[0];
        int watchers = Integer.parseInt(args[1]);
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 50;
        int warmup = args.length > 3 ? Integer.parseInt(args[3]) : 5;
        Path dir = Files.createTempDirectory("mcphub-bench");
        if (store.startsWith("etcd://")) {
            clearHubKeys(store.substring("etcd://".length()));
        }
        try (HubProcess hub = HubProcess.start(store, dir)) {
            HttpClient http = HttpClient.newHttpClient();
            String doc = hub.url() + "/api/v1/config/docs/" + KEY;
            long version = publish(http, doc, hub.token(), 0);
            boolean etcd = store.startsWith("etcd://");
            String endpoint = etcd ? store.substring("etcd://".length()) : null;
            Measured rawEach = etcd ? rawEtcd(endpoint, false, watchers, rounds, warmup) : null;
            Measured rawShared = etcd ? rawEtcd(endpoint, true, watchers, rounds, warmup) : null;
            warmUp(http, hub);
            Measured applied = viaHub(hub, http, doc, version, watchers, rounds, warmup);
            System.out.printf(Locale.ROOT, "store=%s watchers=%d rounds=%d%n", etcd ? "etcd" : store, watchers, rounds);
            if (etcd) {
                rawEach.print("raw etcd, client each", "etcd");
                rawShared.print("raw etcd, one client", "etcd");
            }
            applied.print("publish -> applied", "hub");
            if (etcd) {
                ratios("hub / raw client each", applied, rawEach);
                ratios("hub / raw one client", applied, rawShared);
            }
        } finally {
            deleteTree(dir);
        }
    }

    /** N ConfigClients on the hub, from version {@code base}; per round, PUT a new version and time each listener getting it. */
    private static Measured viaHub(HubProcess hub, HttpClient http, String doc, long base, int watchers, int rounds, int warmup)
            throws Exception {
        AtomicReference<Round> round = new AtomicReference<>(Round.none());
        List<ConfigClient> clients = new ArrayList<>();
        try {
            for (int w = 0; w < watchers; w++) {
                ConfigClient c = ConfigClient.builder(URI.create(hub.url()), hub.token()).build();
                clients.add(c);
                int index = w;
                c.watch(KEY, d -> round.get().arrived(index, d.version()));
            }
            return run(round, watchers, rounds, warmup, base, i -> {
                try {
                    publish(http, doc, hub.token(), (int) i);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, hub.process().pid());
        } finally {
            clients.forEach(ConfigClient::close);
        }
    }

    /**
     * N jetcd watches on the head key; per round, put the head's own value again and time each event. {@code shared}
     * false: a jetcd client (connection) per watcher, as N services watching etcd would have; true: one client for
     * all N, which etcd serves on one stream — its cheapest way to deliver N events.
     */
    private static Measured rawEtcd(String endpoint, boolean shared, int watchers, int rounds, int warmup) throws Exception {
        ByteSequence key = ByteSequence.from(ConfigCenter.headKey(KEY), StandardCharsets.UTF_8);
        AtomicReference<Round> round = new AtomicReference<>(Round.none());
        List<Client> clients = new ArrayList<>();
        try (Client writer = Client.builder().endpoints("http://" + endpoint).build()) {
            GetResponse head = writer.getKVClient().get(key).get(10, TimeUnit.SECONDS);
            ByteSequence value = head.getKvs().getFirst().getValue();
            long base = head.getKvs().getFirst().getVersion(); // etcd counts the puts of a key: round i's is base + i
            long from = head.getHeader().getRevision() + 1; // a watch created after a put still sees it
            Client one = shared ? Client.builder().endpoints("http://" + endpoint).build() : null;
            if (one != null) {
                clients.add(one);
            }
            for (int w = 0; w < watchers; w++) {
                Client c = shared ? one : Client.builder().endpoints("http://" + endpoint).build();
                if (!shared) {
                    clients.add(c);
                }
                int index = w;
                c.getWatchClient().watch(key, WatchOption.builder().withRevision(from).build(), Watch.listener(response ->
                        response.getEvents().forEach(e -> round.get().arrived(index, e.getKeyValue().getVersion()))));
            }
            return run(round, watchers, rounds, warmup, base, i -> {
                try {
                    writer.getKVClient().put(key, value).get(10, TimeUnit.SECONDS);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, etcdPid(endpoint));
        } finally {
            clients.forEach(Client::close);
        }
    }

    /**
     * Rounds 1..warmup+rounds; round i expects version {@code base + i}, set before {@code publish(i)} starts the
     * clock. Returns the latencies of the rounds after the warm-up.
     */
    private static Measured run(AtomicReference<Round> round, int watchers, int rounds, int warmup, long base, LongConsumer publish,
                              long serverPid) throws InterruptedException {
        long[] all = new long[rounds * watchers];
        long[] calls = new long[rounds];
        long[] cpuAtStart = null;
        for (int i = 1; i <= warmup + rounds; i++) {
            if (i == warmup + 1) {
                cpuAtStart = new long[] {cpuMillis(ProcessHandle.current().pid()), cpuMillis(serverPid)};
            }
            Round r = new Round(base + i, System.nanoTime(), new CountDownLatch(watchers), new long[watchers]);
            round.set(r);
            publish.accept(i);
            long call = System.nanoTime() - r.publishedAt();
            if (!r.applied().await(ROUND_TIMEOUT_S, TimeUnit.SECONDS)) {
                throw new IllegalStateException("round " + i + ": only " + (watchers - r.applied().getCount()) + " of "
                        + watchers + " watchers got version " + r.version() + " within " + ROUND_TIMEOUT_S + " s");
            }
            if (i > warmup) {
                System.arraycopy(r.latencies(), 0, all, (i - warmup - 1) * watchers, watchers);
                calls[i - warmup - 1] = call;
            }
        }
        boolean cpu = cpuAtStart != null && cpuAtStart[0] >= 0 && cpuAtStart[1] >= 0;
        return new Measured(all, calls, cpu ? (cpuMillis(serverPid) - cpuAtStart[1]) / (double) rounds : -1,
                cpu ? (cpuMillis(ProcessHandle.current().pid()) - cpuAtStart[0]) / (double) rounds : -1);
    }

    /**
     * The latencies of the measured rounds, how long each round's put call took (the HTTP PUT or the etcd put; the event
     * may go out before it returns), and where the two cores went meanwhile, per round: the server (hub or etcd) and
     * this process (the watchers and the publisher); -1 where /proc cannot tell.
     */
    private record Measured(long[] latencies, long[] calls, double serverCpuMs, double watchersCpuMs) {

        void print(String what, String server) {
            PublishReadBack.print(what, latencies);
            long[] c = sorted(calls);
            System.out.printf(Locale.ROOT, "    the put call itself: p50 %.1f ms, p99 %.1f ms", at(c, 0.5) / 1e6, at(c, 0.99) / 1e6);
            if (serverCpuMs >= 0) {
                System.out.printf(Locale.ROOT, "; cpu per round: %s %.1f ms, watchers+publisher %.1f ms", server,
                        serverCpuMs, watchersCpuMs);
            }
            System.out.println();
        }
    }

    /** User + system CPU time of a process in ms from /proc (Linux), or -1 where that cannot be read. */
    private static long cpuMillis(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 1000 / CLOCK_TICKS;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** The etcd process listening on {@code endpoint} (this bench starts it, so it is ours to look at), or -1. */
    private static long etcdPid(String endpoint) {
        return ProcessHandle.allProcesses().filter(p -> p.info().command().orElse("").endsWith("/etcd")
                        && p.info().arguments().map(a -> String.join(" ", a).contains("http://" + endpoint)).orElse(false))
                .mapToLong(ProcessHandle::pid).findFirst().orElse(-1);
    }

    private record Round(long version, long publishedAt, CountDownLatch applied, long[] latencies) {

        static Round none() {
            return new Round(-1, 0, new CountDownLatch(0), new long[0]);
        }

        void arrived(int watcher, long seenVersion) {
            if (seenVersion == version) {
                latencies[watcher] = System.nanoTime() - publishedAt;
                applied.countDown();
            }
        }
    }

    /** PUTs {"round": i} and returns the version it made. */
    private static long publish(HttpClient http, String doc, String token, int i) throws Exception {
        HttpResponse<String> put = http.send(HttpRequest.newBuilder(URI.create(doc)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString("{\"round\": " + i + "}")).build(),
                HttpResponse.BodyHandlers.ofString());
        if (put.statusCode() != 200) {
            throw new IllegalStateException("publish failed: HTTP " + put.statusCode() + " " + put.body());
        }
        return new ObjectMapper().readTree(put.body()).get("version").asLong();
    }

    /** A hub's keys left by an earlier run are sealed with that hub's master key, which the new hub does not have. */
    private static void clearHubKeys(String endpoint) throws Exception {
        try (Client c = Client.builder().endpoints("http://" + endpoint).build()) {
            ByteSequence prefix = ByteSequence.from("/mcphub/", StandardCharsets.UTF_8);
            c.getKVClient().delete(prefix, DeleteOption.builder().isPrefix(true).build()).get(10, TimeUnit.SECONDS);
        }
    }

    private static void ratios(String what, Measured hub, Measured raw) {
        long[] a = sorted(hub.latencies());
        long[] r = sorted(raw.latencies());
        System.out.printf(Locale.ROOT, "  %-22s p50 %6.2fx        p90 %6.2fx        p99 %6.2fx%n", what,
                ratio(a, r, 0.50), ratio(a, r, 0.90), ratio(a, r, 0.99));
    }

    /**
     * Publishes and reads another document {@value #WARM_UP_REQUESTS} times before the watchers connect, so that the
     * hub's publish and read paths are compiled, as in a hub that has been serving for a while; otherwise the few
     * dozen publishes of a run would be timed in the interpreter.
     */
    private static void warmUp(HttpClient http, HubProcess hub) throws Exception {
        String doc = hub.url() + "/api/v1/config/docs/bench/warm-up";
        for (int i = 0; i < WARM_UP_REQUESTS; i++) {
            long v = publish(http, doc, hub.token(), i);
            HttpResponse<String> get = http.send(HttpRequest.newBuilder(URI.create(doc + "?view=json&version=" + v))
                    .header("Authorization", "Bearer " + hub.token()).build(), HttpResponse.BodyHandlers.ofString());
            if (get.statusCode() != 200) {
                throw new IllegalStateException("warm-up read failed: HTTP " + get.statusCode() + " " + get.body());
            }
        }
    }

    private static long[] sorted(long[] a) {
        long[] s = a.clone();
        Arrays.sort(s);
        return s;
    }

    private static double ratio(long[] a, long[] b, double q) {
        return at(a, q) / (double) at(b, q);
    }

    private static long at(long[] sorted, double q) {
        return sorted[(int) Math.min(sorted.length - 1, Math.round(q * (sorted.length - 1)))];
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** The {@link BenchHub} process: started on a store, its URL and admin token read from its cli.env. */
    private record HubProcess(Process process, String url, String token) implements AutoCloseable {

        static HubProcess start(String store, Path dir) throws IOException, InterruptedException {
            Path log = dir.resolve("hub.log");
            Process p = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"),
                    "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                    BenchHub.class.getName(), store, dir.resolve("data").toString())
                    .redirectError(log.toFile()).start();
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            String line = out.readLine();
            while (line != null && !line.startsWith("ready ")) { // the JVM may print first (e.g. JFR via JAVA_TOOL_OPTIONS)
                line = out.readLine();
            }
            if (line == null) {
                p.destroyForcibly();
                throw new IllegalStateException("the bench hub did not start; its log is " + log + ":\n" + Files.readString(log));
            }
            Map<String, String> env;
            try (Stream<String> lines = Files.lines(dir.resolve("data/cli.env"))) {
                env = lines.filter(l -> l.startsWith("MCPHUB_")).map(l -> l.split("=", 2))
                        .collect(Collectors.toMap(kv -> kv[0], kv -> kv[1]));
            }
            return new HubProcess(p, env.get("MCPHUB_URL"), env.get("MCPHUB_TOKEN"));
        }

        @Override
        public void close() throws InterruptedException {
            try {
                process.getOutputStream().close(); // BenchHub stops when its input ends
            } catch (IOException e) {
                // already gone
            }
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }
}
