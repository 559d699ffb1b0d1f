package io.mcphub.deploy.probe;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What the probes found about a node. Any part may be absent (null) when its probe could not tell; {@code runtimes}
 * maps a program or runtime name ({@code process}, {@code docker}, {@code node}, {@code npx}, {@code python3},
 * {@code uvx}, {@code java}) to its version and holds only those that are usable.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record NodeFacts(NodeType type, String typeReason, Cpu cpu, Memory memory, Disk disk, Os os,
                        List<String> addresses, Map<String, String> runtimes, DockerEngine docker, Kubernetes kubernetes) {

    public static final NodeFacts EMPTY = new NodeFacts(null, null, null, null, null, null, null, null, null, null);

    public NodeFacts {
        addresses = addresses == null ? List.of() : List.copyOf(addresses);
        // Sorted, so that two fingerprints of the same node serialise to the same bytes.
        runtimes = runtimes == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(runtimes));
    }

    /** @param cores logical processors; {@code model} is null when the machine does not say */
    public record Cpu(int cores, String model) {}

    public record Memory(long totalMb, long availableMb) {}

    /** The filesystem holding the agent's data directory {@code path}; free is what the agent may still use. */
    public record Disk(String path, long totalMb, long freeMb) {}

    /** @param arch {@code amd64}, {@code arm64} or the JVM's own name for anything else */
    public record Os(String name, String kernel, String arch, String hostname) {}

    /** A Docker engine that answered {@code /_ping} on {@code socket}. */
    public record DockerEngine(String socket, String version, String apiVersion) {}

    /**
     * A Kubernetes API the node can use: from inside the cluster ({@code source} is the service-account directory)
     * or through a kubeconfig ({@code source} is its path, {@code context} the context it names).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Kubernetes(Access access, String server, String namespace, String context, String source) {
        public enum Access { IN_CLUSTER, KUBECONFIG }
    }

    /** The runtimes the scheduler may place services with: always {@code process}, then Docker and Kubernetes when found. */
    public Set<String> deployRuntimes() {
        Set<String> usable = new TreeSet<>(Set.of(RuntimesProbe.PROCESS));
        if (runtimes.containsKey(DockerProbe.RUNTIME)) {
            usable.add(DockerProbe.RUNTIME);
        }
        if (kubernetes != null) {
            usable.add("kubernetes");
        }
        return Collections.unmodifiableSet(usable);
    }

    /** The programs found on the node that a process service may run (node, npx, python3, uvx, java, docker). */
    public Set<String> commands() {
        Set<String> programs = new TreeSet<>(runtimes.keySet());
        programs.remove(RuntimesProbe.PROCESS);
        return Collections.unmodifiableSet(programs);
    }

    /** A builder for one probe, whose reads see these facts. */
    public Builder builder() {
        return new Builder(this);
    }

    /** These facts with whatever {@code over} says laid over them; what it leaves absent (or empty) stays as it was. */
    NodeFacts with(NodeFacts over) {
        Map<String, String> merged = new TreeMap<>(runtimes);
        merged.putAll(over.runtimes);
        return new NodeFacts(
                pick(over.type, type), over.type != null ? over.typeReason : typeReason,
                pick(over.cpu, cpu), pick(over.memory, memory), pick(over.disk, disk), pick(over.os, os),
                over.addresses.isEmpty() ? addresses : over.addresses, merged,
                pick(over.docker, docker), pick(over.kubernetes, kubernetes));
    }

    private static <T> T pick(T written, T known) {
        return written != null ? written : known;
    }

    /**
     * What one probe writes. It holds only this probe's writes, laid over the facts it started from, so that the
     * {@link Fingerprinter} can keep or drop one probe's contribution whole.
     */
    public static final class Builder {

        private final NodeFacts base;
        private NodeType type;
        private String typeReason;
        private Cpu cpu;
        private Memory memory;
        private Disk disk;
        private Os os;
        private List<String> addresses;
        private final Map<String, String> runtimes = new TreeMap<>();
        private DockerEngine docker;
        private Kubernetes kubernetes;

        Builder(NodeFacts base) {
            this.base = base;
        }

        /** What earlier probes found, with this probe's own writes so far laid over it. */
        public NodeFacts known() {
            return base.with(build());
        }

        /** Only this probe's writes: what the fingerprinter keeps as its contribution. */
        NodeFacts build() {
            return new NodeFacts(type, typeReason, cpu, memory, disk, os, addresses, runtimes, docker, kubernetes);
        }

        public Builder type(NodeType type, String reason) {
            this.type = Objects.requireNonNull(type);
            this.typeReason = Objects.requireNonNull(reason);
            return this;
        }

        public Builder cpu(Cpu cpu) {
            this.cpu = cpu;
            return this;
        }

        public Builder memory(Memory memory) {
            this.memory = memory;
            return this;
        }

        public Builder disk(Disk disk) {
            this.disk = disk;
            return this;
        }

        public Builder os(Os os) {
            this.os = os;
            return this;
        }

        public Builder addresses(List<String> addresses) {
            this.addresses = List.copyOf(addresses);
            return this;
        }

        /** Records a usable runtime; one that is not usable is simply not recorded. */
        public Builder runtime(String name, String version) {
            runtimes.put(Objects.requireNonNull(name), Objects.requireNonNull(version));
            return this;
        }

        public Builder docker(DockerEngine docker) {
            this.docker = docker;
            return this;
        }

        public Builder kubernetes(Kubernetes kubernetes) {
            this.kubernetes = kubernetes;
            return this;
        }
    }
}
