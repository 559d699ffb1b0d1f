package io.mcphub.deploy.probe;

/** What kind of node the agent runs on, which decides the runtimes the scheduler may place there. */
public enum NodeType {
    /** In a Kubernetes cluster (a service account) or able to reach one (a kubeconfig naming a server). */
    KUBERNETES,
    /** A Docker engine answers on its socket. */
    DOCKER,
    /** Neither: services run as plain processes. */
    BARE_METAL
}
