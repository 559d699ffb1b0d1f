package io.mcphub.hub.metrics;

import io.mcphub.gateway.CallEvent;
import io.mcphub.hub.cluster.Instances;
import io.mcphub.hub.cluster.Nodes;
import io.mcphub.store.Store;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmInfoMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

/**
 * The hub's meters, in one registry per hub (so that two hubs in one JVM, as in tests, do not mix their figures),
 * exposed in Prometheus' text format. Every meter the hub has is named here; components are handed this object, or
 * {@link #registry()} for a meter of their own. Meter names are Micrometer's dotted ones; Prometheus sees them with
 * underscores and a unit suffix ({@code mcphub.config.propagation} → {@code mcphub_config_propagation_seconds}).
 */
public final class HubMetrics implements AutoCloseable {

    /** What {@link #scrape()} returns: Prometheus' text exposition format 0.0.4. */
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
    /** The {@code service} of a tool call whose name matched no service. */
    static final String NO_SERVICE = "_none";
    /** Distinct configuration keys and services with series of their own; see {@link BoundedTagValues}. */
    static final int MAX_KEYS = 100;
    static final int MAX_SERVICES = 200;

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final JvmGcMetrics gc = new JvmGcMetrics();
    private final Meter.MeterProvider<Timer> httpRequests;
    private final Meter.MeterProvider<Timer> toolCalls;
    private final Meter.MeterProvider<Timer> propagation;
    private final Counter propagationNegative;
    private final BoundedTagValues services = new BoundedTagValues("service", MAX_SERVICES);
    private final BoundedTagValues keys = new BoundedTagValues("key", MAX_KEYS);

    public HubMetrics() {
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new JvmInfoMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        new FileDescriptorMetrics().bindTo(registry);

        // Fixed buckets rather than a percentile histogram: a dozen series per route, method and status, and the
        // bounds one reads an SLO against.
        httpRequests = Timer.builder("mcphub.http.server.requests")
                .description("Requests to the hub's HTTP server (API and MCP gateway) by route template, method and status")
                .serviceLevelObjectives(millis(1, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10_000))
                .withRegistry(registry);
        toolCalls = Timer.builder("mcphub.gateway.tool.calls")
                .description("tools/call requests through the MCP gateway, from arrival to answer, by service and outcome")
                .serviceLevelObjectives(millis(1, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10_000, 30_000, 60_000))
                .withRegistry(registry);
        // Percentile histogram, for histogram_quantile() across hubs and keys; 50 ms (the target of
        // docs/benchmarks.md) is a bucket bound of its own so the share within target is one division away.
        propagation = Timer.builder("mcphub.config.propagation")
                .description("From a configuration version's publish to a watcher having applied it, by document key")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(30))
                .serviceLevelObjectives(Duration.ofMillis(50))
                .withRegistry(registry);
        propagationNegative = Counter.builder("mcphub.config.propagation.negative")
                .description("Propagation times that came out negative (publisher's and watcher's clocks apart) and were not recorded")
                .register(registry);
    }

    /** Where components add meters of their own. */
    public MeterRegistry registry() {
        return registry;
    }

    /** The text Prometheus scrapes, in {@link #CONTENT_TYPE}. */
    public String scrape() {
        return registry.scrape();
    }

    /** An HTTP request finished; {@code route} is its route's template (see {@code ApiServer.RequestObserver}). */
    public void httpRequest(String method, String route, int status, long nanos) {
        httpRequests.withTags("method", method, "route", route, "status", Integer.toString(status)).record(nanos, TimeUnit.NANOSECONDS);
    }

    /** A tool call through the gateway finished, whatever its outcome (the gateway's {@code CallAudit} hook). */
    public void toolCall(CallEvent call) {
        String service = call.service() == null ? NO_SERVICE : services.of(call.service());
        toolCalls.withTags("service", service, "outcome", call.outcome().name().toLowerCase(Locale.ROOT))
                .record(call.duration());
    }

    /**
     * A watcher applied a configuration version: {@code publishToApplied} runs from the version's publish time to
     * the moment it took effect. Recorded as {@code mcphub_config_propagation_seconds{key}}. A negative duration
     * (clocks apart) is counted in {@code mcphub_config_propagation_negative_total} instead.
     */
    public void configApplied(String key, Duration publishToApplied) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(publishToApplied, "publishToApplied");
        if (publishToApplied.isNegative()) {
            propagationNegative.increment();
            return;
        }
        propagation.withTags("key", keys.of(key)).record(publishToApplied);
    }

    /** Gauges of nodes up and down and of instances by state, read from the store when scraped. */
    public void watchCluster(Store store, Nodes nodes, Instances instances) {
        new ClusterGauges(store, nodes, instances).register(registry);
    }

    /** A gauge of the gateway's open client sessions. */
    public void watchGatewaySessions(IntSupplier sessions) {
        Gauge.builder("mcphub.gateway.sessions", sessions, IntSupplier::getAsInt)
                .description("Open MCP client sessions with the gateway").strongReference(true).register(registry);
    }

    @Override
    public void close() {
        gc.close(); // it listens to the JVM's GC notifications, which outlive this hub
        registry.close();
    }

    private static Duration[] millis(long... bounds) {
        Duration[] d = new Duration[bounds.length];
        for (int i = 0; i < bounds.length; i++) {
            d[i] = Duration.ofMillis(bounds[i]);
        }
        return d;
    }
}
