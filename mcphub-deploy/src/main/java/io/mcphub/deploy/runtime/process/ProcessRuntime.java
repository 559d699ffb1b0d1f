package io.mcphub.deploy.runtime.process;

import io.mcphub.deploy.runtime.Instance;
import io.mcphub.deploy.runtime.InstanceSpec;
import io.mcphub.deploy.runtime.Runtime;
import io.mcphub.deploy.runtime.log.LogPolicy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Bare-metal runtime: each instance is an OS process tree under a {@link Supervisor}. The runtime stops everything
 * it still runs when it is closed, and from a JVM shutdown hook, so an agent stopped by SIGTERM or SIGINT leaves no
 * orphan behind (one killed by SIGKILL cannot help it; its successor reaps the leftovers, see {@link PidFile}).
 */
public final class ProcessRuntime implements Runtime {

    public static final String NAME = "process";

    /**
     * @param stopGrace how long a process gets between SIGTERM and SIGKILL when the runtime itself stops it
     *                  (agent shutdown, unhealthy, leftovers of a crashed process)
     * @param handshakeTimeout how long a stdio MCP server may take to answer {@code initialize}; generous, since
     *                         {@code npx -y} may download the package first
     */
    public record Options(LogPolicy logPolicy, Duration stopGrace, Duration handshakeTimeout) {
        public static final Options DEFAULTS = new Options(LogPolicy.DEFAULT, Duration.ofSeconds(10), Duration.ofMinutes(2));
    }

    private final Options options;
    private final Map<String, Supervisor> running = new ConcurrentHashMap<>();
    private final Thread shutdownHook = new Thread(this::stopAll, "process-runtime-shutdown");
    private volatile boolean closed;

    public ProcessRuntime() {
        this(Options.DEFAULTS);
    }

    public ProcessRuntime(Options options) {
        this.options = options;
        java.lang.Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Instance start(InstanceSpec spec, Path instanceDir) {
        if (closed) {
            throw new IllegalStateException("the process runtime is closed; the agent is shutting down");
        }
        if (spec.command() == null) {
            throw new IllegalArgumentException("instance " + spec.instanceId() + " has no command: a process runs a program,"
                    + " and image " + spec.image() + " needs runtime docker or kubernetes");
        }
        try {
            Files.createDirectories(instanceDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the instance directory " + instanceDir, e);
        }
        return running.compute(spec.instanceId(), (id, existing) -> {
            if (existing != null && !existing.state().isFinal()) {
                throw new IllegalStateException("instance " + id + " is already running; stop it before starting it again");
            }
            Supervisor supervisor = new Supervisor(spec, instanceDir, options, () -> forget(id));
            supervisor.start();
            return supervisor;
        });
    }

    /** An instance this runtime still supervises (ended instances are forgotten). */
    public Optional<Instance> instance(String instanceId) {
        return Optional.ofNullable(running.get(instanceId));
    }

    public List<Instance> instances() {
        return List.copyOf(running.values());
    }

    @Override
    public void close() {
        closed = true;
        stopAll();
        try {
            java.lang.Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // already shutting down: the hook is running or has run
        }
    }

    /** Stops all instances at once, so shutting down takes one grace period, not one per instance. */
    private void stopAll() {
        List<Thread> stoppers = running.values().stream()
                .map(s -> Thread.ofVirtual().start(() -> s.stop(options.stopGrace())))
                .toList();
        for (Thread stopper : stoppers) {
            try {
                stopper.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void forget(String instanceId) {
        running.computeIfPresent(instanceId, (id, s) -> s.state().isFinal() ? null : s);
    }
}
