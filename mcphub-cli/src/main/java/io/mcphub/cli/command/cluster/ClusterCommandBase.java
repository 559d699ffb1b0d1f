package io.mcphub.cli.command.cluster;

import io.mcphub.cli.command.ApiCommand;

/** A verb about what runs where (stacks, services, nodes): an ApiCommand that talks to the deployment routes. */
abstract class ClusterCommandBase extends ApiCommand {
    private ClusterApi cluster;
    private NodeApi nodes;

    protected ClusterApi cluster() {
        if (cluster == null) {
            cluster = new ClusterApi(hub());
        }
        return cluster;
    }

    protected NodeApi nodes() {
        if (nodes == null) {
            nodes = new NodeApi(hub());
        }
        return nodes;
    }
}
