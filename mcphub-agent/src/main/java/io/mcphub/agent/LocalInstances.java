package io.mcphub.agent;

import io.mcphub.core.agentapi.Assignment;
import io.mcphub.core.agentapi.InstanceReport;
import io.mcphub.core.stack.ServiceSpec;
import io.mcphub.deploy.bridge.BridgeServer;
import io.mcphub.deploy.runtime.Instance;
import io.mcphub.deploy.runtime.InstanceSpec;
import io.mcphub.deploy.runtime.InstanceStatus;
import io.mcphub.deploy.runtime.PortAllocator;
import io.mcphub.deploy.runtime.Runtime;
import io.mcphub.deploy.runtime.Runtimes;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Converges the node on its assignments: starts what is assigned and not running, replaces what runs an older spec,
 * stops what is no longer assigned — and mounts every stdio MCP instance on the bridge so the gateway can reach it.
 * A new version of a {@code reload: file} document is written over the instance's file in place (then the process
 * is signalled if the stack asks for it); the process keeps running. Other documents are read as an instance starts:
 * the hub rolls their new versions out by restarting instances one at a time.
 */
final class LocalInstances {

    private static final Logger LOG = LoggerFactory.getLogger(LocalInstances.class);
    private static final Duration STOP_GRACE = Duration.ofSeconds(10);

    /** {@code applied}: the version of each document the instance runs, by key (rewrites in place update it). */
    private record Running(Instance instance, String specHash, Integer allocatedPort, Path configDir, Map<String, Long> applied) {}

    /** An assignment that could not start; another with the same spec and versions would fail the same way. */
    private record Failed(String specHash, Map<String, Long> versions, String why) {

        boolean same(Assignment a) {
            return specHash.equals(a.specHash()) && versions.equals(a.versions());
        }
    }

    private final Runtimes runtimes;
    private final BridgeServer bridge;
    private final Path instancesDir;
    private final PortAllocator ports = new PortAllocator();
    private final Map<String, Running> running = new HashMap<>();
    /** Assignments that could not start, by id, with the spec hash they failed on and why; reported as failed. */
    private final Map<String, Failed> failed = new HashMap<>();
    private final Runnable onChange;

    /** {@code onChange} runs whenever an instance changes state, e.g. to report it to the hub at once. */
    LocalInstances(Runtimes runtimes, BridgeServer bridge, Path instancesDir, Runnable onChange) {
        this.runtimes = runtimes;
        this.bridge = bridge;
        this.instancesDir = instancesDir;
        this.onChange = onChange;
    }

    synchronized void converge(List<Assignment> assignments) {
        Set<String> wanted = assignments.stream().map(Assignment::id).collect(Collectors.toSet());
        failed.keySet().retainAll(wanted);
        for (String id : List.copyOf(running.keySet())) {
            if (!wanted.contains(id)) {
                stop(id, "no longer assigned");
            }
        }
        for (Assignment a : assignments) {
            Running r = running.get(a.id());
            if (r != null && r.specHash().equals(a.specHash())) {
                rewriteInPlace(a, r);
                continue;
            }
            Failed f = failed.get(a.id());
            if (f != null && f.same(a)) {
                continue; // a new spec or version may start where this one could not; the same would fail the same way
            }
            if (r != null) {
                stop(a.id(), "its spec changed");
            }
            start(a);
        }
    }

    private void start(Assignment a) {
        failed.remove(a.id());
        if (a.blocked() != null) {
            LOG.warn("instance {} cannot start: {}", a.id(), a.blocked());
            failed.put(a.id(), new Failed(a.specHash(), a.versions(), a.blocked()));
            return;
        }
        try {
            Runtime runtime = runtimes.get(a.runtime()).orElseThrow(() -> new IllegalStateException("this node has no "
                    + a.runtime() + " runtime (it offers " + String.join(", ", runtimes.names()) + "); re-apply so the"
                    + " scheduler places the instance again"));
            ServiceSpec service = InstanceSpecs.service(a);
            Integer allocated = service.listens() && service.port() == null ? ports.allocate() : null;
            Integer port = service.port() != null ? service.port() : allocated;
            InstanceSpec spec = InstanceSpecs.of(a, service, port);
            Path instanceDir = instancesDir.resolve(a.id());
            Path configDir = runtime.configDir(spec, instanceDir);
            ConfigFiles.write(configDir, a.config());
            Instance instance = runtime.start(spec, instanceDir);
            instance.onStateChange((i, from, to) -> onChange.run());
            running.put(a.id(), new Running(instance, a.specHash(), allocated, configDir, new HashMap<>(a.versions())));
            if (spec.transport() == InstanceSpec.Transport.STDIO) {
                bridge.mount(instance);
            }
            LOG.info("instance started id={} service={} runtime={} pid={}", a.id(), spec.service(), runtime.name(),
                    instance.pid().orElse(-1));
        } catch (RuntimeException | java.io.IOException e) {
            LOG.warn("instance {} could not start: {}", a.id(), e.getMessage());
            failed.put(a.id(), new Failed(a.specHash(), a.versions(), "could not start: " + e.getMessage()));
        }
    }

    /** Writes each {@code reload: file} document whose version changed over the running instance's file. */
    private void rewriteInPlace(Assignment a, Running r) {
        List<io.mcphub.core.agentapi.ConfigFile> changed = a.config().stream()
                .filter(f -> f.live() && !Long.valueOf(f.version()).equals(r.applied().get(f.key()))).toList();
        for (io.mcphub.core.agentapi.ConfigFile f : changed) {
            try {
                ConfigFiles.write(r.configDir(), List.of(f));
                r.applied().put(f.key(), f.version());
                LOG.info("config rewritten in place id={} key={} version={} path={}", a.id(), f.key(), f.version(), f.path());
                if (f.signal() != null) {
                    r.instance().signal(f.signal());
                }
            } catch (java.io.IOException | RuntimeException e) {
                // the instance keeps running on what it has; the next assignment tries again
                LOG.warn("instance {} did not get version {} of {}: {}", a.id(), f.version(), f.key(), e.getMessage());
            }
        }
        if (!changed.isEmpty()) {
            try {
                r.instance().filesChanged();
            } catch (RuntimeException e) {
                LOG.warn("instance {} did not get its rewritten config files: {}", a.id(), e.getMessage());
            }
            onChange.run(); // report the new versions at once: 'config status' and the propagation metric read them
        }
    }

    private void stop(String id, String why) {
        Running r = running.remove(id);
        if (bridge.isMounted(id)) {
            bridge.unmount(id);
        }
        r.instance().stop(STOP_GRACE);
        if (r.allocatedPort() != null) {
            ports.release(r.allocatedPort());
        }
        LOG.info("instance stopped id={}: {}", id, why);
    }

    synchronized List<InstanceReport> reports() {
        List<InstanceReport> reports = new java.util.ArrayList<>(running.values().stream().map(r -> {
            InstanceStatus s = r.instance().status();
            return new InstanceReport(s.id(), s.state().name().toLowerCase(Locale.ROOT), s.pid(), s.port(), s.restarts(),
                    s.detail(), r.specHash(), r.applied());
        }).toList());
        failed.forEach((id, f) -> reports.add(new InstanceReport(id, "failed", null, null, 0, f.why(), f.specHash(), null)));
        return reports;
    }

    synchronized void stopAll() {
        for (String id : List.copyOf(running.keySet())) {
            stop(id, "agent stopping");
        }
    }
}
