package io.mcphub.hub.ssh;

import io.mcphub.deploy.ssh.SshAddress;
import java.time.Instant;

/**
 * A node the hub bootstrapped over SSH and keeps a tunnel to.
 *
 * @param hostKey   the pinned host key fingerprint; every reconnection insists on it
 * @param dir       the agent's directory on the target ({@code lib/}, {@code data/}, its log and pid file)
 * @param java      the {@code java} the agent runs with there
 * @param hubPort   the target's loopback port forwarded to the hub's public API (the agent's {@code --hub})
 * @param agentPort the target's loopback port forwarded to the hub's agent endpoint ({@code --agent-endpoint})
 */
public record SshNodeRecord(String name, String user, String host, int port, String hostKey, String dir, String java,
                            int hubPort, int agentPort, Instant addedAt) {

    public SshAddress address() {
        return new SshAddress(user, host, port);
    }
}
