package io.mcphub.hub.ssh;

import io.mcphub.hub.cluster.NodeRecord;
import io.mcphub.hub.cluster.Nodes;
import io.mcphub.security.pki.Revocations;
import java.math.BigInteger;
import java.util.Optional;

/**
 * {@code mcphub node remove}: an SSH node's agent is stopped over SSH first (SIGTERM, so it stops its instances and
 * leaves no orphans) and its tunnel closed; then, for any node, its certificate is revoked — an agent still running
 * somewhere can no longer reach the hub — and it leaves the node list, its liveness lease with it, so the reconciler
 * moves its instances where placement allows.
 */
public final class NodeRemoval {

    private final Nodes nodes;
    private final Revocations revocations;
    private final SshNodes ssh;

    public NodeRemoval(Nodes nodes, Revocations revocations, SshNodes ssh) {
        this.nodes = nodes;
        this.revocations = revocations;
        this.ssh = ssh;
    }

    /** What a removal did; {@code agent} is empty for a node that joined by itself. */
    public record Removed(String node, String revokedSerial, Optional<String> agent) {}

    public Removed remove(String name) {
        NodeRecord node = nodes.require(name);
        Optional<String> agent = ssh.retire(name);
        return new Removed(name, forget(nodes, revocations, node), agent);
    }

    /** Revokes the node's certificate and removes it; returns the revoked serial, or null if it had none. */
    public static String forget(Nodes nodes, Revocations revocations, NodeRecord node) {
        String serial = node.certSerial();
        if (serial != null && !serial.isBlank()) {
            revocations.revoke(new BigInteger(serial, 16));
        }
        nodes.remove(node.name());
        return serial;
    }
}
