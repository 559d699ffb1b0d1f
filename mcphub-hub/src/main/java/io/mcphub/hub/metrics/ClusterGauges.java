package io.mcphub.hub.metrics;

import io.mcphub.hub.cluster.InstanceStatus;
import io.mcphub.hub.cluster.Instances;
import io.mcphub.hub.cluster.Nodes;
import io.mcphub.store.KeyValue;
import io.mcphub.store.Store;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToDoubleFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Nodes up and down, instances by state, as the store has them now. The hub keeps no in-memory view of these, so
 * they are read at scrape time — one snapshot (three range reads, only the small status records parsed) shared by
 * all the gauges of one scrape — rather than by a poller that would read the store while nobody looks.
 */
final class ClusterGauges {

    /** The states of {@code GET /api/v1/services}; {@code pending}: placed, nothing reported yet. */
    static final List<String> STATES = List.of("pending", "starting", "healthy", "unhealthy", "restarting", "stopped", "failed");
    /** A state some newer agent reports that this hub does not know yet: counted, not dropped. */
    static final String OTHER_STATE = "other";
    private static final long FRESH_NANOS = 1_000_000_000L;
    private static final Logger LOG = LoggerFactory.getLogger(ClusterGauges.class);

    private record Snapshot(double nodesUp, double nodesDown, Map<String, Double> instances) {}

    private final Store store;
    private final Nodes nodes;
    private final Instances instances;
    private Snapshot last;
    private long takenAt;
    private boolean failing;

    ClusterGauges(Store store, Nodes nodes, Instances instances) {
        this.store = store;
        this.nodes = nodes;
        this.instances = instances;
    }

    void register(MeterRegistry registry) {
        gauge(registry, "mcphub.cluster.nodes", "state", "up", "Joined nodes whose liveness lease is alive, and the others", Snapshot::nodesUp);
        gauge(registry, "mcphub.cluster.nodes", "state", "down", "Joined nodes whose liveness lease is alive, and the others", Snapshot::nodesDown);
        for (String state : STATES) {
            gauge(registry, "mcphub.cluster.instances", "state", state, "Placed instances by their last reported state",
                    s -> s.instances().getOrDefault(state, 0.0));
        }
        gauge(registry, "mcphub.cluster.instances", "state", OTHER_STATE, "Placed instances by their last reported state",
                s -> s.instances().getOrDefault(OTHER_STATE, 0.0));
    }

    private void gauge(MeterRegistry registry, String name, String tag, String value, String help, ToDoubleFunction<Snapshot> of) {
        Gauge.builder(name, this, g -> {
                    Snapshot s = g.snapshot();
                    return s == null ? Double.NaN : of.applyAsDouble(s);
                })
                .description(help).tag(tag, value).strongReference(true).register(registry);
    }

    /**
     * The current figures, or null while the store cannot be read (the gauges then show NaN: unknown, not zero). A
     * failure is remembered as long as a success, so a scrape during a store outage waits for the store once, not
     * once per gauge.
     */
    private synchronized Snapshot snapshot() {
        long now = System.nanoTime();
        if (takenAt != 0 && now - takenAt < FRESH_NANOS) {
            return last;
        }
        try {
            Set<String> placed = new HashSet<>();
            Set<String> joined = new HashSet<>();
            for (KeyValue kv : store.range(Instances.PREFIX).kvs()) {
                placed.add(kv.key().substring(Instances.PREFIX.length()));
            }
            for (KeyValue kv : store.range(Nodes.PREFIX).kvs()) {
                joined.add(kv.key().substring(Nodes.PREFIX.length()));
            }
            long up = nodes.up().stream().filter(joined::contains).count();
            Map<String, InstanceStatus> statuses = instances.statuses();
            Map<String, Double> byState = new HashMap<>();
            for (String id : placed) {
                InstanceStatus s = statuses.get(id);
                String state = s == null ? "pending" : STATES.contains(s.state()) ? s.state() : OTHER_STATE;
                byState.merge(state, 1.0, Double::sum);
            }
            last = new Snapshot(up, joined.size() - up, byState);
            failing = false;
        } catch (RuntimeException e) {
            if (!failing) {
                LOG.warn("metrics: cannot read the cluster's state for the node and instance gauges: {}", e.getMessage());
                failing = true;
            }
            last = null;
        }
        takenAt = System.nanoTime();
        return last;
    }
}
