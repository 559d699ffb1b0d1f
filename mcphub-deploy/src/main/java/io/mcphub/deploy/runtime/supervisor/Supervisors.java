package io.mcphub.deploy.runtime.supervisor;

import io.mcphub.deploy.runtime.Instance;
import io.mcphub.deploy.runtime.InstanceSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The instances one runtime supervises, by id. It stops everything it still runs when it is closed, and from a JVM
 * shutdown hook, so an agent stopped by SIGTERM or SIGINT leaves nothing of its runtimes behind (one killed by
 * SIGKILL cannot help it; its successor reaps the leftovers, see {@link Workload#reapLeftover}).
 */
public final class Supervisors implements AutoCloseable {

    private final String runtime;
    private final Supervision options;
    private final Map<String, Supervisor> running = new ConcurrentHashMap<>();
    private final Thread shutdownHook;
    private volatile boolean closed;

    /** @param runtime the runtime's name, for messages */
    public Supervisors(String runtime, Supervision options) {
        this.runtime = runtime;
        this.options = options;
        this.shutdownHook = new Thread(this::stopAll, runtime + "-runtime-shutdown");
        java.lang.Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    public Supervision options() {
        return options;
    }

    /** Fails once closed: the agent is shutting down and nothing new may start. */
    public void checkOpen() {
        if (closed) {
            throw new IllegalStateException("the " + runtime + " runtime is closed; the agent is shutting down");
        }
    }

    /**
     * Starts supervising {@code workload} as the instance {@code spec} describes.
     *
     * @throws IllegalStateException when the runtime is closed or an instance with this id still runs
     */
    public Instance start(InstanceSpec spec, Path instanceDir, Workload workload) {
        checkOpen();
        try {
            Files.createDirectories(instanceDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the instance directory " + instanceDir, e);
        }
        return running.compute(spec.instanceId(), (id, existing) -> {
            if (existing != null && !existing.state().isFinal()) {
                throw new IllegalStateException("instance " + id + " is already running; stop it before starting it again");
            }
            Supervisor supervisor = new Supervisor(spec, instanceDir, options, workload, () -> forget(id));
            supervisor.start();
            return supervisor;
        });
    }

    /** An instance still supervised (ended instances are forgotten). */
    public Optional<Instance> instance(String instanceId) {
        return Optional.ofNullable(running.get(instanceId));
    }

    public List<Instance> instances() {
        return List.copyOf(running.values());
    }

    /** The ids of the instances still supervised. */
    public Set<String> ids() {
        return Set.copyOf(running.keySet());
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
