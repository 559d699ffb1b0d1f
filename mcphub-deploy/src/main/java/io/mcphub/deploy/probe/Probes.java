package io.mcphub.deploy.probe;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The probes by name, in the order they run: every {@link Stage#HOST} probe, then every {@link Stage#ENVIRONMENT}
 * probe (which may refine what host probes found), then the {@link Stage#DECISION}s drawn from both. Adding a probe
 * is one {@link #with} line; {@link #standard()} is what the agent runs.
 */
public final class Probes {

    public enum Stage {
        /** Facts about the machine itself; independent of each other, so they run at the same time. */
        HOST,
        /** What the machine is part of (a container engine, a cluster); sees the host facts. */
        ENVIRONMENT,
        /** Conclusions from the facts; re-drawn whenever any probe ran again. */
        DECISION
    }

    public record Entry(String name, Stage stage, Supplier<? extends NodeProbe> factory) {

        public Entry {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(stage, "stage");
            Objects.requireNonNull(factory, "factory");
        }

        NodeProbe create() {
            NodeProbe probe = factory.get();
            if (!name.equals(probe.name())) {
                throw new IllegalStateException("probe registered as '" + name + "' calls itself '" + probe.name() + "'");
            }
            return probe;
        }
    }

    private final Map<String, Entry> entries;

    private Probes(List<Entry> entries) {
        Map<String, Entry> ordered = new LinkedHashMap<>();
        entries.stream().sorted(Comparator.comparing(Entry::stage)).forEach(e -> ordered.put(e.name(), e));
        this.entries = ordered;
    }

    public static Probes none() {
        return new Probes(List.of());
    }

    public static Probes standard() {
        return none()
                .with(Stage.HOST, CpuProbe.NAME, CpuProbe::new)
                .with(Stage.HOST, MemoryProbe.NAME, MemoryProbe::new)
                .with(Stage.HOST, DiskProbe.NAME, DiskProbe::new)
                .with(Stage.HOST, OsProbe.NAME, OsProbe::new)
                .with(Stage.HOST, NetworkProbe.NAME, NetworkProbe::new)
                .with(Stage.HOST, RuntimesProbe.NAME, RuntimesProbe::new)
                .with(Stage.ENVIRONMENT, DockerProbe.NAME, DockerProbe::new)
                .with(Stage.ENVIRONMENT, KubernetesProbe.NAME, KubernetesProbe::new)
                .with(Stage.DECISION, NodeTypeProbe.NAME, NodeTypeProbe::new);
    }

    /** These probes plus {@code name}, which replaces a probe already registered under that name. */
    public Probes with(Stage stage, String name, Supplier<? extends NodeProbe> factory) {
        List<Entry> next = new ArrayList<>(entries.values());
        next.removeIf(e -> e.name().equals(name));
        next.add(new Entry(name, stage, factory));
        return new Probes(next);
    }

    public Probes without(String name) {
        List<Entry> next = new ArrayList<>(entries.values());
        next.removeIf(e -> e.name().equals(name));
        return new Probes(next);
    }

    /** In running order. */
    public List<Entry> entries() {
        return List.copyOf(entries.values());
    }

    public Set<String> names() {
        return Collections.unmodifiableSet(entries.keySet());
    }
}
