package io.mcphub.deploy.probe;

import io.mcphub.deploy.probe.NodeFacts.DockerEngine;
import io.mcphub.deploy.probe.NodeFacts.Kubernetes;

/**
 * Decides what kind of node this is from what the environment probes found: Kubernetes over Docker over bare metal,
 * since a Kubernetes node usually runs a container engine too, and a Docker host can always run plain processes.
 */
final class NodeTypeProbe implements NodeProbe {

    static final String NAME = "nodetype";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void probe(ProbeContext ctx, NodeFacts.Builder facts) {
        NodeFacts known = facts.known();
        Kubernetes kubernetes = known.kubernetes();
        DockerEngine docker = known.docker();
        if (kubernetes != null) {
            facts.type(NodeType.KUBERNETES, why(kubernetes)
                    + (docker == null ? "" : "; a Docker engine also answers on " + docker.socket() + ", Kubernetes wins"));
        } else if (docker != null) {
            facts.type(NodeType.DOCKER, "Docker engine " + (docker.version() == null ? "" : docker.version() + " ")
                    + "answers on " + docker.socket());
        } else {
            facts.type(NodeType.BARE_METAL, "no Kubernetes service account or kubeconfig naming a server, "
                    + "and no Docker engine answers on " + String.join(" or ", DockerProbe.sockets(ctx)));
        }
    }

    private static String why(Kubernetes kubernetes) {
        return switch (kubernetes.access()) {
            case IN_CLUSTER -> "in-cluster: service-account token in " + kubernetes.source()
                    + " and KUBERNETES_SERVICE_HOST point at " + kubernetes.server();
            case KUBECONFIG -> "kubeconfig " + kubernetes.source() + " names API server " + kubernetes.server()
                    + (kubernetes.context() == null ? "" : " (context " + kubernetes.context() + ")");
        };
    }
}
