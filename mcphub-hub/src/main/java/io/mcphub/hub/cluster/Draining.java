package io.mcphub.hub.cluster;

import java.time.Duration;

/**
 * Takes instances out of the gateway's routing before they stop, as a load balancer deregisters a target and lets
 * its connections drain before the target goes: a rolling restart drains each instance, waits for the calls the
 * gateway has in flight on it, and only then replaces it — so no call is cut off by the restart.
 */
public final class Draining {

    private static final Duration POLL = Duration.ofMillis(20);

    /** What routes calls to instances: the gateway. */
    public interface Router {
        void drain(String instanceId);

        void resume(String instanceId);

        int inFlight(String instanceId);

        /** Whether new requests go to the instance now (the gateway's view of its health lags the store's a little). */
        boolean routable(String instanceId);
    }

    private static final Router NONE = new Router() {
        @Override
        public void drain(String instanceId) {}

        @Override
        public void resume(String instanceId) {}

        @Override
        public int inFlight(String instanceId) {
            return 0;
        }

        @Override
        public boolean routable(String instanceId) {
            return true;
        }
    };

    private volatile Router router = NONE;

    /** The gateway, once it runs; until then nothing routes, so nothing needs draining. */
    public void routeWith(Router router) {
        this.router = router;
    }

    /**
     * Takes the instance out of routing and waits until no call is in flight on it, or {@code max}; returns the calls
     * still in flight when it stopped waiting (0 when drained).
     */
    public int drain(String instanceId, Duration max) throws InterruptedException {
        Router r = router;
        r.drain(instanceId);
        long deadline = System.nanoTime() + max.toNanos();
        int left;
        while ((left = r.inFlight(instanceId)) > 0 && System.nanoTime() < deadline) {
            Thread.sleep(POLL);
        }
        return left;
    }

    /** Puts the instance back into routing (the gateway sends it calls again once it is healthy). */
    public void resume(String instanceId) {
        router.resume(instanceId);
    }

    /**
     * Puts the instance back and waits until the gateway routes to it, or {@code max}: only then may the next
     * instance of its service be drained, or for a moment none would take calls. False if it did not in time.
     */
    public boolean resumeAndAwaitRouting(String instanceId, Duration max) throws InterruptedException {
        Router r = router;
        r.resume(instanceId);
        long deadline = System.nanoTime() + max.toNanos();
        while (!r.routable(instanceId)) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(POLL);
        }
        return true;
    }
}
