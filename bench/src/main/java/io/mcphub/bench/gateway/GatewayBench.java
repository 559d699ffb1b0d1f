package io.mcphub.bench.gateway;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.ToDoubleFunction;
import javax.net.ssl.SSLContext;

/**
 * {@code bench/gateway}: the latency and throughput of {@code tools/call echo} through the gateway against the
 * same call straight to the downstream instances, in one JVM on loopback.
 *
 * <ul>
 *   <li>Downstream: {@code --instances} copies of server-everything over stdio (process runtime), mounted on one
 *       agent bridge that speaks Streamable HTTP on 127.0.0.1 (plain HTTP, or mutual TLS with {@code --tls}).</li>
 *   <li>Direct path: the bench's client calls the bridge's instance addresses itself, round robin: at 1 in flight
 *       call i goes to instance i mod N; at 64 in flight worker w keeps a session on instance w mod N.</li>
 *   <li>Gateway path: the gateway (Javalin on virtual threads, default options, an audit sink that counts) in front
 *       of the same instances, on 127.0.0.1 plain HTTP; the tool is {@code everything__echo}; the gateway picks
 *       the instance (fewest in flight, ties round robin).</li>
 *   <li>Client: {@link java.net.http.HttpClient}, HTTP/1.1, one MCP session per worker.</li>
 * </ul>
 * After a warm-up, each round measures both paths at 1 in flight (blocks of 100 calls, alternating) and at
 * {@code --in-flight} (a fixed time each, one path after the other; which goes first alternates by round). The
 * table gives medians over the rounds; the gateway's added p50 and throughput ratio are taken within each round
 * and their median printed, since the machine is shared and noisy.
 */
public final class GatewayBench {

    private static final int BLOCK = 100;

    private final Options options;
    private final HttpClient http;
    private final GatewayUnderTest gateway;
    private final List<URI> direct;
    private final String directTool = "echo";
    private final String gatewayTool = Downstream.SERVICE + "__echo";

    private GatewayBench(Options options, HttpClient http, GatewayUnderTest gateway, List<URI> direct) {
        this.options = options;
        this.http = http;
        this.gateway = gateway;
        this.direct = direct;
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        Path dir = Files.createTempDirectory("mcphub-bench-gateway");
        System.out.printf(Locale.ROOT, "bench/gateway %s | %s | Java %s (%s) | %d CPUs | load average %.2f%n",
                Instant.now().toString().substring(0, 19) + "Z", options, Runtime.version(),
                System.getProperty("java.vm.name"), Runtime.getRuntime().availableProcessors(), loadAverage());
        SSLContext tls = options.tls ? LoopbackTls.generate(dir) : null;
        long starting = System.nanoTime();
        try (Downstream downstream = new Downstream(dir, options.instances, tls);
             GatewayUnderTest gateway = new GatewayUnderTest(downstream.endpoints, tls)) {
            System.out.printf(Locale.ROOT, "%d × %s over stdio behind a bridge at %s (%s); gateway at %s; ready in %.1f s%n",
                    options.instances, Downstream.NPM_PACKAGE, downstream.endpoints.getFirst().resolve("/"),
                    tls == null ? "plain HTTP" : "mutual TLS", gateway.endpoint, (System.nanoTime() - starting) / 1e9);
            HttpClient.Builder http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(10));
            if (tls != null) {
                http.sslContext(tls);
            }
            try (HttpClient client = http.build()) {
                new GatewayBench(options, client, gateway, downstream.endpoints).run();
            }
        }
    }

    private void run() throws Exception {
        List<McpSession> directOne = new ArrayList<>();
        for (URI instance : direct) {
            directOne.add(new McpSession(http, instance, directTool, GatewayUnderTest.TOKEN));
        }
        List<McpSession> gatewayOne = List.of(new McpSession(http, gateway.endpoint, gatewayTool, GatewayUnderTest.TOKEN));
        List<McpSession> directMany = new ArrayList<>();
        List<McpSession> gatewayMany = new ArrayList<>();
        for (int w = 0; w < options.inFlight; w++) {
            directMany.add(new McpSession(http, direct.get(w % direct.size()), directTool, GatewayUnderTest.TOKEN));
            gatewayMany.add(new McpSession(http, gateway.endpoint, gatewayTool, GatewayUnderTest.TOKEN));
        }

        System.out.printf(Locale.ROOT, "answers: direct %s; gateway %s%n", directOne.getFirst().answerShape(),
                gatewayOne.getFirst().answerShape());
        long warming = System.nanoTime();
        sequential(directOne, gatewayOne, options.warmup, true);
        double warmSeconds = Math.min(options.seconds, 2);
        concurrent("direct warm-up", directMany, warmSeconds);
        concurrent("gateway warm-up", gatewayMany, warmSeconds);
        System.out.printf(Locale.ROOT, "warm-up: %d sequential calls and %.0f s at %d in flight per path, %.1f s%n%n",
                options.warmup, warmSeconds, options.inFlight, (System.nanoTime() - warming) / 1e9);

        List<Round> rounds = new ArrayList<>();
        for (int r = 1; r <= options.rounds; r++) {
            boolean directFirst = r % 2 == 1;
            Result[] one = sequential(directOne, gatewayOne, options.calls, directFirst);
            Result d64;
            Result g64;
            if (directFirst) {
                d64 = concurrent("direct", directMany, options.seconds);
                g64 = concurrent("gateway", gatewayMany, options.seconds);
            } else {
                g64 = concurrent("gateway", gatewayMany, options.seconds);
                d64 = concurrent("direct", directMany, options.seconds);
            }
            Round round = new Round(one[0], one[1], d64, g64);
            rounds.add(round);
            System.out.printf(Locale.ROOT, "round %d (%s first, load %.2f): 1 in flight p50 %.3f → %.3f ms (+%.3f); "
                            + "%d in flight %.0f → %.0f calls/s (%.0f %%), p50 %.2f → %.2f ms, "
                            + "CPU/call JVM+node %.0f+%.0f → %.0f+%.0f µs%n",
                    r, directFirst ? "direct" : "gateway", loadAverage(), round.d1.p50(), round.g1.p50(), round.addedP50(),
                    options.inFlight, round.d64.rate(), round.g64.rate(), 100 * round.ratio64(), round.d64.p50(),
                    round.g64.p50(), round.d64.jvmMicros(), round.d64.nodeMicros(), round.g64.jvmMicros(),
                    round.g64.nodeMicros());
        }
        print(rounds);
    }

    private void print(List<Round> rounds) {
        System.out.printf(Locale.ROOT, "%nMedians over %d rounds (tools/call echo; latency in ms; calls = per round)%n",
                rounds.size());
        System.out.printf(Locale.ROOT, "%-8s %9s %8s %8s %8s %8s %9s%n", "path", "in flight", "calls", "p50", "p90",
                "p99", "calls/s");
        row("direct", 1, rounds, Round::d1);
        row("gateway", 1, rounds, Round::g1);
        row("direct", options.inFlight, rounds, Round::d64);
        row("gateway", options.inFlight, rounds, Round::g64);
        System.out.println();
        System.out.printf(Locale.ROOT, "gateway adds at 1 in flight: p50 %+.3f ms, p99 %+.3f ms; throughput %.0f %% of direct%n",
                median(rounds, Round::addedP50), median(rounds, r -> r.g1.p99() - r.d1.p99()),
                100 * median(rounds, r -> r.g1.rate() / r.d1.rate()));
        System.out.printf(Locale.ROOT, "gateway adds at %d in flight: p50 %+.3f ms, p99 %+.3f ms; throughput %.0f %% of direct%n",
                options.inFlight, median(rounds, r -> r.g64.p50() - r.d64.p50()), median(rounds, r -> r.g64.p99() - r.d64.p99()),
                100 * median(rounds, Round::ratio64));
        System.out.printf(Locale.ROOT, "CPU per call at %d in flight (µs; JVM = client, gateway and bridge; node = the servers):"
                        + " direct %.0f JVM + %.0f node, gateway %.0f JVM + %.0f node: the gateway adds %.0f µs of JVM CPU per call%n",
                options.inFlight, median(rounds, r -> r.d64.jvmMicros()), median(rounds, r -> r.d64.nodeMicros()),
                median(rounds, r -> r.g64.jvmMicros()), median(rounds, r -> r.g64.nodeMicros()),
                median(rounds, r -> r.g64.jvmMicros() - r.d64.jvmMicros()));
        System.out.printf(Locale.ROOT, "  per round: added p50 at 1 in flight %s ms; throughput at %d in flight %s %%%n",
                list(rounds, Round::addedP50, "%.3f"), options.inFlight, list(rounds, r -> 100 * r.ratio64(), "%.0f"));
        double added = median(rounds, Round::addedP50);
        double ratio = median(rounds, Round::ratio64);
        System.out.printf(Locale.ROOT, "targets: added p50 ≤ 0.5 ms: %s (%.3f ms); ≥ 80 %% of direct throughput at %d in flight: %s (%.0f %%)%n",
                added <= 0.5 ? "met" : "NOT met", added, options.inFlight, ratio >= 0.8 ? "met" : "NOT met", 100 * ratio);
        Map<String, Long> spread = gateway.callsPerInstance();
        System.out.printf(Locale.ROOT, "the gateway's calls per instance (warm-up included): %s; not OK: %d%n", spread,
                gateway.callsNotOk());
    }

    private static void row(String path, int inFlight, List<Round> rounds, java.util.function.Function<Round, Result> pick) {
        System.out.printf(Locale.ROOT, "%-8s %9d %8.0f %8.3f %8.3f %8.3f %9.0f%n", path, inFlight,
                median(rounds, r -> pick.apply(r).calls()), median(rounds, r -> pick.apply(r).p50()),
                median(rounds, r -> pick.apply(r).p90()), median(rounds, r -> pick.apply(r).p99()),
                median(rounds, r -> pick.apply(r).rate()));
    }

    /**
     * {@code n} calls per path, one at a time, in blocks of {@value #BLOCK} alternating between the paths; direct
     * calls go round robin over the instances. Returns {direct, gateway}; calls/s is 1 / mean latency.
     */
    private Result[] sequential(List<McpSession> directSessions, List<McpSession> gatewaySessions, int n,
                                boolean directFirst) throws Exception {
        Samples d = new Samples();
        Samples g = new Samples();
        int di = 0;
        int gi = 0;
        for (int block = 0; block < n; block += BLOCK) {
            int size = Math.min(BLOCK, n - block);
            for (int pass = 0; pass < 2; pass++) {
                boolean isDirect = (pass == 0) == directFirst;
                for (int i = 0; i < size; i++) {
                    if (isDirect) {
                        d.add(directSessions.get(di++ % directSessions.size()).call());
                    } else {
                        g.add(gatewaySessions.get(gi++ % gatewaySessions.size()).call());
                    }
                }
            }
        }
        Samples.Stats ds = d.stats();
        Samples.Stats gs = g.stats();
        return new Result[] {new Result(ds, 1000 / ds.mean(), Double.NaN, Double.NaN),
            new Result(gs, 1000 / gs.mean(), Double.NaN, Double.NaN)};
    }

    /**
     * One worker per session on a virtual thread, calling back to back. After a ramp of {@code options.ramp}
     * seconds, the calls that finish within the next {@code seconds} are counted and their latencies kept.
     */
    private Result concurrent(String path, List<McpSession> sessions, double seconds) throws Exception {
        long from = System.nanoTime() + (long) (options.ramp * 1e9);
        long to = from + (long) (seconds * 1e9);
        Samples[] samples = new Samples[sessions.size()];
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Thread> workers = new ArrayList<>();
        for (int w = 0; w < sessions.size(); w++) {
            McpSession session = sessions.get(w);
            Samples mine = samples[w] = new Samples();
            workers.add(Thread.ofVirtual().name("bench-worker-" + w).start(() -> {
                try {
                    while (System.nanoTime() < to && failure.get() == null) {
                        long took = session.call();
                        long end = System.nanoTime();
                        if (end - took >= from && end <= to) {
                            mine.add(took);
                        }
                    }
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
            }));
        }
        sleepUntil(from);
        PhaseEvent phase = new PhaseEvent();
        phase.begin();
        Cpu atStart = Cpu.now();
        sleepUntil(to);
        Cpu used = Cpu.now().minus(atStart);
        phase.end();
        for (Thread worker : workers) {
            worker.join();
        }
        if (failure.get() != null) {
            throw new IllegalStateException("a worker failed", failure.get());
        }
        Samples all = new Samples();
        for (Samples s : samples) {
            all.addAll(s);
        }
        Samples.Stats stats = all.stats();
        if (phase.shouldCommit()) {
            phase.path = path;
            phase.inFlight = sessions.size();
            phase.calls = stats.calls();
            phase.commit();
        }
        return new Result(stats, stats.calls() / seconds, used.jvmNanos() / 1e3 / stats.calls(),
                used.childNanos() / 1e3 / stats.calls());
    }

    private static void sleepUntil(long nanoTime) throws InterruptedException {
        long left = nanoTime - System.nanoTime();
        if (left > 0) {
            Thread.sleep(Duration.ofNanos(left));
        }
    }

    private static double median(List<Round> rounds, ToDoubleFunction<Round> value) {
        double[] values = rounds.stream().mapToDouble(value).sorted().toArray();
        int mid = values.length / 2;
        return values.length % 2 == 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
    }

    private static String list(List<Round> rounds, ToDoubleFunction<Round> value, String format) {
        return String.join(", ", rounds.stream().map(r -> String.format(Locale.ROOT, format, value.applyAsDouble(r))).toList());
    }

    private static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    /** @param jvmMicros, nodeMicros CPU per call in µs of this JVM and of the node processes (NaN: not taken) */
    private record Result(Samples.Stats stats, double rate, double jvmMicros, double nodeMicros) {
        double calls() {
            return stats.calls();
        }

        double p50() {
            return stats.p50();
        }

        double p90() {
            return stats.p90();
        }

        double p99() {
            return stats.p99();
        }
    }

    private record Round(Result d1, Result g1, Result d64, Result g64) {
        double addedP50() {
            return g1.p50() - d1.p50();
        }

        double ratio64() {
            return g64.rate() / d64.rate();
        }
    }

    /** {@code --name=value} arguments; see {@code bench/gateway.sh}. */
    private record Options(int instances, int warmup, int calls, int inFlight, double seconds, int rounds, double ramp,
                           boolean tls) {

        static Options parse(String[] args) {
            int instances = 2;
            int warmup = 2000;
            int calls = 2000;
            int inFlight = 64;
            double seconds = 5;
            int rounds = 5;
            double ramp = 1;
            boolean tls = false;
            for (String arg : args) {
                String[] kv = arg.split("=", 2);
                String value = kv.length == 2 ? kv[1] : null;
                try {
                    switch (kv[0]) {
                        case "--instances" -> instances = positive(kv[0], Integer.parseInt(value));
                        case "--warmup" -> warmup = Integer.parseInt(value);
                        case "--calls" -> calls = positive(kv[0], Integer.parseInt(value));
                        case "--in-flight" -> inFlight = positive(kv[0], Integer.parseInt(value));
                        case "--seconds" -> seconds = positive(kv[0], Double.parseDouble(value));
                        case "--rounds" -> rounds = positive(kv[0], Integer.parseInt(value));
                        case "--ramp" -> ramp = Double.parseDouble(value);
                        case "--tls" -> tls = value == null || Boolean.parseBoolean(value);
                        default -> throw new IllegalArgumentException("unknown argument " + arg + "; known: --instances=N "
                                + "--warmup=N --calls=N --in-flight=N --seconds=S --rounds=N --ramp=S --tls");
                    }
                } catch (NullPointerException | NumberFormatException e) {
                    throw new IllegalArgumentException(kv[0] + " needs a number, as in " + kv[0] + "=5; got: " + arg);
                }
            }
            return new Options(instances, warmup, calls, inFlight, seconds, rounds, ramp, tls);
        }

        private static <N extends Number> N positive(String name, N value) {
            if (value.doubleValue() <= 0) {
                throw new IllegalArgumentException(name + " must be positive");
            }
            return value;
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "instances=%d warmup=%d calls=%d in-flight=%d seconds=%s rounds=%d ramp=%s%s",
                    instances, warmup, calls, inFlight, seconds, rounds, ramp, tls ? " tls" : "");
        }
    }
}
