package io.mcphub.core.stack;

/**
 * How a service's instances run. {@code AUTO} leaves the choice to the scheduler, per node: a process where the
 * node has the command, else a container where it has an engine for the image.
 */
public enum RuntimeKind implements Spelled {
    PROCESS,
    DOCKER,
    KUBERNETES,
    AUTO;

    /** Docker and Kubernetes run an image; a process runs a command. */
    public boolean runsImage() {
        return this == DOCKER || this == KUBERNETES;
    }
}
