package io.mcphub.agent;

import com.fasterxml.jackson.databind.JsonNode;
import io.mcphub.core.Json;
import io.mcphub.core.agentapi.Assignments;
import io.mcphub.core.agentapi.Heartbeat;
import io.mcphub.deploy.bridge.BridgeOptions;
import io.mcphub.deploy.bridge.BridgeServer;
import io.mcphub.deploy.probe.Fingerprinter;
import io.mcphub.deploy.probe.NodeFingerprint;
import io.mcphub.deploy.probe.ProbeContext;
import io.mcphub.deploy.runtime.Runtimes;
import io.mcphub.deploy.runtime.log.LogReader;
import io.mcphub.security.pki.AgentIdentity;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node agent: joins once, then probes its node, serves its instances on the bridge, heartbeats, and converges
 * on its assignments. The last assignments are cached on disk, so a restarted agent whose hub is unreachable runs
 * what it ran before; the hub is never needed to keep services up.
 */
public final class Agent implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Agent.class);
    private static final Duration HEARTBEAT = Duration.ofSeconds(5);
    private static final Duration RETRY = Duration.ofSeconds(2);

    private final Path dataDir;
    private final AssignmentCache cache;
    private final String name;
    private final HubChannel hub;
    private final Runtimes runtimes;
    private final BridgeServer bridge;
    private final LocalInstances instances;
    private final Fingerprinter fingerprinter;
    private final Thread heartbeats;
    private final Thread assignments;
    private volatile boolean closed;
    /** Instances changing state wake the heartbeat at once, so "healthy" reaches the hub without a period's delay. */
    private final java.util.concurrent.Semaphore wake = new java.util.concurrent.Semaphore(0);

    private Agent(AgentSettings settings) throws IOException, InterruptedException {
        this.dataDir = settings.dataDir().toAbsolutePath();
        Files.createDirectories(dataDir);
        this.cache = new AssignmentCache(dataDir);
        AgentIdentity identity = AgentIdentity.open(dataDir, Clock.systemUTC());
        Enrollment.State state = Enrollment.joinOrLoad(settings, identity);
        this.name = state.name();
        this.hub = new HubChannel(state.agentEndpoint(), identity.sslContext());
        Path instancesDir = dataDir.resolve("instances");
        this.bridge = new BridgeServer(settings.bridgeHost(), 0, new BridgeServer.Tls(identity.sslContext(), true),
                BridgeOptions.DEFAULTS, id -> instanceLogs(instancesDir, id));
        String bridgeUrl = "https://" + settings.bridgeHost() + ":" + bridge.start();
        this.fingerprinter = new Fingerprinter(ProbeContext.system(dataDir));
        NodeFingerprint first = fingerprinter.run();
        this.runtimes = NodeRuntimes.of(first, name);
        this.instances = new LocalInstances(runtimes, bridge, instancesDir, () -> wake.release());
        cache.load().ifPresent(cached -> instances.converge(cached.instances()));
        this.heartbeats = Thread.ofVirtual().name("agent-heartbeat").start(() -> heartbeatLoop(bridgeUrl, first));
        this.assignments = Thread.ofVirtual().name("agent-assignments").start(this::assignmentLoop);
        LOG.info("agent running node={} endpoint={} bridge={}", name, state.agentEndpoint(), bridgeUrl);
    }

    public static Agent start(AgentSettings settings) {
        try {
            return new Agent(settings);
        } catch (IOException e) {
            throw new UncheckedIOException("agent " + settings.name() + " cannot start: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting the agent", e);
        }
    }

    public String name() {
        return name;
    }

    private void heartbeatLoop(String bridgeUrl, NodeFingerprint first) {
        JsonNode fingerprint = Json.JSON.valueToTree(first);
        while (!closed) {
            try {
                hub.heartbeat(new Heartbeat(fingerprint, bridgeUrl, instances.reports()));
                fingerprint = Json.JSON.valueToTree(fingerprinter.refresh());
                if (wake.tryAcquire(HEARTBEAT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
                    wake.drainPermits(); // several changes at once make one report
                }
            } catch (InterruptedException e) {
                return;
            } catch (IOException | RuntimeException e) {
                LOG.warn("heartbeat to the hub failed ({}); instances keep running, retrying", e.getMessage());
                if (!pause(RETRY)) {
                    return;
                }
            }
        }
    }

    private void assignmentLoop() {
        long revision = 0;
        while (!closed) {
            try {
                Assignments a = hub.assignments(revision);
                if (a.revision() != revision) {
                    instances.converge(a.instances());
                    cache.save(a);
                    revision = a.revision();
                }
            } catch (InterruptedException e) {
                return;
            } catch (IOException | RuntimeException e) {
                LOG.warn("fetching assignments failed ({}); retrying", e.getMessage());
                if (!pause(RETRY)) {
                    return;
                }
            }
        }
    }

    /** An instance's log outlives the instance: its directory stays until the node forgets it. */
    private static java.util.Optional<LogReader> instanceLogs(Path instancesDir, String id) {
        if (!io.mcphub.deploy.runtime.InstanceSpec.isValidId(id)) {
            return java.util.Optional.empty();
        }
        Path dir = instancesDir.resolve(id);
        return Files.isDirectory(dir) ? java.util.Optional.of(LogReader.ofInstance(dir)) : java.util.Optional.empty();
    }

    private boolean pause(Duration d) {
        try {
            Thread.sleep(d);
            return !closed;
        } catch (InterruptedException e) {
            return false;
        }
    }

    /** Stops every instance this agent started (no orphans), then the bridge and the loops. */
    @Override
    public void close() {
        closed = true;
        heartbeats.interrupt();
        assignments.interrupt();
        instances.stopAll();
        runtimes.close();
        bridge.close();
        hub.close();
        LOG.info("agent stopped node={}", name);
    }

}
