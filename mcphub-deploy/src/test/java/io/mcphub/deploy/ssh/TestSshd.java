package io.mcphub.deploy.ssh;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.core.ConditionTimeoutException;

/**
 * A real OpenSSH sshd on a free loopback port, configured and keyed in a test directory: its own host key (made by
 * ssh-keygen), its own authorized_keys, public-key logins only. bin/test installs openssh-server; without it this
 * fails, it never skips. Tests run as root, so the logins are root's on this machine.
 */
public final class TestSshd implements AutoCloseable {

    public static final Path SSHD = Path.of("/usr/sbin/sshd");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(10);

    private final Path dir;
    private final int port;
    private Process process;

    private TestSshd(Path dir, int port) {
        this.dir = dir;
        this.port = port;
    }

    public static TestSshd start(Path dir) {
        if (!Files.isExecutable(SSHD)) {
            throw new IllegalStateException(SSHD + " is missing: install openssh-server (bin/test does) to run the SSH tests");
        }
        try {
            Files.createDirectories(dir);
            // sshd's privilege separation insists on this directory, which only a booted system with ssh enabled has.
            Files.createDirectories(Path.of("/run/sshd"));
            run(List.of("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "test-host", "-f", dir.resolve("host_ed25519").toString()));
            Files.writeString(dir.resolve("authorized_keys"), "");
            TestSshd sshd = new TestSshd(dir, freePort());
            Files.writeString(dir.resolve("sshd_config"), sshd.config());
            sshd.launch();
            return sshd;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return port;
    }

    public Path dir() {
        return dir;
    }

    /** {@code root@127.0.0.1:PORT} */
    public SshAddress address() {
        return new SshAddress("root", "127.0.0.1", port);
    }

    /** Lets a public key in: one {@code authorized_keys} line. */
    public void authorize(String authorizedKeysLine) {
        try {
            Files.writeString(dir.resolve("authorized_keys"), authorizedKeysLine + "\n", StandardCharsets.UTF_8,
                    java.nio.file.StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The host key's fingerprint as {@code ssh-keygen -lf} prints it: what an operator would compare and pin. */
    public String hostKeyFingerprint() {
        String line = run(List.of("ssh-keygen", "-l", "-E", "sha256", "-f", dir.resolve("host_ed25519.pub").toString()));
        return line.split(" ")[1];
    }

    /** The listener and every session process it forked, as a crash or reboot would end them. */
    public void kill() {
        if (process == null) {
            return;
        }
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    /** Starts sshd again on the same port, with the same host key. */
    public void restart() {
        kill();
        try {
            launch();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        kill();
    }

    private String config() {
        return String.join("\n",
                "Port " + port,
                "ListenAddress 127.0.0.1",
                "HostKey " + dir.resolve("host_ed25519"),
                "AuthorizedKeysFile " + dir.resolve("authorized_keys"),
                "PermitRootLogin prohibit-password",
                "PasswordAuthentication no",
                "KbdInteractiveAuthentication no",
                "UsePAM no",
                "StrictModes no",
                "AllowTcpForwarding yes",
                "PidFile " + dir.resolve("sshd.pid"),
                "Subsystem sftp internal-sftp",
                "");
    }

    private void launch() throws IOException {
        process = new ProcessBuilder(SSHD.toString(), "-D", "-e", "-p", Integer.toString(port), "-f", dir.resolve("sshd_config").toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("sshd.log").toFile()))
                .start();
        try {
            await().atMost(START_TIMEOUT).pollInterval(Duration.ofMillis(50)).until(this::listening);
        } catch (ConditionTimeoutException e) {
            throw new IllegalStateException("sshd did not listen on port " + port + " within " + START_TIMEOUT.toSeconds() + " s: "
                    + Files.readString(dir.resolve("sshd.log")));
        }
    }

    /** True once sshd accepts connections; an sshd that exited (bad config, say) fails at once with its log. */
    private boolean listening() throws IOException {
        if (!process.isAlive()) {
            throw new IllegalStateException("sshd exited with " + process.exitValue() + ": " + Files.readString(dir.resolve("sshd.log")));
        }
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException notYet) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static String run(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.waitFor() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
            }
            return out.strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
