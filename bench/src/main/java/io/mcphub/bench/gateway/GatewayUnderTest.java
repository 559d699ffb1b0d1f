package io.mcphub.bench.gateway;

import io.javalin.Javalin;
import io.mcphub.deploy.runtime.Subscription;
import io.mcphub.gateway.CallAudit;
import io.mcphub.gateway.CallEvent;
import io.mcphub.gateway.Caller;
import io.mcphub.gateway.DownstreamTls;
import io.mcphub.gateway.Gateway;
import io.mcphub.gateway.GatewayAuth;
import io.mcphub.gateway.UpstreamInstance;
import io.mcphub.gateway.UpstreamService;
import io.mcphub.gateway.Upstreams;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import javax.net.ssl.SSLContext;

/**
 * The gateway as the hub mounts it (Javalin on virtual threads, default options), in front of the downstream
 * instances: a fixed upstream set (all healthy), one bearer token that yields a caller allowed everything, and an
 * audit sink that only counts calls per instance (so the bench can show how the gateway spread them).
 */
final class GatewayUnderTest implements AutoCloseable {

    static final String TOKEN = "bench-token";
    static final String NODE = "bench-node";

    final Gateway gateway;
    final Javalin app;
    final URI endpoint;
    private final Map<String, LongAdder> callsPerInstance = new ConcurrentHashMap<>();
    private final LongAdder notOk = new LongAdder();

    GatewayUnderTest(List<URI> instances, SSLContext tls) throws InterruptedException {
        List<UpstreamInstance> upstream = new ArrayList<>();
        for (int i = 0; i < instances.size(); i++) {
            upstream.add(new UpstreamInstance(Downstream.SERVICE + "-" + (i + 1), NODE, instances.get(i), true));
        }
        UpstreamService service = new UpstreamService(Downstream.SERVICE, Set.of(), upstream);
        Upstreams upstreams = new Upstreams() {
            @Override
            public List<UpstreamService> services() {
                return List.of(service);
            }

            @Override
            public Subscription onChange(Runnable listener) {
                return () -> { };
            }
        };
        CallAudit audit = this::count;
        DownstreamTls downstreamTls = tls == null ? DownstreamTls.NONE : node -> tls;
        gateway = Gateway.builder(upstreams, new OneToken()).audit(audit).tls(downstreamTls).build();
        app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.concurrency.useVirtualThreads = true;
            gateway.routes(config.routes);
        }).start("127.0.0.1", 0);
        endpoint = URI.create("http://127.0.0.1:" + app.port() + "/mcp");
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!gateway.listed(Downstream.SERVICE)) {
            if (System.nanoTime() > deadline) {
                close();
                throw new IllegalStateException("the gateway did not list " + Downstream.SERVICE + " within 60 s");
            }
            Thread.sleep(20);
        }
    }

    private void count(CallEvent event) {
        if (event.outcome() != CallEvent.Outcome.OK) {
            notOk.increment();
        }
        callsPerInstance.computeIfAbsent(String.valueOf(event.instance()), i -> new LongAdder()).increment();
    }

    /** Calls the gateway has reported so far, per instance. */
    Map<String, Long> callsPerInstance() {
        Map<String, Long> counts = new TreeMap<>();
        callsPerInstance.forEach((instance, calls) -> counts.put(instance, calls.sum()));
        return counts;
    }

    long callsNotOk() {
        return notOk.sum();
    }

    @Override
    public void close() {
        gateway.close();
        app.stop();
    }

    /** One fixed bearer token; its caller may use every service and call every tool. */
    private static final class OneToken implements GatewayAuth {
        private static final Caller BENCH = new Caller() {
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

        @Override
        public Caller authenticate(String bearerToken) throws Refused {
            if (!TOKEN.equals(bearerToken)) {
                throw new Refused("unknown token");
            }
            return BENCH;
        }
    }
}
