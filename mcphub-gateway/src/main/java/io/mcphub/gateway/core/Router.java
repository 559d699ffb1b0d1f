package io.mcphub.gateway.core;

import io.mcphub.gateway.UpstreamInstance;
import io.mcphub.gateway.UpstreamService;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Picks the instance for a request: among the healthy ones not being drained, the one with the fewest requests in
 * flight through this gateway; ties go round robin. The whole order is returned, so a request that may fail over
 * knows where to go next.
 */
final class Router {

    private final Map<String, AtomicInteger> inFlight = new ConcurrentHashMap<>();
    /** Instances about to stop: no new request goes there, those in flight finish. */
    private final java.util.Set<String> drained = ConcurrentHashMap.newKeySet();
    private final Map<String, AtomicLong> turns = new ConcurrentHashMap<>();

    /** Healthy instances, best first. */
    List<UpstreamInstance> order(UpstreamService service) {
        List<UpstreamInstance> healthy = new ArrayList<>(service.instances().size());
        for (UpstreamInstance instance : service.instances()) {
            if (instance.healthy() && !drained.contains(instance.id())) {
                healthy.add(instance);
            }
        }
        if (healthy.size() < 2) {
            return healthy;
        }
        long turn = turns.computeIfAbsent(service.name(), s -> new AtomicLong()).getAndIncrement();
        int start = (int) Math.floorMod(turn, (long) healthy.size());
        List<UpstreamInstance> rotated = new ArrayList<>(healthy.size());
        for (int i = 0; i < healthy.size(); i++) {
            rotated.add(healthy.get((start + i) % healthy.size()));
        }
        // A stable sort keeps the rotation among instances equally busy.
        rotated.sort(Comparator.comparingInt(this::load));
        return rotated;
    }

    /** Counts a request in flight on {@code instance} until the returned lease is closed. */
    Lease lease(UpstreamInstance instance) {
        AtomicInteger count = inFlight.computeIfAbsent(instance.id(), id -> new AtomicInteger());
        count.incrementAndGet();
        return count::decrementAndGet;
    }

    int load(UpstreamInstance instance) {
        return inFlight(instance.id());
    }

    int inFlight(String instanceId) {
        AtomicInteger count = inFlight.get(instanceId);
        return count == null ? 0 : count.get();
    }

    void drain(String instanceId) {
        drained.add(instanceId);
    }

    void resume(String instanceId) {
        drained.remove(instanceId);
    }

    boolean isDrained(String instanceId) {
        return drained.contains(instanceId);
    }

    @FunctionalInterface
    interface Lease extends AutoCloseable {
        @Override
        void close();
    }
}
