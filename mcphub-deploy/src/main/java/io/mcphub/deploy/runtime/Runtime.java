package io.mcphub.deploy.runtime;

import java.nio.file.Path;

/**
 * A way to run instances on this node (process today; Docker and Kubernetes beside it). A runtime owns what it
 * starts: closing it stops every instance it still runs, so nothing it started outlives the agent.
 */
public interface Runtime extends AutoCloseable {

    /** The name stack files and node fingerprints use for this runtime, e.g. {@code process}. */
    String name();

    /**
     * Starts an instance and returns at once; the instance reports its progress through {@link Instance#state()}.
     *
     * @param instanceDir the instance's own directory (logs, working directory, bookkeeping); created if missing
     * @throws IllegalStateException when an instance with this id is still running in this runtime
     */
    Instance start(InstanceSpec spec, Path instanceDir);

    /**
     * Where on this host the agent writes the instance's configuration files, so that the instance sees them: its
     * working directory for a process; a directory of the instance's own for a container, which mounts it (a
     * container's working directory is a path inside its image, not on the host).
     */
    default Path configDir(InstanceSpec spec, Path instanceDir) throws java.io.IOException {
        return spec.workdirIn(instanceDir);
    }

    /** The directory of its own, inside the instance directory, that a container runtime's {@link #configDir} is. */
    static Path separateConfigDir(Path instanceDir) {
        return instanceDir.resolve("config");
    }

    /** Stops every instance this runtime started and still runs. */
    @Override
    void close();
}
