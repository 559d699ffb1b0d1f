/**
 * SSH to machines that have no agent yet, on Apache MINA SSHD's client: {@link io.mcphub.deploy.ssh.SshConnector}
 * connects with one key pair and verifies the host key against a pinned SHA-256 fingerprint (trust on first use only
 * when the caller asks for it); {@link io.mcphub.deploy.ssh.SshSession} runs commands, uploads files and forwards
 * ports; {@link io.mcphub.deploy.ssh.SshTunnel} keeps a session alive and re-establishes it, forwards included, when
 * it drops. Every failure is an {@link io.mcphub.deploy.ssh.SshException} whose message says what to do.
 */
package io.mcphub.deploy.ssh;
