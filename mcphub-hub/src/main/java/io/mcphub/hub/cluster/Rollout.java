package io.mcphub.hub.cluster;

import io.mcphub.core.error.ProblemException;
import io.mcphub.core.error.ProblemType;
import io.mcphub.store.Store;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Replaces a service's instances one at a time: each is restarted (a new generation, so its agent starts a new
 * process in place) and must report healthy <em>on the new generation</em> before the next one goes, so a service
 * with two or more replicas always has one serving. Before its restart each instance is drained: the gateway stops
 * routing to it and the calls in flight on it finish. An instance that does not come back stops the rollout with the
 * rest untouched, as a Kubernetes rolling update pauses on a failing pod.
 */
public final class Rollout {

    private static final Duration POLL = Duration.ofMillis(50);
    /** How long a drain waits for calls in flight: a call still running then is as long as a gateway call may take. */
    private static final Duration DRAIN = Duration.ofSeconds(30);
    /** How long the gateway may take to see a restarted instance healthy (it re-reads its upstreams on a change). */
    private static final Duration ROUTING = Duration.ofSeconds(10);
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Rollout.class);

    private final Store store;
    private final Instances instances;
    private final Draining draining;

    public Rollout(Store store, Instances instances, Draining draining) {
        this.store = store;
        this.instances = instances;
        this.draining = draining;
    }

    /** One replaced instance: its process before and after, and how long it took to be healthy again. */
    public record Step(String instance, String node, Long oldPid, Long newPid, long millis) {}

    public List<Step> restart(List<InstanceRecord> targets, Duration perInstance) {
        List<Step> done = new ArrayList<>();
        for (InstanceRecord target : targets) {
            Optional<InstanceRecord> current = instances.find(target.id());
            if (current.isEmpty()) {
                continue; // scaled away meanwhile: nothing left to restart
            }
            InstanceRecord next = current.get().restarted();
            Long oldPid = instances.status(next.id()).map(InstanceStatus::pid).orElse(null);
            long start = System.nanoTime();
            boolean back = false;
            try {
                drain(next.id());
                store.txn(List.of(), List.of(Instances.put(next)));
                InstanceStatus healthy = awaitHealthy(next, perInstance, targets.size() - done.size() - 1);
                back = true;
                awaitRouting(next.id());
                done.add(new Step(next.id(), next.node(), oldPid, healthy.pid(), (System.nanoTime() - start) / 1_000_000));
            } finally {
                if (!back) {
                    draining.resume(next.id());
                }
            }
        }
        return done;
    }

    private void drain(String id) {
        try {
            int left = draining.drain(id, DRAIN);
            if (left > 0) {
                LOG.warn("instance {} restarts with {} gateway call(s) still in flight after {} s of draining", id, left,
                        DRAIN.toSeconds());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProblemException(ProblemType.NOT_READY, "interrupted while draining " + id);
        }
    }

    /** Back in the gateway's routing before the next instance goes; a gateway that lags is logged, not fatal. */
    private void awaitRouting(String id) {
        try {
            if (!draining.resumeAndAwaitRouting(id, ROUTING)) {
                LOG.warn("instance {} is healthy but the gateway did not route to it within {} s; the rollout goes on",
                        id, ROUTING.toSeconds());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProblemException(ProblemType.NOT_READY, "interrupted while waiting for the gateway to route to " + id);
        }
    }

    private InstanceStatus awaitHealthy(InstanceRecord next, Duration timeout, int remaining) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Optional<InstanceStatus> status = instances.status(next.id());
            if (status.isPresent() && status.get().healthyRunning(next.runHash())) {
                return status.get();
            }
            if (System.nanoTime() > deadline) {
                String seen = status.filter(s -> next.runHash().equals(s.runHash()))
                        .map(s -> s.state() + (s.detail() == null ? "" : " (" + s.detail() + ")"))
                        .orElse("not yet restarted by node " + next.node());
                throw new ProblemException(ProblemType.NOT_READY, "instance " + next.id() + " was not healthy "
                        + timeout.toSeconds() + " s after its restart (" + seen + "); " + remaining + " more instance"
                        + (remaining == 1 ? " was" : "s were") + " left as they were — see 'mcphub service logs "
                        + next.serviceKey() + " --instance " + next.id() + "'");
            }
            try {
                Thread.sleep(POLL);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ProblemException(ProblemType.NOT_READY, "interrupted while restarting " + next.id());
            }
        }
    }
}
