package io.mcphub.agent;

import io.mcphub.deploy.probe.NodeFacts;
import io.mcphub.deploy.probe.NodeFingerprint;
import io.mcphub.deploy.runtime.Runtimes;
import io.mcphub.deploy.runtime.docker.DockerRuntime;
import io.mcphub.deploy.runtime.process.ProcessRuntime;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which runtimes this node offers, decided from its fingerprint: a process runtime always, a container runtime
 * only where the probe found its engine answering — the same facts the scheduler placed instances by.
 */
final class NodeRuntimes {

    private static final Logger LOG = LoggerFactory.getLogger(NodeRuntimes.class);

    private NodeRuntimes() {}

    /** @param node the agent's node name: it owns the containers (and whatever else) its runtimes start */
    static Runtimes of(NodeFingerprint fingerprint, String node) {
        Runtimes runtimes = new Runtimes().add(new ProcessRuntime());
        NodeFacts.DockerEngine engine = fingerprint.facts().docker();
        if (engine != null) {
            runtimes.add(docker(Path.of(engine.socket()), node));
        }
        return runtimes;
    }

    /** The engine's runtime, after removing the containers a crashed predecessor of this agent left behind. */
    private static DockerRuntime docker(Path socket, String node) {
        DockerRuntime docker = new DockerRuntime(socket, node);
        try {
            List<String> reaped = docker.reapOrphans();
            if (!reaped.isEmpty()) {
                LOG.warn("removed {} container(s) a previous agent of {} left running: {}", reaped.size(), node, reaped);
            }
        } catch (IOException e) {
            LOG.warn("cannot look for containers a previous agent of {} left running: {}", node, e.getMessage());
        }
        return docker;
    }
}
