package io.mcphub.hub.cluster;

import io.mcphub.config.ConfigCenter;
import io.mcphub.config.ConfigEvent;
import io.mcphub.config.DocumentRelease;
import io.mcphub.core.error.ProblemException;
import io.mcphub.core.error.ProblemType;
import io.mcphub.store.Store;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rolls restart-bound configuration out to running instances. Level-triggered, as a Kubernetes controller: on every
 * change to a document, an instance or a status it compares, per instance, the version of each restart-bound document
 * the instance runs (as its agent reports) with the version it should run (the head, or a gray release's candidate),
 * and restarts the instances that differ — one at a time per service, each drained by the gateway first and healthy
 * again before the next goes (see {@link Rollout}). A publish, a promote, an abort and an agent coming back after a
 * cut all end the same way: every instance runs what it should. {@code reload: file} documents need no controller:
 * agents rewrite them in place as their assignments change.
 */
public final class ConfigRollouts implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ConfigRollouts.class);

    private final Deployments deployments;
    private final Instances instances;
    private final Nodes nodes;
    private final ConfigCenter config;
    private final Duration perInstance;
    private final ChangeFeed feed;
    private final Thread loop;
    /** Services with a rollout in progress: one at a time each, so a service never loses two instances at once. */
    private final Set<String> rolling = ConcurrentHashMap.newKeySet();
    private final Map<String, List<Done>> done = new ConcurrentHashMap<>();
    private final Map<String, String> failures = new ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicLong sequence = new java.util.concurrent.atomic.AtomicLong();

    /** A restart this controller made, numbered so a caller can ask for those after a point. */
    private record Done(long seq, Rollout.Step step) {}

    public ConfigRollouts(Store store, Deployments deployments, Instances instances, Nodes nodes, ConfigCenter config,
                          Duration perInstance) {
        this.deployments = deployments;
        this.instances = instances;
        this.nodes = nodes;
        this.config = config;
        this.perInstance = perInstance;
        this.feed = new ChangeFeed(store, List.of(ConfigEvent.storePrefix(""), Instances.PREFIX, Instances.STATUS));
        this.loop = feed.follow("config-rollouts", -1, this::reconcile);
    }

    /** One instance and where it stands on its restart-bound documents. */
    private record Standing(InstanceRecord instance, InstanceStatus status, Map<String, ConfigTargets.Target> targets) {

        /** Healthy on its current generation, so its report says what it runs. */
        boolean settled() {
            return status != null && status.healthyRunning(instance.runHash());
        }

        /** The restart-bound documents it runs at another version than it should. */
        List<String> behind() {
            List<String> keys = new ArrayList<>();
            targets.values().stream().filter(t -> t.delivery() == ConfigTargets.Delivery.RESTART)
                    .filter(t -> status == null || !Objects.equals(status.config().get(t.key()), t.version()))
                    .forEach(t -> keys.add(t.key() + "@" + t.version()));
            return keys;
        }
    }

    private Map<String, List<Standing>> standings() {
        Map<String, DocumentRelease> releases = config.releases();
        Map<String, NodeRecord> nodeRecords = new HashMap<>();
        nodes.list().forEach(n -> nodeRecords.put(n.name(), n));
        Map<String, InstanceStatus> statuses = instances.statuses();
        Map<String, List<Standing>> byService = new LinkedHashMap<>();
        for (InstanceRecord i : instances.list()) {
            byService.computeIfAbsent(i.serviceKey(), k -> new ArrayList<>()).add(new Standing(i, statuses.get(i.id()),
                    ConfigTargets.of(i, nodeRecords.get(i.node()), releases)));
        }
        return byService;
    }

    private void reconcile() {
        standings().forEach((service, all) -> {
            List<InstanceRecord> stale = all.stream().filter(Standing::settled).filter(s -> !s.behind().isEmpty())
                    .map(Standing::instance).toList();
            if (stale.isEmpty() || !rolling.add(service)) {
                return;
            }
            Thread.ofVirtual().name("config-rollout-" + service).start(() -> {
                try {
                    roll(service, stale);
                } finally {
                    rolling.remove(service);
                    feed.poke(); // look again: more may have changed while this rollout ran
                }
            });
        });
    }

    private void roll(String service, List<InstanceRecord> stale) {
        for (InstanceRecord target : stale) {
            Standing now = standings().getOrDefault(service, List.of()).stream()
                    .filter(s -> s.instance().id().equals(target.id())).findFirst().orElse(null);
            if (now == null || !now.settled() || now.behind().isEmpty()) {
                continue; // gone, restarting already, or caught up meanwhile
            }
            if (!anotherServes(service, target.id())) {
                LOG.info("config rollout of {} waits: no other instance of {} is healthy", target.id(), service);
                return; // the next status change looks again
            }
            LOG.info("config rollout restarts instance={} service={} for {}", target.id(), service, now.behind());
            try {
                for (Rollout.Step step : deployments.restart(List.of(now.instance()), perInstance)) {
                    done.computeIfAbsent(service, k -> new java.util.concurrent.CopyOnWriteArrayList<>())
                            .add(new Done(sequence.incrementAndGet(), step));
                }
                failures.remove(service);
            } catch (ProblemException e) {
                failures.put(service, e.detail());
                LOG.warn("config rollout of {} stopped: {}", service, e.detail());
                return;
            }
        }
    }

    /** A service of one instance has nobody else; a replicated one must keep one instance serving. */
    private boolean anotherServes(String service, String except) {
        List<Standing> all = standings().getOrDefault(service, List.of());
        return all.size() < 2 || all.stream().anyMatch(s -> !s.instance().id().equals(except) && s.settled());
    }

    /** The current point in the record of restarts, to ask later for those made after it. */
    public long mark() {
        return sequence.get();
    }

    /**
     * Waits until every instance of {@code serviceKey} ({@code STACK/SERVICE}) is healthy and runs the version it
     * should of each document it gets from the hub, then returns the restarts made for it since {@code mark}.
     */
    public List<Rollout.Step> awaitConverged(String serviceKey, long mark, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        feed.poke();
        while (true) {
            List<Standing> all = standings().getOrDefault(serviceKey, List.of());
            List<String> waiting = all.stream().filter(s -> !s.settled() || !behindAny(s).isEmpty())
                    .map(s -> s.instance().id() + (s.settled() ? " (runs " + behindAny(s) + " not yet)" : " (not healthy)"))
                    .toList();
            if (waiting.isEmpty() && !rolling.contains(serviceKey)) { // a rollout records its last step after the instance is back
                return done.getOrDefault(serviceKey, List.of()).stream().filter(d -> d.seq() > mark).map(Done::step).toList();
            }
            String failure = failures.get(serviceKey);
            if (failure != null && !rolling.contains(serviceKey)) {
                throw new ProblemException(ProblemType.NOT_READY, failure);
            }
            if (System.nanoTime() > deadline) {
                throw new ProblemException(ProblemType.NOT_READY, "the new configuration has not reached every instance of "
                        + serviceKey + " after " + timeout.toSeconds() + " s: " + String.join(", ", waiting)
                        + "; see 'mcphub config status' and 'mcphub service logs " + serviceKey + "'");
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ProblemException(ProblemType.NOT_READY, "interrupted while waiting for " + serviceKey);
            }
        }
    }

    /** Every delivered document (in place or by restart) not yet at its version, as key@version. */
    private static List<String> behindAny(Standing s) {
        return s.targets().values().stream().filter(t -> t.delivery() != ConfigTargets.Delivery.AT_START)
                .filter(t -> s.status() == null || !Objects.equals(s.status().config().get(t.key()), t.version()))
                .map(t -> t.key() + "@" + t.version()).toList();
    }

    @Override
    public void close() {
        loop.interrupt();
        feed.close();
    }
}
