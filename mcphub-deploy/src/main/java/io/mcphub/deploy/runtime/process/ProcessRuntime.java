package io.mcphub.deploy.runtime.process;

import io.mcphub.deploy.runtime.Instance;
import io.mcphub.deploy.runtime.InstanceSpec;
import io.mcphub.deploy.runtime.Runtime;
import io.mcphub.deploy.runtime.supervisor.Supervision;
import io.mcphub.deploy.runtime.supervisor.Supervisors;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Bare-metal runtime: each instance is an OS process tree under a supervisor. The runtime stops everything it still
 * runs when it is closed, and from a JVM shutdown hook, so an agent stopped by SIGTERM or SIGINT leaves no orphan
 * behind (one killed by SIGKILL cannot help it; its successor reaps the leftovers, see {@link PidFile}).
 */
public final class ProcessRuntime implements Runtime {

    public static final String NAME = "process";

    private final Supervisors supervisors;

    public ProcessRuntime() {
        this(Supervision.DEFAULTS);
    }

    public ProcessRuntime(Supervision options) {
        this.supervisors = new Supervisors(NAME, options);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Instance start(InstanceSpec spec, Path instanceDir) {
        supervisors.checkOpen();
        if (spec.command() == null) {
            throw new IllegalArgumentException("instance " + spec.instanceId() + " has no command: a process runs a program,"
                    + " and image " + spec.image() + " needs runtime docker or kubernetes");
        }
        return supervisors.start(spec, instanceDir, new Launcher(spec, instanceDir));
    }

    /** An instance this runtime still supervises (ended instances are forgotten). */
    public Optional<Instance> instance(String instanceId) {
        return supervisors.instance(instanceId);
    }

    public List<Instance> instances() {
        return supervisors.instances();
    }

    @Override
    public void close() {
        supervisors.close();
    }
}
