/**
 * Nodes over SSH: the hub's own SSH identity ({@link io.mcphub.hub.ssh.HubSshKey}), the agentless bootstrap that turns
 * a machine reachable by SSH into a node ({@link io.mcphub.hub.ssh.SshNodes}), and the tunnels that carry the agent's
 * traffic both ways for such nodes, re-opened whenever the hub starts.
 */
package io.mcphub.hub.ssh;
