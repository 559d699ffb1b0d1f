package io.mcphub.deploy.runtime.docker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mcphub.deploy.runtime.InstanceSpec;
import io.mcphub.deploy.runtime.log.RotatingLog;
import io.mcphub.deploy.runtime.mcp.RelayChannel;
import io.mcphub.deploy.runtime.mcp.StdioConnection;
import io.mcphub.deploy.runtime.supervisor.Streams;
import io.mcphub.deploy.runtime.supervisor.Workload;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One instance as a container, created anew for every run: named {@code mcphub-<instanceId>}, labelled with the
 * instance, its service and the runtime's owner, on the host's network (it listens on and reaches loopback like a
 * process would), with env {@code PORT}. Its streams are attached before it starts, so no output is lost; a stdio
 * MCP server also gets its stdin through that attachment. A run ends by the engine's stop (SIGTERM, SIGKILL after
 * the grace) and the container's removal.
 */
final class ContainerWorkload implements Workload {

    private static final Duration EXIT_WAIT = Duration.ofSeconds(5);

    private final DockerEngine engine;
    private final InstanceSpec spec;
    private final String owner;
    private final String name;
    /** On the host: the instance's configuration files, mounted read-only into the container. */
    private final Path configDir;

    ContainerWorkload(DockerEngine engine, InstanceSpec spec, String owner, Path configDir) {
        this.configDir = configDir;
        this.engine = engine;
        this.spec = spec;
        this.owner = owner;
        this.name = DockerRuntime.containerName(spec.instanceId());
    }

    @Override
    public String description() {
        StringBuilder text = new StringBuilder("container ").append(name).append(" of image ").append(spec.image());
        if (spec.command() != null || !spec.args().isEmpty()) {
            text.append(':');
            if (spec.command() != null) {
                text.append(' ').append(spec.command());
            }
            spec.args().forEach(arg -> text.append(' ').append(arg));
        }
        return text.toString();
    }

    @Override
    public void reapLeftover(Duration grace, RotatingLog log) {
        try {
            removeLeftover(grace, log);
        } catch (IOException e) {
            log.event("cannot check for a container left over by a previous agent: " + e.getMessage());
        }
    }

    @Override
    public Workload.Run start(RelayChannel relay, RotatingLog log) throws IOException {
        DockerRuntime.requireImage(engine, spec.image());
        removeLeftover(Duration.ZERO, log);
        boolean stdio = relay != null;
        String id = engine.create(name, config(stdio, log));
        DockerEngine.Attached attached = null;
        try {
            attached = engine.attach(id, stdio);
            engine.start(id);
            long pid = engine.inspect(id).map(c -> c.path("State").path("Pid").asLong()).orElse(0L);
            Demultiplexer.Outputs outputs = Demultiplexer.start(attached.output(), spec.instanceId());
            StdioConnection connection = Streams.wire(spec.instanceId() + "-" + pid, relay, log, outputs.stdout(),
                    outputs.stderr(), attached.input());
            return new ContainerRun(id, pid, attached, connection, log);
        } catch (IOException | RuntimeException e) {
            if (attached != null) {
                attached.close();
            }
            removeQuietly(id, log);
            throw e;
        }
    }

    /** The create request: the spec's program, environment and working directory, on the host's network. */
    ObjectNode config(boolean stdio, RotatingLog log) {
        ObjectNode c = JsonNodeFactory.instance.objectNode();
        c.put("Image", spec.image());
        if (spec.command() != null) {
            c.putArray("Entrypoint").add(spec.command());
        }
        if (spec.command() != null || !spec.args().isEmpty()) {
            ArrayNode cmd = c.putArray("Cmd");
            spec.args().forEach(cmd::add);
        }
        ArrayNode env = c.putArray("Env");
        spec.env().forEach((k, v) -> {
            if (!k.equals("PORT") || spec.port() == null) {
                env.add(k + "=" + v);
            }
        });
        if (spec.port() != null) {
            env.add("PORT=" + spec.port());
        }
        if (spec.workdir() != null && !spec.workdir().isBlank()) {
            if (Path.of(spec.workdir()).isAbsolute()) {
                c.put("WorkingDir", spec.workdir());
            } else {
                log.event("workdir " + spec.workdir() + " is relative: a container runs in its image's working"
                        + " directory unless the workdir is an absolute path inside the image");
            }
        }
        ObjectNode labels = c.putObject("Labels");
        DockerRuntime.labels(spec.instanceId(), spec.service(), owner).forEach(labels::put);
        c.put("AttachStdin", stdio).put("AttachStdout", true).put("AttachStderr", true)
                .put("OpenStdin", stdio).put("StdinOnce", false).put("Tty", false);
        ObjectNode host = c.putObject("HostConfig");
        host.put("NetworkMode", "host");
        // A tiny init as PID 1 passes SIGTERM on: node or python as PID 1 would ignore it and wait for SIGKILL.
        host.put("Init", true);
        // The instance log is ours (rotated, bounded); the engine keeps no second, unbounded copy.
        host.putObject("LogConfig").put("Type", "none");
        if (java.nio.file.Files.isDirectory(configDir)) {
            host.putArray("Binds").add(configDir.toAbsolutePath() + ":" + DockerRuntime.CONFIG_MOUNT + ":ro");
            env.add("MCPHUB_CONFIG_DIR=" + DockerRuntime.CONFIG_MOUNT);
        }
        if (spec.resources().memoryMb() != null) {
            host.put("Memory", spec.resources().memoryMb() * 1024 * 1024);
        }
        if (spec.resources().cpus() != null) {
            host.put("CpuShares", Math.max(2, Math.round(spec.resources().cpus() * 1024))); // as a pod's cpu request
        }
        return c;
    }

    /** Removes a container of this name that a previous agent (or run) of this owner left behind. */
    private void removeLeftover(Duration grace, RotatingLog log) throws IOException {
        Optional<JsonNode> leftover = engine.inspect(name);
        if (leftover.isEmpty()) {
            return;
        }
        JsonNode container = leftover.get();
        String other = container.path("Config").path("Labels").path(DockerRuntime.LABEL_OWNER).asText("");
        if (!other.equals(owner)) {
            throw new IOException("container " + name + " on this node's Docker engine belongs to "
                    + (other.isEmpty() ? "no MCP Hub agent" : "agent " + other) + ", not to " + owner
                    + "; remove it (docker rm -f " + name + ") or run the instance elsewhere");
        }
        String id = container.path("Id").asText(name);
        log.event("removing container " + name + " left over by a previous agent");
        if (container.path("State").path("Running").asBoolean() && !grace.isZero()) {
            engine.stop(id, grace);
        }
        engine.remove(id);
    }

    private void removeQuietly(String id, RotatingLog log) {
        try {
            engine.remove(id);
        } catch (IOException e) {
            log.event("cannot remove container " + name + ": " + e.getMessage());
        }
    }

    /** One started container. */
    private final class ContainerRun implements Workload.Run {

        private final String id;
        private final long pid;
        private final DockerEngine.Attached attached;
        private final StdioConnection connection;
        private final RotatingLog log;
        private final CompletableFuture<Integer> exit = new CompletableFuture<>();

        ContainerRun(String id, long pid, DockerEngine.Attached attached, StdioConnection connection, RotatingLog log) {
            this.id = id;
            this.pid = pid;
            this.attached = attached;
            this.connection = connection;
            this.log = log;
            Thread.ofVirtual().name("docker-wait-" + spec.instanceId()).start(this::awaitExit);
        }

        private void awaitExit() {
            try {
                exit.complete(engine.await(id));
            } catch (IOException e) {
                if (!exit.isDone()) {
                    log.event("lost sight of container " + name + ": " + e.getMessage());
                }
                exit.complete(-1);
            }
        }

        @Override
        public long pid() {
            return pid;
        }

        @Override
        public StdioConnection connection() {
            return connection;
        }

        @Override
        public CompletableFuture<Integer> exit() {
            return exit;
        }

        @Override
        public void signal(String name) throws IOException {
            engine.kill(id, name);
        }

        @Override
        public int terminate(Duration grace) {
            try {
                if (!exit.isDone()) {
                    engine.stop(id, grace);
                }
            } catch (IOException e) {
                log.event("cannot stop container " + name + " (" + e.getMessage() + "); removing it by force");
            }
            int code = exitCode();
            removeQuietly(id, log);
            if (connection != null) {
                connection.close();
            }
            attached.close();
            return code;
        }

        private int exitCode() {
            try {
                return exit.get(EXIT_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException | ExecutionException e) {
                try {
                    return engine.inspect(id).map(c -> c.path("State").path("ExitCode").asInt(-1)).orElse(-1);
                } catch (IOException io) {
                    return -1;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return -1;
            }
        }
    }
}
