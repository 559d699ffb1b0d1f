package io.mcphub.deploy.ssh;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A session to one host that stays up: when it drops (the host rebooted, sshd restarted, the keep-alive went
 * unanswered) it is re-established with exponential backoff, and so is every forward on it, on the same ports at
 * both ends — the programs using the forwards keep their addresses and only see a pause. The host key accepted on
 * the first connection is pinned for every reconnection, so a changed key is refused even if the first one was
 * accepted as new.
 */
public final class SshTunnel implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SshTunnel.class);
    static final Duration FIRST_RETRY = Duration.ofMillis(250);
    static final Duration MAX_RETRY = Duration.ofSeconds(10);

    private final SshConnector connector;
    private final SshAddress target;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    /** Target port → where its connections go on this side. */
    private final Map<Integer, Endpoint> remote = new LinkedHashMap<>();
    /** Remote port → local port. */
    private final Map<Integer, Integer> local = new LinkedHashMap<>();
    private HostKeyPolicy hostKeys;
    private SshSession session;
    private Thread reconnector;
    private boolean closed;

    public SshTunnel(SshConnector connector, SshAddress target, HostKeyPolicy hostKeys) {
        this.connector = connector;
        this.target = target;
        this.hostKeys = hostKeys;
    }

    public SshAddress target() {
        return target;
    }

    /**
     * Connects now, and re-establishes the forwards already declared on their recorded ports.
     *
     * @throws SshException why the first connection failed; nothing is retried then
     */
    public SshTunnel connect() {
        establish();
        return this;
    }

    /** Connects in the background, retrying as after a drop: for tunnels recorded earlier, whose host may be down now. */
    public SshTunnel connectInBackground() {
        locked(() -> {
            reconnectLater();
            return null;
        });
        return this;
    }

    /** The fingerprint of the host's key: the one presented on the first connection, pinned from then on. */
    public String hostKey() {
        return locked(hostKeys::pinned);
    }

    public boolean connected() {
        return locked(this::up);
    }

    /** Waits until the tunnel is up, for at most {@code timeout}. */
    public boolean awaitConnected(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        lock.lock();
        try {
            while (!closed && !up()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                changed.awaitNanos(left);
            }
            return !closed;
        } finally {
            lock.unlock();
        }
    }

    private record Endpoint(String host, int port) {}

    /**
     * The target listens on its loopback {@code remotePort} (0: any free one, remembered for reconnections) and what
     * connects there reaches {@code localHost:localPort} on this side.
     *
     * @return the target's port
     */
    public int forwardRemote(int remotePort, String localHost, int localPort) {
        return locked(() -> {
            if (!up() && remotePort == 0) {
                throw notConnected();
            }
            int bound = up() ? session.forwardRemote(remotePort, localHost, localPort) : remotePort;
            remote.put(bound, new Endpoint(localHost, localPort));
            return bound;
        });
    }

    /**
     * This side's loopback port that reaches the target's loopback {@code remotePort}, opened on first use and kept
     * on the same local port across reconnections.
     */
    public int forwardLocal(int remotePort) {
        return locked(() -> {
            Integer existing = local.get(remotePort);
            if (existing != null) {
                return existing;
            }
            if (!up()) {
                throw notConnected();
            }
            int bound = session.forwardLocal(0, remotePort);
            local.put(remotePort, bound);
            return bound;
        });
    }

    /** Closes the local forward to {@code remotePort}, if there is one. */
    public void stopLocal(int remotePort) {
        locked(() -> {
            Integer port = local.remove(remotePort);
            if (port != null && up()) {
                session.stopLocal(port);
            }
            return null;
        });
    }

    /** The current session, for commands and uploads; empty while reconnecting. */
    public Optional<SshSession> session() {
        return locked(() -> up() ? Optional.of(session) : Optional.empty());
    }

    /** The current session, or an UNREACHABLE failure that says the tunnel is reconnecting. */
    public SshSession requireSession() {
        return session().orElseThrow(this::notConnected);
    }

    @Override
    public void close() {
        Thread waiting = locked(() -> {
            closed = true;
            if (session != null) {
                session.close();
            }
            changed.signalAll();
            return reconnector;
        });
        if (waiting != null) {
            waiting.interrupt();
        }
    }

    /**
     * A new session, the host key pinned, every forward back on its ports. The handshake runs outside the lock (it may
     * take the whole connect timeout), so callers asking for the tunnel's state are not held up by a dead host.
     */
    private void establish() {
        HostKeyPolicy policy = locked(() -> {
            if (closed) {
                throw closedFailure();
            }
            return hostKeys;
        });
        SshSession fresh = connector.connect(target, policy);
        lock.lock();
        try {
            if (closed) {
                fresh.close();
                throw closedFailure();
            }
            for (Map.Entry<Integer, Endpoint> f : remote.entrySet()) {
                fresh.forwardRemote(f.getKey(), f.getValue().host(), f.getValue().port());
            }
            for (Map.Entry<Integer, Integer> f : local.entrySet()) {
                fresh.forwardLocal(f.getValue(), f.getKey());
            }
            hostKeys = HostKeyPolicy.pinned(fresh.hostKey());
            session = fresh;
            changed.signalAll();
        } catch (SshException e) {
            fresh.close();
            throw e;
        } finally {
            lock.unlock();
        }
        // Registered last: a session that died while being set up is noticed here and reconnected like any other.
        fresh.onClose(() -> dropped(fresh));
    }

    private void dropped(SshSession which) {
        locked(() -> {
            if (!closed && session == which) {
                session = null;
                LOG.warn("ssh tunnel to {} dropped; reconnecting", target);
                reconnectLater();
            }
            return null;
        });
    }

    /** Under the lock: one reconnecting thread at a time. */
    private void reconnectLater() {
        if (reconnector != null && reconnector.isAlive()) {
            return;
        }
        reconnector = Thread.ofVirtual().name("ssh-reconnect-" + target.host()).start(this::reconnectLoop);
    }

    private void reconnectLoop() {
        Duration delay = FIRST_RETRY;
        String lastReason = null;
        while (!Thread.currentThread().isInterrupted()) {
            if (locked(() -> closed || up())) {
                return;
            }
            try {
                establish();
                LOG.info("ssh tunnel to {} is up (host key {})", target, hostKey());
                return;
            } catch (SshException e) {
                // Log a reason once, not every retry: a host down for an hour would otherwise fill the log.
                if (!e.getMessage().equals(lastReason)) {
                    LOG.warn("ssh tunnel to {} not up yet, retrying with backoff: {}", target, e.getMessage());
                    lastReason = e.getMessage();
                }
            }
            try {
                Thread.sleep(delay);
            } catch (InterruptedException e) {
                return;
            }
            delay = delay.multipliedBy(2).compareTo(MAX_RETRY) > 0 ? MAX_RETRY : delay.multipliedBy(2);
        }
    }

    /** Under the lock: whether the current session is open. */
    private boolean up() {
        return session != null && session.isOpen();
    }

    private <T> T locked(java.util.function.Supplier<T> action) {
        lock.lock();
        try {
            return action.get();
        } finally {
            lock.unlock();
        }
    }

    private SshException closedFailure() {
        return new SshException(SshException.Reason.FAILED, "the tunnel to " + target + " was closed");
    }

    private SshException notConnected() {
        return new SshException(SshException.Reason.UNREACHABLE, "the SSH tunnel to " + target + " is down and reconnecting;"
                + " try again shortly, or check that the host is up");
    }
}
