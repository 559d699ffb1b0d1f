package io.mcphub.deploy.runtime.docker;

import com.fasterxml.jackson.databind.JsonNode;
import io.mcphub.deploy.runtime.Instance;
import io.mcphub.deploy.runtime.InstanceSpec;
import io.mcphub.deploy.runtime.Runtime;
import io.mcphub.deploy.runtime.supervisor.Supervision;
import io.mcphub.deploy.runtime.supervisor.Supervisors;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Docker runtime: each instance is one container on this node's Docker engine, driven through the Engine API on its
 * Unix socket and kept alive by the same supervisor as a process (health checks, restarts with backoff, logs in the
 * instance directory, the MCP channel of a stdio server). Containers share the host's network, so an instance
 * listens on and reaches loopback exactly like a process. Nothing is pulled: an image must already be on the
 * engine.
 *
 * <p>Every container carries the label {@value #LABEL_OWNER} with the runtime's owner (the agent's node name), so
 * none outlives its agent: closing the runtime removes all of them, and {@link #reapOrphans()} — called when an
 * agent starts — removes those a crashed predecessor left behind.
 */
public final class DockerRuntime implements Runtime {

    private static final Logger LOG = LoggerFactory.getLogger(DockerRuntime.class);

    public static final String NAME = "docker";
    public static final String LABEL_INSTANCE = "io.mcphub.instance";
    public static final String LABEL_SERVICE = "io.mcphub.service";
    public static final String LABEL_OWNER = "io.mcphub.owner";
    /** Engine calls other than stop and wait answer in milliseconds; this is for an engine under load. */
    public static final Duration ENGINE_TIMEOUT = Duration.ofSeconds(30);

    private final DockerEngine engine;
    private final String owner;
    private final Supervisors supervisors;

    /** The engine on {@code socket} with default supervision. */
    public DockerRuntime(Path socket, String owner) {
        this(new DockerEngine(socket, ENGINE_TIMEOUT), owner, Supervision.DEFAULTS);
    }

    /** @param owner who this runtime's containers belong to: the agent's node name, unique on the engine */
    public DockerRuntime(DockerEngine engine, String owner, Supervision supervision) {
        if (owner == null || owner.isBlank()) {
            throw new IllegalArgumentException("the Docker runtime needs an owner (the agent's node name) to label its containers");
        }
        this.engine = engine;
        this.owner = owner;
        this.supervisors = new Supervisors(NAME, supervision);
    }

    @Override
    public String name() {
        return NAME;
    }

    public String owner() {
        return owner;
    }

    public DockerEngine engine() {
        return engine;
    }

    /**
     * Starts the instance's container under a supervisor and returns at once.
     *
     * @throws IllegalArgumentException when the spec has no image
     * @throws IllegalStateException when the engine does not answer or does not have the image (said in a sentence)
     */
    @Override
    public Instance start(InstanceSpec spec, Path instanceDir) {
        supervisors.checkOpen();
        if (spec.image() == null) {
            throw new IllegalArgumentException("instance " + spec.instanceId() + " has no image: the docker runtime runs a"
                    + " container image; give the service an image, or run its command with runtime process");
        }
        try {
            requireImage(engine, spec.image());
        } catch (IOException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        return supervisors.start(spec, instanceDir, new ContainerWorkload(engine, spec, owner, Runtime.separateConfigDir(instanceDir)));
    }

    /** Mounted read-only at {@link #CONFIG_MOUNT} in the container; the directory, not each file, so renames show. */
    @Override
    public Path configDir(InstanceSpec spec, Path instanceDir) throws IOException {
        return java.nio.file.Files.createDirectories(Runtime.separateConfigDir(instanceDir));
    }

    /** Where a container finds its configuration files ({@code path} references): {@code /mcphub/config/PATH}. */
    public static final String CONFIG_MOUNT = "/mcphub/config";

    /** An instance this runtime still supervises (ended instances are forgotten). */
    public Optional<Instance> instance(String instanceId) {
        return supervisors.instance(instanceId);
    }

    public List<Instance> instances() {
        return supervisors.instances();
    }

    /**
     * Removes every container of this owner that no instance of this runtime runs: what an agent killed before it
     * could clean up left behind. Returns the names of the containers removed.
     *
     * @throws IOException when the engine does not answer
     */
    public List<String> reapOrphans() throws IOException {
        Set<String> known = supervisors.ids();
        List<String> removed = new ArrayList<>();
        for (JsonNode container : engine.containers(Map.of(LABEL_OWNER, owner))) {
            String instance = container.path("Labels").path(LABEL_INSTANCE).asText("");
            if (known.contains(instance)) {
                continue;
            }
            String name = container.path("Names").path(0).asText(container.path("Id").asText()).replaceFirst("^/", "");
            LOG.warn("removing container {} of instance {}: owner {} no longer runs it", name, instance, owner);
            engine.remove(container.path("Id").asText());
            removed.add(name);
        }
        return removed;
    }

    /** Stops every instance (their containers are removed as they stop), then sweeps whatever of ours is left. */
    @Override
    public void close() {
        supervisors.close();
        try {
            reapOrphans();
        } catch (IOException e) {
            LOG.warn("cannot sweep the containers of {} off the Docker engine: {}", owner, e.getMessage());
        }
    }

    /** The container an instance runs in. */
    public static String containerName(String instanceId) {
        return "mcphub-" + instanceId;
    }

    static Map<String, String> labels(String instanceId, String service, String owner) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(LABEL_INSTANCE, instanceId);
        labels.put(LABEL_SERVICE, service);
        labels.put(LABEL_OWNER, owner);
        return labels;
    }

    /** No pulls on our nodes: an image the engine lacks is an operator's job, and the message says which. */
    static void requireImage(DockerEngine engine, String image) throws IOException {
        if (engine.image(image).isEmpty()) {
            throw new IOException("image " + image + " is not on this node's Docker engine; build or load it there"
                    + " (docker build / docker load), this node pulls nothing");
        }
    }
}
