package io.mcphub.hub.cluster;

import io.mcphub.store.Store;
import io.mcphub.store.StoreException;
import io.mcphub.store.Watch;
import io.mcphub.store.WatchEvent;
import io.mcphub.store.WatchListener;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves instances off nodes that went down. A node's liveness key vanishes when its lease expires; the watch sees
 * the delete and re-plans the stacks that had instances there. A periodic sweep covers what a watch cannot: a hub
 * that was itself down when the node was lost. Every move is an ordinary plan written under the placements guard,
 * so several hub replicas reconciling at once converge on one result rather than fight.
 */
public final class Reconciler implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Reconciler.class);

    private final Deployments deployments;
    private final Nodes nodes;
    private final Instances instances;
    private final Watch watch;
    private final ScheduledExecutorService sweep;

    public Reconciler(Store store, Deployments deployments, Nodes nodes, Instances instances) {
        this.deployments = deployments;
        this.nodes = nodes;
        this.instances = instances;
        this.watch = store.watch(Nodes.ALIVE, 0, new WatchListener() {
            @Override
            public void onEvents(List<WatchEvent> events) {
                List<String> lost = events.stream().filter(e -> e.type() == WatchEvent.Type.DELETE)
                        .map(e -> e.key().substring(Nodes.ALIVE.length())).toList();
                if (!lost.isEmpty()) {
                    reschedule(lost);
                }
            }

            @Override
            public void onError(StoreException error) {
                LOG.warn("node liveness watch ended ({}); the periodic sweep takes over", error.getMessage());
            }
        });
        this.sweep = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("mcphub-reconciler").factory());
        sweep.scheduleWithFixedDelay(this::sweepOnce, 10, 10, TimeUnit.SECONDS);
    }

    private void sweepOnce() {
        try {
            List<String> up = nodes.up();
            List<String> down = instances.list().stream().map(InstanceRecord::node).distinct().filter(n -> !up.contains(n)).toList();
            if (!down.isEmpty()) {
                reschedule(down);
            }
        } catch (RuntimeException e) {
            LOG.warn("reconciler sweep failed: {}", e.getMessage());
        }
    }

    private void reschedule(List<String> down) {
        LOG.info("nodes down={}: moving their instances where placement allows", down);
        try {
            deployments.rescheduleFrom(down);
        } catch (RuntimeException e) {
            LOG.warn("rescheduling from {} failed: {}", down, e.getMessage());
        }
    }

    @Override
    public void close() {
        sweep.shutdownNow();
        watch.close();
    }
}
