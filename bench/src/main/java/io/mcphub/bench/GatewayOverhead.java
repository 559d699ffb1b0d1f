package io.mcphub.bench;

import io.javalin.Javalin;
import io.mcphub.deploy.bridge.BridgeOptions;
import io.mcphub.deploy.bridge.BridgeServer;
import io.mcphub.deploy.runtime.Instance;
import io.mcphub.deploy.runtime.InstanceSpec;
import io.mcphub.deploy.runtime.InstanceState;
import io.mcphub.deploy.runtime.process.ProcessRuntime;
import io.mcphub.gateway.Caller;
import io.mcphub.gateway.Gateway;
import io.mcphub.gateway.GatewayAuth;
import io.mcphub.gateway.UpstreamInstance;
import io.mcphub.gateway.UpstreamService;
import io.mcphub.gateway.Upstreams;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the gateway adds to a tool call: {@code tools/call echo} on server-everything behind a real stdio bridge,
 * straight to the bridge and through the gateway, alternating in blocks so both see the same machine noise. Then
 * throughput with many calls in flight, each client with its own session, direct and through the gateway.
 *
 * <p>Usage: {@code GatewayOverhead [ROUNDS] [WARMUP] [IN_FLIGHT] [SECONDS]}.
 */
public final class GatewayOverhead {

    private static final String TOKEN = "bench-token";

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5000;
        int warmup = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
        int inFlight = args.length > 2 ? Integer.parseInt(args[2]) : 64;
        int seconds = args.length > 3 ? Integer.parseInt(args[3]) : 10;
        Path dir = Files.createTempDirectory("mcphub-bench-gateway");
        try (ProcessRuntime runtime = new ProcessRuntime();
             BridgeServer bridge = new BridgeServer("127.0.0.1", 0, null, BridgeOptions.DEFAULTS)) {
            Instance instance = runtime.start(InstanceSpec.builder("everything-1", "everything", "npx")
                    .args("-y", "@modelcontextprotocol/server-everything").transport(InstanceSpec.Transport.STDIO).build(),
                    dir.resolve("everything-1"));
            while (instance.state() != InstanceState.HEALTHY) {
                Thread.sleep(100);
            }
            bridge.start();
            URI direct = bridge.mount(instance);
            UpstreamService service = new UpstreamService("everything", Set.of(),
                    List.of(new UpstreamInstance("everything-1", "local", direct, true)));
            Upstreams upstreams = new Upstreams() {
                @Override
                public List<UpstreamService> services() {
                    return List.of(service);
                }

                @Override
                public io.mcphub.deploy.runtime.Subscription onChange(Runnable listener) {
                    return () -> { };
                }
            };
            try (Gateway gateway = Gateway.builder(upstreams, everyone()).build()) {
                Javalin app = Javalin.create(config -> {
                    config.startup.showJavalinBanner = false;
                    config.concurrency.useVirtualThreads = true;
                    gateway.routes(config.routes);
                }).start("127.0.0.1", 0);
                try {
                    while (!gateway.listed("everything")) {
                        Thread.sleep(50);
                    }
                    URI viaGateway = URI.create("http://127.0.0.1:" + app.port() + "/mcp");
                    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
                    Session d = new Session(http, direct, "echo");
                    Session g = new Session(http, viaGateway, "everything__echo");
                    latency(d, g, warmup, null, null);
                    long[] directNanos = new long[rounds];
                    long[] gatewayNanos = new long[rounds];
                    latency(d, g, rounds, directNanos, gatewayNanos);
                    System.out.printf(Locale.ROOT, "tools/call echo, sequential, %d rounds after %d warm-up%n", rounds, warmup);
                    double directP50 = print("direct (bridge)", directNanos);
                    double gatewayP50 = print("through the gateway", gatewayNanos);
                    System.out.printf(Locale.ROOT, "  added p50 %.3f ms%n", gatewayP50 - directP50);
                    double directRate = throughput(http, direct, "echo", inFlight, seconds);
                    double gatewayRate = throughput(http, viaGateway, "everything__echo", inFlight, seconds);
                    System.out.printf(Locale.ROOT, "%d in flight for %d s: direct %.0f calls/s, gateway %.0f calls/s (%.0f %%)%n",
                            inFlight, seconds, directRate, gatewayRate, 100 * gatewayRate / directRate);
                } finally {
                    app.stop();
                }
            }
        }
    }

    private static GatewayAuth everyone() {
        return token -> {
            if (!TOKEN.equals(token)) {
                throw new GatewayAuth.Refused("unknown token");
            }
            return new Caller() {
                @Override
                public String name() {
                    return "bench";
                }

                @Override
                public boolean mayUse(String service) {
                    return true;
                }

                @Override
                public boolean mayCall(String service, String tool) {
                    return true;
                }
            };
        };
    }

    /** Blocks of 100 calls, direct then through the gateway, so slow phases of the machine hit both alike. */
    private static void latency(Session direct, Session gateway, int n, long[] directNanos, long[] gatewayNanos)
            throws Exception {
        for (int block = 0; block < n; block += 100) {
            for (int i = block; i < Math.min(n, block + 100); i++) {
                long took = direct.call(i);
                if (directNanos != null) {
                    directNanos[i] = took;
                }
            }
            for (int i = block; i < Math.min(n, block + 100); i++) {
                long took = gateway.call(i);
                if (gatewayNanos != null) {
                    gatewayNanos[i] = took;
                }
            }
        }
    }

    private static double throughput(HttpClient http, URI endpoint, String tool, int inFlight, int seconds)
            throws Exception {
        AtomicLong calls = new AtomicLong();
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        List<Thread> clients = new ArrayList<>();
        for (int c = 0; c < inFlight; c++) {
            Session session = new Session(http, endpoint, tool);
            clients.add(Thread.ofVirtual().start(() -> {
                try {
                    for (int i = 0; System.nanoTime() < end; i++) {
                        session.call(i);
                        calls.incrementAndGet();
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }));
        }
        for (Thread client : clients) {
            client.join();
        }
        return calls.get() / (double) seconds;
    }

    /** A Streamable HTTP session: initialize once, then tools/call with the session id. */
    private static final class Session {
        private final HttpClient http;
        private final URI endpoint;
        private final String tool;
        private final String sessionId;

        Session(HttpClient http, URI endpoint, String tool) throws Exception {
            this.http = http;
            this.endpoint = endpoint;
            this.tool = tool;
            HttpResponse<String> init = http.send(post(null, "{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"initialize\",\"params\":"
                    + "{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"bench\",\"version\":\"1\"}}}"),
                    HttpResponse.BodyHandlers.ofString());
            this.sessionId = init.headers().firstValue("Mcp-Session-Id").orElseThrow(() ->
                    new IllegalStateException("initialize failed: " + init.statusCode() + " " + init.body()));
            http.send(post(sessionId, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}"),
                    HttpResponse.BodyHandlers.discarding());
        }

        long call(int id) throws Exception {
            String body = "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"tools/call\",\"params\":{\"name\":\"" + tool
                    + "\",\"arguments\":{\"message\":\"hello from the bench\"}}}";
            long start = System.nanoTime();
            HttpResponse<String> response = http.send(post(sessionId, body), HttpResponse.BodyHandlers.ofString());
            long took = System.nanoTime() - start;
            if (response.statusCode() != 200 || !response.body().contains("Echo: hello from the bench")) {
                throw new IllegalStateException("call " + id + " to " + endpoint + ": " + response.statusCode() + " " + response.body());
            }
            return took;
        }

        private HttpRequest post(String session, String body) {
            HttpRequest.Builder request = HttpRequest.newBuilder(endpoint).POST(HttpRequest.BodyPublishers.ofString(body))
                    .header("Content-Type", "application/json").header("Accept", "application/json, text/event-stream")
                    .header("Authorization", "Bearer " + TOKEN);
            if (session != null) {
                request.header("Mcp-Session-Id", session).header("Mcp-Protocol-Version", "2025-06-18");
            }
            return request.build();
        }
    }

    private static double print(String what, long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        double p50 = sorted[sorted.length / 2] / 1e6;
        System.out.printf(Locale.ROOT, "  %-22s p50 %7.3f ms   p90 %7.3f ms   p99 %7.3f ms%n", what, p50,
                sorted[(int) (sorted.length * 0.9)] / 1e6, sorted[(int) (sorted.length * 0.99)] / 1e6);
        return p50;
    }
}
