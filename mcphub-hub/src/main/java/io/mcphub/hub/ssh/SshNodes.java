package io.mcphub.hub.ssh;

import io.mcphub.core.Json;
import io.mcphub.core.error.ProblemException;
import io.mcphub.core.error.ProblemType;
import io.mcphub.deploy.ssh.ExecResult;
import io.mcphub.deploy.ssh.HostKeyPolicy;
import io.mcphub.deploy.ssh.RemoteFiles;
import io.mcphub.deploy.ssh.RemoteJava;
import io.mcphub.deploy.ssh.RemoteProcess;
import io.mcphub.deploy.ssh.Shell;
import io.mcphub.deploy.ssh.SshAddress;
import io.mcphub.deploy.ssh.SshConnector;
import io.mcphub.deploy.ssh.SshException;
import io.mcphub.deploy.ssh.SshSession;
import io.mcphub.deploy.ssh.SshTunnel;
import io.mcphub.hub.cluster.NodeRecord;
import io.mcphub.hub.cluster.Nodes;
import io.mcphub.security.pki.JoinTokens;
import io.mcphub.security.pki.NodeNames;
import io.mcphub.security.pki.Revocations;
import io.mcphub.store.Compare;
import io.mcphub.store.Op;
import io.mcphub.store.Store;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Agentless bootstrap and the tunnels of SSH nodes. Adding a node connects with the hub's key, checks the target's
 * Java, uploads the hub's own class path, opens remote forwards from the target's loopback to the hub's public API
 * and agent endpoint, and starts {@code mcphub agent} detached there with a fresh join token; the node is added once
 * its agent heartbeats through the tunnel. Until then nothing is recorded, and a failure undoes what was done.
 * The hub reaches the agent's own listener back through a local forward ({@link #bridge}).
 */
public final class SshNodes implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SshNodes.class);
    static final String PREFIX = "/mcphub/ssh/nodes/";
    static final int MIN_JAVA = 21;
    private static final Duration JOIN_TTL = Duration.ofMinutes(5);
    private static final Duration HEARTBEAT_WAIT = Duration.ofSeconds(60);
    private static final Duration STOP_GRACE = Duration.ofSeconds(30);
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(30);

    private final Store store;
    private final Nodes nodes;
    private final JoinTokens tokens;
    private final Revocations revocations;
    private final AgentDistribution distribution;
    private final Clock clock;
    private final SshConnector connector;
    private final Map<String, SshTunnel> tunnels = new ConcurrentHashMap<>();
    /** The bridge port each tunneled node last reported, whose local forward is open. */
    private final Map<String, Integer> bridgePorts = new ConcurrentHashMap<>();
    private final Set<String> adding = ConcurrentHashMap.newKeySet();
    private volatile HubPorts hub;

    /**
     * Where the tunnels lead on the hub's side.
     *
     * @param scheme of the public API ({@code http} on loopback: it stays loopback at both ends of the tunnel)
     * @param host   the address the hub listens on, as dialled from the hub itself
     */
    public record HubPorts(String scheme, String host, int publicPort, int agentPort) {}

    /** {@code POST /api/v1/nodes/ssh}, as sent. */
    public record Request(String name, String ssh, String hostKey, boolean acceptNewHostKey, Map<String, String> labels, String java) {}

    /** What an add did: the node as recorded, the Java it runs with, the agent's pid, the upload. */
    public record Added(SshNodeRecord node, String javaVersion, long pid, RemoteFiles.Synced files) {}

    public SshNodes(Store store, Nodes nodes, JoinTokens tokens, Revocations revocations, HubSshKey key, Path cacheDir, Clock clock) {
        this.store = store;
        this.nodes = nodes;
        this.tokens = tokens;
        this.revocations = revocations;
        this.distribution = new AgentDistribution(cacheDir);
        this.clock = clock;
        this.connector = new SshConnector(key.keyPair());
    }

    /** Called once the hub listens: from now on nodes can be added, and the recorded ones' tunnels re-open. */
    public void listen(HubPorts ports) {
        this.hub = ports;
        for (SshNodeRecord r : list()) {
            SshTunnel tunnel = new SshTunnel(connector, r.address(), HostKeyPolicy.pinned(r.hostKey()));
            tunnel.forwardRemote(r.hubPort(), ports.host(), ports.publicPort());
            tunnel.forwardRemote(r.agentPort(), ports.host(), ports.agentPort());
            tunnels.put(r.name(), tunnel.connectInBackground());
            LOG.info("ssh node {}: re-opening its tunnel to {}", r.name(), r.address());
        }
    }

    public Optional<SshNodeRecord> find(String name) {
        return store.get(PREFIX + name).map(kv -> Json.read(kv.value(), SshNodeRecord.class));
    }

    public List<SshNodeRecord> list() {
        return store.range(PREFIX).kvs().stream().map(kv -> Json.read(kv.value(), SshNodeRecord.class)).toList();
    }

    /** Whether the tunnel of an SSH node is up right now. */
    public boolean connected(String name) {
        SshTunnel t = tunnels.get(name);
        return t != null && t.connected();
    }

    public Added add(Request req) {
        if (req.name() == null || req.ssh() == null) {
            throw new ProblemException(ProblemType.BAD_REQUEST, "send {\"name\": NODE, \"ssh\": \"USER@HOST[:PORT]\"}: 'mcphub node add"
                    + " NAME --ssh USER@HOST' does this for you");
        }
        NodeNames.check(req.name());
        SshAddress address = badRequestIfInvalid(() -> SshAddress.parse(req.ssh()));
        HostKeyPolicy hostKeys = badRequestIfInvalid(() -> new HostKeyPolicy(req.hostKey(), req.acceptNewHostKey()));
        HubPorts ports = hub;
        if (ports == null) {
            throw new ProblemException(ProblemType.UNAVAILABLE, "the hub is still starting; add the node again in a moment");
        }
        if (!AgentDistribution.hasMain()) {
            throw new ProblemException(ProblemType.BAD_REQUEST, "this hub cannot start agents: it runs without the CLI ("
                    + AgentDistribution.MAIN + " is not on its class path); run the hub with 'mcphub hub' or 'mcphub dev'");
        }
        if (nodes.find(req.name()).isPresent() || find(req.name()).isPresent() || !adding.add(req.name())) {
            throw new ProblemException(ProblemType.CONFLICT, "node " + req.name() + " already exists; pick another name, or"
                    + " remove it first with 'mcphub node remove " + req.name() + "'");
        }
        try {
            return bootstrap(req, address, hostKeys, ports);
        } finally {
            adding.remove(req.name());
        }
    }

    private Added bootstrap(Request req, SshAddress address, HostKeyPolicy hostKeys, HubPorts ports) {
        String name = req.name();
        SshTunnel tunnel = new SshTunnel(connector, address, hostKeys);
        RemoteProcess agent = null;
        SshSession ssh = null;
        try {
            ssh = ssh(() -> tunnel.connect().requireSession());
            SshSession on = ssh;
            RemoteJava java = ssh(() -> RemoteJava.require(on, req.java(), MIN_JAVA));
            String dir = home(ssh) + "/.mcphub-agent/" + name;
            RemoteProcess process = new RemoteProcess(dir, dir + "/data");
            ssh(() -> process.running(on)).ifPresent(pid -> {
                throw new ProblemException(ProblemType.CONFLICT, "an agent for " + name + " already runs on " + address.host()
                        + " (pid " + pid + "); stop it there, or add this machine under another name");
            });
            // A data directory left by an earlier node of this name holds a revoked identity: start from none.
            ssh(() -> check(on, on.exec("rm -rf " + Shell.quote(dir + "/data"), COMMAND_TIMEOUT), "clearing " + dir + "/data"));
            RemoteFiles.Synced files = ssh(() -> RemoteFiles.sync(on, dir + "/lib", distribution.files()));
            int hubPort = ssh(() -> tunnel.forwardRemote(0, ports.host(), ports.publicPort()));
            int agentPort = ssh(() -> tunnel.forwardRemote(0, ports.host(), ports.agentPort()));
            String token = tokens.create(JOIN_TTL, req.labels() == null ? Map.of() : req.labels()).token();
            agent = process;
            long pid = ssh(() -> process.start(on, List.of(java.path(), "-cp", "lib/*", AgentDistribution.MAIN, "agent",
                    "--hub", ports.scheme() + "://127.0.0.1:" + hubPort, "--agent-endpoint", "https://127.0.0.1:" + agentPort,
                    "--name", name, "--data-dir", dir + "/data"), Map.of("MCPHUB_JOIN_TOKEN", token)));
            awaitHeartbeat(name, address, process, on);
            SshNodeRecord record = new SshNodeRecord(name, address.user(), address.host(), address.port(), tunnel.hostKey(), dir,
                    java.path(), hubPort, agentPort, clock.instant());
            store.txn(List.of(Compare.absent(PREFIX + name)), List.of(Op.put(PREFIX + name, Json.bytes(record))));
            tunnels.put(name, tunnel);
            LOG.info("ssh node {} added: {} host key {}, agent pid {}, {} files uploaded, {} unchanged", name, address,
                    record.hostKey(), pid, files.uploaded().size(), files.unchanged().size());
            return new Added(record, java.version(), pid, files);
        } catch (RuntimeException e) {
            undo(name, agent, ssh);
            tunnel.close();
            throw e;
        }
    }

    /** The node counts as added once its agent heartbeats with its fingerprint and listener, as 'node list' shows it. */
    private void awaitHeartbeat(String name, SshAddress address, RemoteProcess process, SshSession ssh) {
        long deadline = System.nanoTime() + HEARTBEAT_WAIT.toNanos();
        long nextLivenessCheck = System.nanoTime() + Duration.ofSeconds(2).toNanos();
        while (true) {
            Optional<NodeRecord> node = nodes.find(name);
            if (node.isPresent() && node.get().fingerprint() != null && node.get().bridgeUrl() != null && nodes.isUp(name)) {
                return;
            }
            if (System.nanoTime() > nextLivenessCheck) {
                if (ssh(() -> process.running(ssh)).isEmpty()) {
                    throw new ProblemException(ProblemType.BAD_REQUEST, "the agent on " + address.host() + " exited right after"
                            + " it started; its log " + process.dir() + "/" + RemoteProcess.LOG + " there ends: " + tail(process, ssh));
                }
                nextLivenessCheck = System.nanoTime() + Duration.ofSeconds(2).toNanos();
            }
            if (System.nanoTime() > deadline) {
                throw new ProblemException(ProblemType.NOT_READY, "the agent on " + address.host() + " did not report to the hub"
                        + " within " + HEARTBEAT_WAIT.toSeconds() + " s; its log " + process.dir() + "/" + RemoteProcess.LOG
                        + " there ends: " + tail(process, ssh));
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ProblemException(ProblemType.INTERNAL, "the hub was interrupted while adding " + name + "; add it again");
            }
        }
    }

    /** Best effort after a failed add: no agent left running, no node left registered with a usable certificate. */
    private void undo(String name, RemoteProcess agent, SshSession ssh) {
        if (agent != null && ssh != null && ssh.isOpen()) {
            try {
                agent.stop(ssh, STOP_GRACE);
            } catch (RuntimeException e) {
                LOG.warn("ssh node {}: could not stop the agent of a failed add: {}", name, e.getMessage());
            }
        }
        nodes.find(name).ifPresent(joined -> NodeRemoval.forget(nodes, revocations, joined));
    }

    /**
     * Stops an SSH node's agent (SIGTERM: it stops its instances first), clears its data directory, closes the tunnel
     * and forgets the node's SSH record.
     *
     * @return what happened to the agent, or empty if {@code name} is not an SSH node
     */
    public Optional<String> retire(String name) {
        Optional<SshNodeRecord> record = find(name);
        if (record.isEmpty()) {
            return Optional.empty();
        }
        SshNodeRecord r = record.get();
        SshTunnel tunnel = tunnels.remove(name);
        String outcome;
        try {
            if (tunnel == null || !tunnel.awaitConnected(Duration.ofSeconds(5))) {
                throw new SshException(SshException.Reason.UNREACHABLE, "its SSH tunnel is down");
            }
            SshSession ssh = tunnel.requireSession();
            boolean stopped = new RemoteProcess(r.dir(), r.dir() + "/data").stop(ssh, STOP_GRACE);
            check(ssh, ssh.exec("rm -rf " + Shell.quote(r.dir() + "/data"), COMMAND_TIMEOUT), "clearing " + r.dir() + "/data");
            outcome = stopped ? "stopped its agent and the agent's instances on " + r.host() : "no agent of it was running on " + r.host();
        } catch (SshException e) {
            outcome = "could not stop its agent on " + r.host() + " (" + e.getMessage() + "); stop it there by hand";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            outcome = "was interrupted before its agent on " + r.host() + " stopped; check there";
        } finally {
            if (tunnel != null) {
                tunnel.close();
            }
            bridgePorts.remove(name);
            store.delete(PREFIX + name);
        }
        LOG.info("ssh node {} retired: {}", name, outcome);
        return Optional.of(outcome);
    }

    /**
     * Where the hub dials a node's listener: for an SSH node, the local end of a forward to the port it reported
     * (opened on first use, moved when the agent restarted on another port); for any other node, what it reported.
     */
    public URI bridge(String node, URI reported) {
        SshTunnel tunnel = tunnels.get(node);
        if (tunnel == null) {
            return reported;
        }
        Integer previous = bridgePorts.put(node, reported.getPort());
        try {
            if (previous != null && previous != reported.getPort()) {
                tunnel.stopLocal(previous);
            }
            int local = tunnel.forwardLocal(reported.getPort());
            return new URI(reported.getScheme(), null, "127.0.0.1", local, reported.getPath(), null, null);
        } catch (SshException e) {
            throw new ProblemException(ProblemType.NODE_UNREACHABLE, "node " + node + " is reached through its SSH tunnel, which"
                    + " is down (" + e.getMessage() + ")");
        } catch (URISyntaxException e) {
            throw new ProblemException(ProblemType.NODE_UNREACHABLE, "node " + node + " reported a listener address the hub cannot"
                    + " use (" + reported + "); restart its agent");
        }
    }

    @Override
    public void close() {
        tunnels.values().forEach(SshTunnel::close);
        tunnels.clear();
        connector.close();
    }

    private static String home(SshSession ssh) {
        ExecResult r = check(ssh, ssh.exec("printf '%s' \"$HOME\"", COMMAND_TIMEOUT), "reading $HOME");
        if (!r.stdout().startsWith("/")) {
            throw new SshException(SshException.Reason.FAILED, ssh.target().user() + " has no home directory on " + ssh.target().host()
                    + " ($HOME is '" + r.stdout() + "'); give the user one, the agent lives under ~/.mcphub-agent");
        }
        return r.stdout();
    }

    private static ExecResult check(SshSession ssh, ExecResult r, String what) {
        if (!r.ok()) {
            throw new SshException(SshException.Reason.FAILED, what + " on " + ssh.target().host() + " failed (exit " + r.exitCode()
                    + ": " + r.lastLine() + "); check the disk and permissions there");
        }
        return r;
    }

    private static String tail(RemoteProcess process, SshSession ssh) {
        try {
            String tail = process.logTail(ssh, 3);
            return tail.isBlank() ? "(nothing)" : "\"" + String.join(" | ", tail.lines().toList()) + "\"";
        } catch (RuntimeException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }

    private static <T> T badRequestIfInvalid(java.util.function.Supplier<T> parse) {
        try {
            return parse.get();
        } catch (IllegalArgumentException e) {
            throw new ProblemException(ProblemType.BAD_REQUEST, e.getMessage());
        }
    }

    /** SSH failures as API problems: an unreachable target is the node's fault (502), the rest the request's to fix. */
    private static <T> T ssh(java.util.function.Supplier<T> step) {
        try {
            return step.get();
        } catch (SshException e) {
            throw new ProblemException(e.reason() == SshException.Reason.UNREACHABLE ? ProblemType.NODE_UNREACHABLE
                    : ProblemType.BAD_REQUEST, e.getMessage());
        }
    }
}
