package io.mcphub.deploy.runtime.supervisor;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mcphub.deploy.runtime.ExitInfo;
import io.mcphub.deploy.runtime.Instance;
import io.mcphub.deploy.runtime.InstanceSpec;
import io.mcphub.deploy.runtime.InstanceState;
import io.mcphub.deploy.runtime.InstanceStatus;
import io.mcphub.deploy.runtime.McpChannel;
import io.mcphub.deploy.runtime.McpChannelException;
import io.mcphub.deploy.runtime.StateListener;
import io.mcphub.deploy.runtime.Subscription;
import io.mcphub.deploy.runtime.health.HealthCheck;
import io.mcphub.deploy.runtime.health.HealthChecks;
import io.mcphub.deploy.runtime.health.HealthResult;
import io.mcphub.deploy.runtime.log.LogReader;
import io.mcphub.deploy.runtime.log.RotatingLog;
import io.mcphub.deploy.runtime.mcp.McpHandshake;
import io.mcphub.deploy.runtime.mcp.RelayChannel;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one instance alive, whatever runs it: starts its {@link Workload} (a process tree, a container), does the
 * MCP handshake for stdio servers, runs the health check on its schedule, restarts per policy with backoff, and
 * stops the run. One thread per instance owns the run; everyone else talks to it through commands, so no two
 * threads ever start or kill the same process.
 */
public final class Supervisor implements Instance {

    private static final Logger LOG = LoggerFactory.getLogger(Supervisor.class);
    /** Health checks and handshakes run beside the loop, so a stop never waits for a hanging check. */
    private static final ExecutorService CHECKS = Executors.newVirtualThreadPerTaskExecutor();
    private static final Duration SLACK = Duration.ofSeconds(1);

    private final InstanceSpec spec;
    private final Supervision options;
    private final RotatingLog log;
    private final LogReader logReader;
    private final RelayChannel mcp;
    private final Workload workload;
    private final Backoff backoff;
    private final List<StateListener> listeners = new CopyOnWriteArrayList<>();
    private final Runnable onEnded;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition wake = lock.newCondition();
    private final Deque<Command> commands = new ArrayDeque<>();

    private final Object statusLock = new Object();
    private volatile InstanceStatus status;
    /** The run in progress, for signals; null between runs. */
    private volatile Workload.Run current;
    private Thread thread;

    private enum CommandKind { RESTART, STOP }

    private record Command(CommandKind kind, Duration grace, CompletableFuture<Void> done) {}

    /** Why the supervisor stopped watching a process. */
    private record Ended(String reason, boolean failure, Command command) {
        static Ended exited() {
            return new Ended("exited", false, null);
        }

        static Ended failed(String reason) {
            return new Ended(reason, true, null);
        }

        static Ended by(Command command) {
            return new Ended(command.kind() == CommandKind.STOP ? "stopped" : "restarted", false, command);
        }
    }

    private enum Wake { EXITED, COMMAND, DONE, TIMEOUT }

    /** @param onEnded runs on the supervising thread once the instance has ended for good */
    public Supervisor(InstanceSpec spec, Path instanceDir, Supervision options, Workload workload, Runnable onEnded) {
        this.spec = spec;
        this.options = options;
        this.onEnded = onEnded;
        this.logReader = LogReader.ofInstance(instanceDir);
        this.log = new RotatingLog(logReader.dir(), options.logPolicy());
        this.mcp = spec.transport() == InstanceSpec.Transport.STDIO ? new RelayChannel() : null;
        this.workload = workload;
        this.backoff = new Backoff(spec.restart().initialBackoff(), spec.restart().maxBackoff());
        this.status = new InstanceStatus(spec.instanceId(), spec.service(), InstanceState.NEW, null, spec.port(), 0,
                null, Instant.now(), null);
    }

    public void start() {
        thread = Thread.ofVirtual().name("supervisor-" + spec.instanceId()).start(this::run);
    }

    @Override
    public String id() {
        return spec.instanceId();
    }

    @Override
    public InstanceSpec spec() {
        return spec;
    }

    @Override
    public InstanceState state() {
        return status.state();
    }

    @Override
    public OptionalLong pid() {
        Long pid = status.pid();
        return pid == null ? OptionalLong.empty() : OptionalLong.of(pid);
    }

    @Override
    public int restarts() {
        return status.restarts();
    }

    @Override
    public Optional<ExitInfo> lastExit() {
        return Optional.ofNullable(status.lastExit());
    }

    @Override
    public InstanceStatus status() {
        return status;
    }

    @Override
    public void signal(String name) {
        Workload.Run run = current;
        if (run == null || run.exited()) {
            throw new IllegalStateException("instance " + id() + " has no running process to signal (" + state() + ")");
        }
        try {
            run.signal(name);
            log.event("sent SIG" + name + " to pid " + run.pid());
        } catch (IOException e) {
            throw new IllegalStateException("cannot send SIG" + name + " to instance " + id() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public LogReader logs() {
        return logReader;
    }

    @Override
    public Optional<McpChannel> mcp() {
        return Optional.ofNullable(mcp);
    }

    @Override
    public Subscription onStateChange(StateListener listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    @Override
    public void restart(Duration grace) {
        Command command = new Command(CommandKind.RESTART, grace, new CompletableFuture<>());
        if (!post(command)) {
            throw new IllegalStateException("instance " + id() + " has ended (" + state() + "); start it anew");
        }
        command.done().join();
    }

    @Override
    public void stop(Duration grace) {
        post(new Command(CommandKind.STOP, grace, new CompletableFuture<>()));
        if (Thread.currentThread() != thread) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Queues a command for the supervising thread; false once that thread has ended. */
    private boolean post(Command command) {
        lock.lock();
        try {
            if (!thread.isAlive()) {
                return false;
            }
            commands.add(command);
            wake.signalAll();
            return true;
        } finally {
            lock.unlock();
        }
    }

    private void run() {
        try {
            workload.reapLeftover(options.stopGrace(), log);
            Command pending = null;
            while (true) {
                if (pending == null) {
                    pending = takeCommand();
                }
                if (pending != null && pending.kind() == CommandKind.STOP) {
                    publish(s -> withState(s, InstanceState.STOPPED, "stopped"));
                    return;
                }
                Ended ended = runProcess(pending);
                pending = null;
                if (ended.command() != null) {
                    if (ended.command().kind() == CommandKind.STOP) {
                        publish(s -> withState(s, InstanceState.STOPPED, "stopped"));
                        return;
                    }
                    publish(s -> withRestarts(s, s.restarts() + 1));
                    continue;
                }
                int code = status.lastExit().code();
                boolean restart = ended.failure() ? spec.restart().policy() != InstanceSpec.Restart.Policy.NEVER
                        : spec.restart().policy().restartsAfter(code);
                if (!restart) {
                    InstanceState end = ended.failure() || code != 0 ? InstanceState.FAILED : InstanceState.STOPPED;
                    publish(s -> withState(s, end, ended.reason() + " (exit code " + code + "); restart policy "
                            + spec.restart().policy().wireName()));
                    return;
                }
                Duration delay = backoff.next();
                publish(s -> withState(s, InstanceState.RESTARTING, ended.reason() + " (exit code " + code
                        + "); restarting in " + delay.toMillis() + " ms"));
                log.event("restarting in " + delay.toMillis() + " ms");
                if (await(null, null, delay) == Wake.COMMAND) {
                    pending = takeCommand();
                    if (pending.kind() == CommandKind.RESTART) {
                        pending.done().complete(null);
                        pending = null;
                    }
                }
                if (pending == null) {
                    publish(s -> withRestarts(s, s.restarts() + 1));
                }
            }
        } catch (RuntimeException | Error e) {
            LOG.error("supervisor of instance {} failed", id(), e);
            log.event("supervisor failed: " + e);
            publish(s -> withState(s, InstanceState.FAILED, "supervisor failed: " + e.getMessage()));
        } finally {
            lock.lock();
            try {
                commands.forEach(c -> c.done().complete(null));
                commands.clear();
            } finally {
                lock.unlock();
            }
            if (mcp != null) {
                mcp.end("instance " + id() + " is not running (" + status.state().name().toLowerCase(Locale.ROOT)
                        + ": " + status.detail() + ")");
            }
            onEnded.run();
            log.close();
        }
    }

    /** Starts one run and watches it until it ends; {@code trigger} is the restart command that led here. */
    private Ended runProcess(Command trigger) {
        publish(s -> withState(s, InstanceState.STARTING, "starting"));
        Workload.Run process;
        try {
            process = workload.start(mcp, log);
        } catch (IOException e) {
            log.event("could not start " + workload.description() + ": " + e.getMessage());
            publish(s -> withExit(s, new ExitInfo(127, Instant.now(), "could not start: " + e.getMessage())));
            completeDone(trigger);
            return Ended.failed("could not start: " + e.getMessage());
        }
        completeDone(trigger);
        current = process;
        log.event("started pid " + process.pid() + ": " + workload.description());
        publish(s -> withPid(s, process.pid()));
        process.exit().whenComplete((p, e) -> signal());

        Ended ended;
        try {
            ended = watch(process);
        } catch (RuntimeException | Error e) {
            process.terminate(options.stopGrace()); // a supervisor that fails leaves nothing running behind it
            throw e;
        }
        if (mcp != null) {
            mcp.detach();
        }
        Duration grace = ended.command() != null ? ended.command().grace() : options.stopGrace();
        current = null;
        int code = process.terminate(grace);
        log.event("pid " + process.pid() + " ended with exit code " + code + " (" + ended.reason() + ")");
        publish(s -> withExit(withPid(s, null), new ExitInfo(code, Instant.now(), ended.reason())));
        if (ended.command() != null) {
            completeDone(ended.command());
        }
        return ended;
    }

    private Ended watch(Workload.Run process) {
        Instant started = Instant.now();
        if (mcp != null) {
            Optional<Ended> failed = handshake(process);
            if (failed.isPresent()) {
                return failed.get();
            }
        }
        InstanceSpec.Health health = spec.health();
        Optional<HealthCheck> check = HealthChecks.forSpec(spec, mcp);
        try {
            Instant healthySince = null;
            if (check.isEmpty()) {
                healthySince = Instant.now();
                publish(s -> withState(s, InstanceState.HEALTHY, "running (no health check)"));
            }
            int failures = 0;
            while (true) {
                if (check.isPresent()) {
                    CompletableFuture<HealthResult> result = CompletableFuture.supplyAsync(check.get()::check, CHECKS);
                    Wake wake = await(process, result, health.timeout().plus(SLACK));
                    if (wake == Wake.EXITED || wake == Wake.COMMAND) {
                        return ended(wake);
                    }
                    HealthResult verdict = result.isDone() ? result.join()
                            : HealthResult.failed("health check did not return within " + health.timeout().toMillis() + " ms");
                    if (verdict.healthy()) {
                        failures = 0;
                        if (status.state() != InstanceState.HEALTHY) {
                            healthySince = Instant.now();
                        }
                        publish(s -> withState(s, InstanceState.HEALTHY, verdict.detail()));
                    } else {
                        healthySince = null;
                        boolean starting = status.state() == InstanceState.STARTING
                                && Instant.now().isBefore(started.plus(health.startPeriod()));
                        failures = starting ? 0 : failures + 1;
                        if (failures >= health.failureThreshold()) {
                            publish(s -> withState(s, InstanceState.UNHEALTHY, verdict.detail()));
                            if (spec.restart().policy() != InstanceSpec.Restart.Policy.NEVER) {
                                return Ended.failed("unhealthy: " + verdict.detail());
                            }
                        } else {
                            publish(s -> withDetail(s, verdict.detail()));
                        }
                    }
                }
                if (healthySince != null && Duration.between(healthySince, Instant.now())
                        .compareTo(spec.restart().stableAfter()) >= 0) {
                    backoff.reset();
                }
                process.refresh();
                Wake wake = await(process, null, health.interval());
                if (wake == Wake.EXITED || wake == Wake.COMMAND) {
                    return ended(wake);
                }
            }
        } finally {
            check.ifPresent(HealthCheck::close);
        }
    }

    /** Initializes the fresh stdio server once; every later client of the channel reuses the result. */
    private Optional<Ended> handshake(Workload.Run process) {
        CompletableFuture<ObjectNode> result = CompletableFuture.supplyAsync(
                () -> McpHandshake.perform(process.connection(), options.handshakeTimeout()), CHECKS);
        Wake wake = await(process, result, options.handshakeTimeout().plus(SLACK));
        if (wake == Wake.EXITED || wake == Wake.COMMAND) {
            return Optional.of(wake == Wake.EXITED ? new Ended("exited during the MCP handshake", true, null)
                    : ended(wake));
        }
        if (!result.isDone()) {
            return Optional.of(Ended.failed("MCP handshake did not finish within " + options.handshakeTimeout()));
        }
        try {
            mcp.attach(process.connection(), result.join());
            log.event("MCP handshake done: " + result.join().path("serverInfo").path("name").asText("?")
                    + " speaks " + result.join().path("protocolVersion").asText("?"));
            return Optional.empty();
        } catch (RuntimeException e) {
            Throwable cause = e.getCause() instanceof McpChannelException m ? m : e;
            log.event("MCP handshake failed: " + cause.getMessage());
            return Optional.of(Ended.failed("MCP handshake failed: " + cause.getMessage()));
        }
    }

    private Ended ended(Wake wake) {
        if (wake == Wake.COMMAND) {
            return Ended.by(takeCommand());
        }
        return Ended.exited();
    }

    /** Waits for the process to exit, a command, {@code work} to finish, or {@code max} to pass. */
    private Wake await(Workload.Run process, CompletableFuture<?> work, Duration max) {
        if (work != null) {
            work.whenComplete((r, e) -> signal());
        }
        long deadline = System.nanoTime() + max.toNanos();
        lock.lock();
        try {
            while (true) {
                if (!commands.isEmpty()) {
                    return Wake.COMMAND;
                }
                if (process != null && process.exited()) {
                    return Wake.EXITED;
                }
                if (work != null && work.isDone()) {
                    return Wake.DONE;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return Wake.TIMEOUT;
                }
                wake.awaitNanos(left);
            }
        } catch (InterruptedException e) {
            // Nobody interrupts this thread but a JVM going down: treat it as the stop it is.
            commands.add(new Command(CommandKind.STOP, options.stopGrace(), new CompletableFuture<>()));
            return Wake.COMMAND;
        } finally {
            lock.unlock();
        }
    }

    private void signal() {
        lock.lock();
        try {
            wake.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** The command to act on: a stop overrides any restart queued with it. */
    private Command takeCommand() {
        lock.lock();
        try {
            if (commands.isEmpty()) {
                return null;
            }
            Command stop = commands.stream().filter(c -> c.kind() == CommandKind.STOP).findFirst().orElse(null);
            if (stop != null) {
                List<Command> others = new ArrayList<>(commands);
                commands.clear();
                others.stream().filter(c -> c != stop).forEach(c -> c.done().complete(null));
                return stop;
            }
            return commands.poll();
        } finally {
            lock.unlock();
        }
    }

    private static void completeDone(Command command) {
        if (command != null) {
            command.done().complete(null);
        }
    }

    private void publish(UnaryOperator<InstanceStatus> change) {
        InstanceStatus before;
        InstanceStatus after;
        synchronized (statusLock) {
            before = status;
            after = change.apply(before);
            status = after;
        }
        if (before.state() != after.state()) {
            log.event("state " + before.state() + " -> " + after.state()
                    + (after.detail() == null ? "" : ": " + after.detail()));
            for (StateListener listener : listeners) {
                try {
                    listener.changed(this, before.state(), after.state());
                } catch (RuntimeException e) {
                    LOG.warn("state listener of instance {} failed", id(), e);
                }
            }
        }
    }

    private static InstanceStatus withState(InstanceStatus s, InstanceState state, String detail) {
        Instant since = s.state() == state ? s.since() : Instant.now();
        return new InstanceStatus(s.id(), s.service(), state, s.pid(), s.port(), s.restarts(), s.lastExit(), since, detail);
    }

    private static InstanceStatus withDetail(InstanceStatus s, String detail) {
        return withState(s, s.state(), detail);
    }

    private static InstanceStatus withPid(InstanceStatus s, Long pid) {
        return new InstanceStatus(s.id(), s.service(), s.state(), pid, s.port(), s.restarts(), s.lastExit(), s.since(),
                s.detail());
    }

    private static InstanceStatus withRestarts(InstanceStatus s, int restarts) {
        return new InstanceStatus(s.id(), s.service(), s.state(), s.pid(), s.port(), restarts, s.lastExit(), s.since(),
                s.detail());
    }

    private static InstanceStatus withExit(InstanceStatus s, ExitInfo exit) {
        return new InstanceStatus(s.id(), s.service(), s.state(), s.pid(), s.port(), s.restarts(), exit, s.since(),
                s.detail());
    }
}
