package io.mcphub.agent;

import io.mcphub.deploy.probe.NodeFacts;
import io.mcphub.deploy.probe.NodeFingerprint;
import io.mcphub.deploy.runtime.Runtimes;
import io.mcphub.deploy.runtime.docker.DockerRuntime;
import io.mcphub.deploy.runtime.kubernetes.KubernetesRuntime;
import io.mcphub.deploy.runtime.process.ProcessRuntime;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
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
        NodeFacts.Kubernetes cluster = fingerprint.facts().kubernetes();
        if (cluster != null) {
            kubernetes(cluster, node).ifPresent(runtimes::add);
        }
        return runtimes;
    }

    /**
     * The cluster's runtime, on the credentials the probe found (service account or kubeconfig), after deleting the
     * pods a crashed predecessor of this agent left. An API server that is away now does not hold the agent up: each
     * start then fails with a sentence saying so, until it answers.
     */
    private static Optional<KubernetesRuntime> kubernetes(NodeFacts.Kubernetes cluster, String node) {
        KubernetesRuntime kubernetes;
        try {
            kubernetes = KubernetesRuntime.forCluster(cluster, node);
        } catch (RuntimeException e) {
            LOG.warn("not offering runtime kubernetes: cannot use {} ({})", cluster.source(), e.getMessage());
            return Optional.empty();
        }
        try {
            List<String> reaped = kubernetes.reapOrphans();
            if (!reaped.isEmpty()) {
                LOG.warn("deleted {} pod(s) in namespace {} a previous agent of {} left running: {}", reaped.size(),
                        kubernetes.namespace(), node, reaped);
            }
        } catch (RuntimeException e) {
            LOG.warn("cannot look for pods a previous agent of {} left running: {}", node, e.getMessage());
        }
        return Optional.of(kubernetes);
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
