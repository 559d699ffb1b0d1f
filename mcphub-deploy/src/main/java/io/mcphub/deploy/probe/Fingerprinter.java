package io.mcphub.deploy.probe;

import io.mcphub.deploy.probe.NodeFingerprint.ProbeRun;
import io.mcphub.deploy.probe.Probes.Entry;
import io.mcphub.deploy.probe.Probes.Stage;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the probes into a {@link NodeFingerprint}. Each probe's writes are its own contribution, kept only when it
 * returns: a probe that throws or hangs is logged and recorded in {@link NodeFingerprint#probes()}, and the others
 * are unaffected. The probes of one stage run at the same time on virtual threads, so a run costs about its slowest
 * probe per stage.
 *
 * <p>The agent calls {@link #run()} once at start and {@link #refresh()} from then on, which re-runs only the probes
 * whose {@link NodeProbe#refreshEvery()} has passed (and the decisions, when anything ran).
 */
public final class Fingerprinter {

    private static final Logger log = LoggerFactory.getLogger(Fingerprinter.class);

    /** Far longer than any probe should take (commands and sockets have their own shorter timeouts). */
    public static final Duration PROBE_TIMEOUT = Duration.ofSeconds(10);

    private final ProbeContext ctx;
    private final Duration probeTimeout;
    private final Map<String, Registered> probes = new LinkedHashMap<>();
    private final Map<String, NodeFacts> contributions = new HashMap<>();
    private final Map<String, ProbeRun> runs = new HashMap<>();
    private NodeFingerprint latest;

    private record Registered(Entry entry, NodeProbe probe) {}

    /** What one attempt produced: the probe's facts, or why there are none. */
    private record Attempt(NodeFacts facts, ProbeRun run) {}

    public Fingerprinter(ProbeContext ctx) {
        this(ctx, Probes.standard(), PROBE_TIMEOUT);
    }

    public Fingerprinter(ProbeContext ctx, Probes probes, Duration probeTimeout) {
        this.ctx = ctx;
        this.probeTimeout = probeTimeout;
        probes.entries().forEach(entry -> this.probes.put(entry.name(), new Registered(entry, entry.create())));
    }

    /** Probes the node once with the standard probes. */
    public static NodeFingerprint run(ProbeContext ctx) {
        return new Fingerprinter(ctx).run();
    }

    /** Runs every probe. */
    public synchronized NodeFingerprint run() {
        return runWhere(r -> true);
    }

    /** Runs the probes that are due, if any; the latest fingerprint otherwise. */
    public synchronized NodeFingerprint refresh() {
        if (latest == null) {
            return run();
        }
        Instant now = ctx.clock().instant();
        List<String> due = probes.values().stream().filter(r -> dueAt(r).filter(at -> !at.isAfter(now)).isPresent())
                .map(r -> r.entry().name()).toList();
        if (due.isEmpty()) {
            return latest;
        }
        return runWhere(r -> due.contains(r.entry().name()) || r.entry().stage() == Stage.DECISION);
    }

    /** When {@link #refresh()} will next have something to do; empty when no probe is periodic. */
    public synchronized Optional<Instant> nextRefresh() {
        return probes.values().stream().map(this::dueAt).flatMap(Optional::stream).min(Instant::compareTo);
    }

    private Optional<Instant> dueAt(Registered r) {
        Duration every = r.probe().refreshEvery();
        ProbeRun last = runs.get(r.entry().name());
        if (every.isZero() || every.isNegative()) {
            return Optional.empty();
        }
        return Optional.of(last == null ? Instant.MIN : last.ranAt().plus(every));
    }

    private NodeFingerprint runWhere(Predicate<Registered> selected) {
        Instant startedAt = ctx.clock().instant();
        long started = System.nanoTime();
        ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
        try {
            for (Stage stage : Stage.values()) {
                List<Registered> now = probes.values().stream().filter(r -> r.entry().stage() == stage).filter(selected).toList();
                if (!now.isEmpty()) {
                    runStage(threads, now, factsBefore(stage));
                }
            }
        } finally {
            // Not close(): it would wait for a hung probe, which is exactly what the timeout is there to avoid.
            threads.shutdownNow();
        }
        List<ProbeRun> report = probes.keySet().stream().map(runs::get).filter(run -> run != null).toList();
        latest = new NodeFingerprint(factsBefore(null), startedAt, millisSince(started), report);
        log.debug("node fingerprint took {} ms: {}", latest.millis(), report);
        return latest;
    }

    private void runStage(ExecutorService threads, List<Registered> stage, NodeFacts known) {
        Map<Registered, Future<Attempt>> attempts = new LinkedHashMap<>();
        stage.forEach(r -> attempts.put(r, threads.submit(() -> attempt(r, known))));
        long deadline = System.nanoTime() + probeTimeout.toNanos();
        for (Map.Entry<Registered, Future<Attempt>> attempt : attempts.entrySet()) {
            String name = attempt.getKey().entry().name();
            Attempt outcome;
            try {
                outcome = attempt.getValue().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                attempt.getValue().cancel(true);
                log.warn("node probe {} did not finish within {} ms; leaving its facts as they were", name, probeTimeout.toMillis());
                outcome = new Attempt(null, new ProbeRun(name, ctx.clock().instant(), probeTimeout.toMillis(),
                        "did not finish within " + probeTimeout.toMillis() + " ms"));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while probing the node", e);
            } catch (ExecutionException e) {
                throw new IllegalStateException("probe " + name + " escaped its own error handling", e.getCause());
            }
            runs.put(name, outcome.run());
            if (outcome.facts() != null) {
                contributions.put(name, outcome.facts());
            }
        }
    }

    private Attempt attempt(Registered r, NodeFacts known) {
        String name = r.entry().name();
        Instant ranAt = ctx.clock().instant();
        long started = System.nanoTime();
        NodeFacts.Builder facts = known.builder();
        try {
            r.probe().probe(ctx, facts);
            return new Attempt(facts.build(), new ProbeRun(name, ranAt, millisSince(started), null));
        } catch (VirtualMachineError e) {
            throw e;
        } catch (Throwable e) {
            // A half-written builder is dropped whole: facts from a probe that failed midway are not to be trusted.
            if (Thread.currentThread().isInterrupted() || e instanceof InterruptedException) {
                log.debug("node probe {} stopped after its timeout: {}", name, e.toString());
            } else {
                log.warn("node probe {} failed; leaving its facts out", name, e);
            }
            String why = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
            return new Attempt(null, new ProbeRun(name, ranAt, millisSince(started), why));
        }
    }

    /** What the probes of stages before {@code stage} contributed, in registration order; all of it for null. */
    private NodeFacts factsBefore(Stage stage) {
        NodeFacts facts = NodeFacts.EMPTY;
        for (Registered r : probes.values()) {
            NodeFacts contribution = contributions.get(r.entry().name());
            if (contribution != null && (stage == null || r.entry().stage().compareTo(stage) < 0)) {
                facts = facts.with(contribution);
            }
        }
        return facts;
    }

    private static double millisSince(long startedNanos) {
        return Math.round((System.nanoTime() - startedNanos) / 10_000.0) / 100.0;
    }
}
