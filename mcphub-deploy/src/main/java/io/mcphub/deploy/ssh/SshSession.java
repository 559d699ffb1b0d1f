package io.mcphub.deploy.ssh;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.channel.ClientChannelEvent;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.util.net.SshdSocketAddress;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.client.SftpClientFactory;
import org.apache.sshd.sftp.client.extensions.openssh.OpenSSHPosixRenameExtension;

/** One authenticated SSH session: commands, uploads over SFTP, and port forwards, all on loopback at both ends. */
public final class SshSession implements AutoCloseable {

    private static final String LOOPBACK = "127.0.0.1";

    private final SshAddress target;
    private final ClientSession session;
    private final String hostKey;

    SshSession(SshAddress target, ClientSession session, String hostKey) {
        this.target = target;
        this.session = session;
        this.hostKey = hostKey;
    }

    public SshAddress target() {
        return target;
    }

    /** The fingerprint of the key the host proved it holds: what to pin from now on. */
    public String hostKey() {
        return hostKey;
    }

    public boolean isOpen() {
        return session.isOpen();
    }

    /** Runs {@code command} in the remote user's shell, with {@code stdin} (may be null) as its standard input. */
    public ExecResult exec(String command, String stdin, Duration timeout) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (ChannelExec channel = session.createExecChannel(command)) {
            // Input goes in by stdin rather than on the command line, where other users of the target could read it.
            channel.setIn(new ByteArrayInputStream(stdin == null ? new byte[0] : stdin.getBytes(StandardCharsets.UTF_8)));
            channel.setOut(out);
            channel.setErr(err);
            channel.open().verify(timeout);
            Set<ClientChannelEvent> events = channel.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), timeout);
            if (events.contains(ClientChannelEvent.TIMEOUT)) {
                throw new SshException(SshException.Reason.FAILED, "a command on " + target.host() + " did not finish within "
                        + timeout.toSeconds() + " s; check the target's load and disk");
            }
            Integer status = channel.getExitStatus();
            return new ExecResult(status == null ? -1 : status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw lost("running a command", e);
        }
    }

    public ExecResult exec(String command, Duration timeout) {
        return exec(command, null, timeout);
    }

    /** A file to upload: local path → remote path (relative paths are under the remote user's home). */
    public record Upload(Path local, String remote) {}

    /**
     * Uploads over SFTP, each file to {@code REMOTE.part} renamed over {@code REMOTE} once complete, so a reader never
     * sees half a file and an interrupted upload leaves the previous version in place.
     */
    public void upload(List<Upload> files) {
        if (files.isEmpty()) {
            return;
        }
        try (SftpClient sftp = SftpClientFactory.instance().createSftpClient(session)) {
            OpenSSHPosixRenameExtension rename = sftp.getExtension(OpenSSHPosixRenameExtension.class);
            if (!rename.isSupported()) {
                throw new SshException(SshException.Reason.FAILED, "the SFTP server on " + target.host() + " lacks OpenSSH's"
                        + " posix-rename extension, which uploads need to replace files atomically; use OpenSSH's sshd there");
            }
            for (Upload f : files) {
                String part = f.remote() + ".part";
                try (OutputStream out = sftp.write(part)) {
                    Files.copy(f.local(), out);
                }
                // SFTP v3 (OpenSSH's) cannot rename over a file; its posix-rename extension can, atomically.
                rename.posixRename(part, f.remote());
            }
        } catch (IOException e) {
            throw lost("uploading files", e);
        }
    }

    /**
     * Asks the target to listen on its loopback {@code remotePort} (0: a free one it picks) and to send what connects
     * there to {@code localHost:localPort} as seen from this side.
     *
     * @return the port the target listens on
     */
    public int forwardRemote(int remotePort, String localHost, int localPort) {
        try {
            return session.startRemotePortForwarding(new SshdSocketAddress(LOOPBACK, remotePort), new SshdSocketAddress(localHost, localPort)).getPort();
        } catch (IOException e) {
            throw new SshException(SshException.Reason.FAILED, target.host() + " refused to listen on its port "
                    + (remotePort == 0 ? "(any)" : remotePort) + " for the tunnel (" + e.getMessage() + "); check 'AllowTcpForwarding'"
                    + " in its sshd_config and that the port is free", e);
        }
    }

    /**
     * Listens on this side's loopback {@code localPort} (0: a free one) and sends what connects there to the target's
     * loopback {@code remotePort}.
     *
     * @return the local port
     */
    public int forwardLocal(int localPort, int remotePort) {
        try {
            return session.startLocalPortForwarding(new SshdSocketAddress(LOOPBACK, localPort), new SshdSocketAddress(LOOPBACK, remotePort)).getPort();
        } catch (IOException e) {
            throw new SshException(SshException.Reason.FAILED, "cannot listen on local port " + localPort + " for the tunnel to "
                    + target.host() + ":" + remotePort + " (" + e.getMessage() + ")", e);
        }
    }

    public void stopLocal(int localPort) {
        try {
            session.stopLocalPortForwarding(new SshdSocketAddress(LOOPBACK, localPort));
        } catch (IOException e) {
            throw lost("closing a forward", e);
        }
    }

    /** Runs once the session is closed, by either side or by a lost connection. */
    public void onClose(Runnable action) {
        session.addCloseFutureListener(f -> action.run());
    }

    @Override
    public void close() {
        session.close(false);
    }

    private SshException lost(String what, IOException e) {
        return new SshException(isOpen() ? SshException.Reason.FAILED : SshException.Reason.UNREACHABLE,
                (isOpen() ? what + " on " + target.host() + " failed: " : "the SSH connection to " + target + " was lost while "
                        + what + ": ") + e.getMessage() + "; try again", e);
    }
}
