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
        lock.lock();
        try {
            reconnectLater();
        } finally {
            lock.unlock();
        }
        return this;
    }

    /** The fingerprint of the host's key: the one presented on the first connection, pinned from then on. */
    public String hostKey() {
        lock.lock();
        try {
            return hostKeys.pinned();
        } finally {
            lock.unlock();
        }
    }

    public boolean connected() {
        lock.lock();
        try {
            return session != null && session.isOpen();
        } finally {
            lock.unlock();
        }
    }

    /** Waits until the tunnel is up, for at most {@code timeout}. */
    public boolean awaitConnected(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        lock.lock();
        try {
            while (!closed && (session == null || !session.isOpen())) {
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
        lock.lock();
        try {
            int bound = remotePort;
            if (session != null && session.isOpen()) {
                bound = session.forwardRemote(remotePort, localHost, localPort);
            } else if (remotePort == 0) {
                throw notConnected();
            }
            remote.put(bound, new Endpoint(localHost, localPort));
            return bound;
        } finally {
            lock.unlock();
        }
    }

    /**
     * This side's loopback port that reaches the target's loopback {@code remotePort}, opened on first use and kept
     * on the same local port across reconnections.
     */
    public int forwardLocal(int remotePort) {
        lock.lock();
        try {
            Integer existing = local.get(remotePort);
            if (existing != null) {
                return existing;
            }
            if (session == null || !session.isOpen()) {
                throw notConnected();
            }
            int bound = session.forwardLocal(0, remotePort);
            local.put(remotePort, bound);
            return bound;
        } finally {
            lock.unlock();
        }
    }

    /** Closes the local forward to {@code remotePort}, if there is one. */
    public void stopLocal(int remotePort) {
        lock.lock();
        try {
            Integer port = local.remove(remotePort);
            if (port != null && session != null && session.isOpen()) {
                session.stopLocal(port);
            }
        } finally {
            lock.unlock();
        }
    }

    /** The current session, for commands and uploads; empty while reconnecting. */
    public Optional<SshSession> session() {
        lock.lock();
        try {
            return session != null && session.isOpen() ? Optional.of(session) : Optional.empty();
        } finally {
            lock.unlock();
        }
    }

    /** The current session, or an UNREACHABLE failure that says the tunnel is reconnecting. */
    public SshSession requireSession() {
        return session().orElseThrow(this::notConnected);
    }

    @Override
    public void close() {
        Thread waiting;
        lock.lock();
        try {
            closed = true;
            waiting = reconnector;
            if (session != null) {
                session.close();
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        if (waiting != null) {
            waiting.interrupt();
        }
    }

    /**
     * A new session, the host key pinned, every forward back on its ports. The handshake runs outside the lock (it may
     * take the whole connect timeout), so callers asking for the tunnel's state are not held up by a dead host.
     */
    private void establish() {
        HostKeyPolicy policy;
        lock.lock();
        try {
            if (closed) {
                throw closedFailure();
            }
            policy = hostKeys;
        } finally {
            lock.unlock();
        }
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
        lock.lock();
        try {
            if (closed || session != which) {
                return;
            }
            session = null;
            LOG.warn("ssh tunnel to {} dropped; reconnecting", target);
            reconnectLater();
        } finally {
            lock.unlock();
        }
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
            lock.lock();
            try {
                if (closed || (session != null && session.isOpen())) {
                    return;
                }
            } finally {
                lock.unlock();
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

    private SshException closedFailure() {
        return new SshException(SshException.Reason.FAILED, "the tunnel to " + target + " was closed");
    }

    private SshException notConnected() {
        return new SshException(SshException.Reason.UNREACHABLE, "the SSH tunnel to " + target + " is down and reconnecting;"
                + " try again shortly, or check that the host is up");
    }
}
