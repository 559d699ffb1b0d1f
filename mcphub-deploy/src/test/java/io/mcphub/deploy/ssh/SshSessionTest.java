package io.mcphub.deploy.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What one session does on a real sshd: commands, uploads, forwards both ways, and the checks built on them. */
class SshSessionTest {

    private static final Duration T = Duration.ofSeconds(20);

    @TempDir
    static Path dir;
    static TestSshd sshd;
    static SshConnector connector;
    static SshSession ssh;

    @BeforeAll
    static void start() {
        sshd = TestSshd.start(dir.resolve("sshd"));
        KeyPair key = SshKeys.generate();
        sshd.authorize(SshKeys.authorizedKeysLine(key.getPublic(), "hub"));
        connector = new SshConnector(key);
        ssh = connector.connect(sshd.address(), HostKeyPolicy.pinned(sshd.hostKeyFingerprint()));
    }

    @AfterAll
    static void stop() {
        // sshd last and whatever failed before: a setup that failed halfway must not leave an sshd running.
        try {
            if (ssh != null) {
                ssh.close();
            }
            if (connector != null) {
                connector.close();
            }
        } finally {
            if (sshd != null) {
                sshd.close();
            }
        }
    }

    @Test
    void execReportsTheExitCodeAndBothStreamsAndFeedsStandardInput() {
        ExecResult r = ssh.exec("read -r line; echo \"out:$line\"; echo err >&2; exit 7", "hello", T);

        assertThat(r.exitCode()).isEqualTo(7);
        assertThat(r.stdout()).isEqualTo("out:hello\n");
        assertThat(r.stderr()).isEqualTo("err\n");
        assertThat(r.lastLine()).isEqualTo("err");
    }

    @Test
    void syncUploadsWhatDiffersKeepsWhatMatchesAndRemovesTheRest() throws Exception {
        Path local = Files.createDirectories(dir.resolve("dist"));
        Path a = Files.writeString(local.resolve("a.jar"), "alpha");
        Path b = Files.writeString(local.resolve("b.jar"), "bravo");
        Path remote = dir.resolve("remote-lib");
        RemoteFiles.LocalFile fa = RemoteFiles.LocalFile.of("a.jar", a);

        RemoteFiles.Synced first = RemoteFiles.sync(ssh, remote.toString(), List.of(fa, RemoteFiles.LocalFile.of("b.jar", b)));
        Files.writeString(b, "bravo, changed");
        Files.writeString(remote.resolve("stale.jar"), "old");
        RemoteFiles.Synced second = RemoteFiles.sync(ssh, remote.toString(), List.of(fa, RemoteFiles.LocalFile.of("b.jar", b)));

        assertThat(first.uploaded()).containsExactly("a.jar", "b.jar");
        assertThat(second.uploaded()).containsExactly("b.jar");
        assertThat(second.unchanged()).containsExactly("a.jar");
        assertThat(second.removed()).containsExactly("stale.jar");
        try (var files = Files.list(remote)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("a.jar", "b.jar");
        }
        assertThat(Files.readString(remote.resolve("b.jar"))).isEqualTo("bravo, changed");
    }

    @Test
    void aRemoteForwardIsUsedByAClientOnTheFarSide() throws Exception {
        try (EchoServer hub = new EchoServer("hub")) {
            int remotePort = ssh.forwardRemote(0, "127.0.0.1", hub.port());

            // The far side's own client: bash's /dev/tcp on the target, where nothing but the forward listens on that port.
            ExecResult r = ssh.exec("exec 3<>/dev/tcp/127.0.0.1/" + remotePort + "; echo ping >&3; head -n 1 <&3",
                    T);

            assertThat(remotePort).isNotEqualTo(hub.port()).isPositive();
            assertThat(r.stdout()).as(r.stderr()).isEqualTo("hub:ping\n");
        }
    }

    @Test
    void aLocalForwardReachesAListenerOnTheFarSide() throws Exception {
        try (EchoServer agent = new EchoServer("agent")) {
            int localPort = ssh.forwardLocal(0, agent.port());

            assertThat(EchoServer.ask(localPort, "hello")).isEqualTo("agent:hello");
            ssh.stopLocal(localPort);
            assertThatThrownBy(() -> EchoServer.ask(localPort, "again")).isInstanceOf(java.net.ConnectException.class);
        }
    }

    @Test
    void javaOnTheTargetIsFoundAndItsVersionChecked() throws Exception {
        String ours = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path old = script("old-java", "echo 'openjdk version \"17.0.2\" 2022-01-18' >&2");

        RemoteJava found = RemoteJava.require(ssh, ours, 21);

        assertThat(found.major()).isEqualTo(Runtime.version().feature());
        assertThat(found.path()).isEqualTo(ours);
        assertThatThrownBy(() -> RemoteJava.require(ssh, old.toString(), 21)).hasMessage("the Java on 127.0.0.1 is version 17.0.2 ("
                + old + ") but the agent needs 21 or newer; install one there, or pass --java with its path");
        assertThatThrownBy(() -> RemoteJava.require(ssh, "/bin/false", 21)).hasMessage("'/bin/false -version' on 127.0.0.1 printed"
                + " no Java version (exit 1); pass --java with the path of a Java 21 or newer");
        assertThatThrownBy(() -> RemoteJava.require(ssh, "/nowhere/java", 21)).hasMessage("--java /nowhere/java does not exist on"
                + " 127.0.0.1 or is not executable; give the path of a Java 21 or newer there");
        assertThat(RemoteJava.major("1.8.0_392")).isEqualTo(8);
        assertThat(RemoteJava.major("25-ea")).isEqualTo(25);
    }

    @Test
    void aDetachedProcessOutlivesItsSessionAndStopsOnSigterm() throws Exception {
        Path work = dir.resolve("proc");
        RemoteProcess proc = new RemoteProcess(work.toString(), "marker-for-this-test");
        long pid;
        try (SshSession once = connector.connect(sshd.address(), HostKeyPolicy.pinned(sshd.hostKeyFingerprint()))) {
            // $0 is the marker; the trap ends the sleep too, as the agent stops its instances on SIGTERM.
            pid = proc.start(once, List.of("sh", "-c", "trap 'kill $!; exit 0' TERM; echo \"secret is $SECRET\"; sleep 300 & wait",
                            "marker-for-this-test"),
                    Map.of("SECRET", "s3cr3t"));
        }

        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive)).contains(true);
        assertThat(ProcessHandle.of(pid).flatMap(p -> p.info().arguments()).map(List::of).orElseThrow()).doesNotContain("s3cr3t");
        await().atMost(Duration.ofSeconds(5)).until(() -> proc.logTail(ssh, 5).equals("secret is s3cr3t"));
        assertThat(proc.running(ssh)).hasValue(pid);
        assertThat(proc.stop(ssh, Duration.ofSeconds(10))).isTrue();
        assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).isEmpty();
        assertThat(proc.running(ssh)).isEmpty();
        assertThat(proc.stop(ssh, Duration.ofSeconds(10))).as("nothing left to stop").isFalse();
    }

    private static Path script(String name, String body) throws Exception {
        Path f = dir.resolve(name);
        Files.writeString(f, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rwxr-xr-x"));
        return f;
    }
}
