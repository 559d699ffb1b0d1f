package io.mcphub.deploy.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A tunnel survives its sshd: killed and restarted on the same port, the session and both forwards come back. */
class SshTunnelTest {

    @TempDir
    Path dir;

    @Test
    void aDroppedSessionReconnectsWithItsForwardsOnTheSamePorts() throws Exception {
        KeyPair key = SshKeys.generate();
        try (TestSshd sshd = TestSshd.start(dir.resolve("sshd"));
             SshConnector connector = new SshConnector(key, Duration.ofSeconds(5));
             EchoServer hub = new EchoServer("hub");
             EchoServer agent = new EchoServer("agent")) {
            sshd.authorize(SshKeys.authorizedKeysLine(key.getPublic(), "hub"));
            SshTunnel tunnel = new SshTunnel(connector, sshd.address(), HostKeyPolicy.acceptingNew()).connect();
            int remotePort = tunnel.forwardRemote(0, "127.0.0.1", hub.port());
            int localPort = tunnel.forwardLocal(agent.port());
            assertThat(EchoServer.ask(remotePort, "1")).isEqualTo("hub:1");
            assertThat(EchoServer.ask(localPort, "1")).isEqualTo("agent:1");
            assertThat(tunnel.hostKey()).as("accepted once, pinned from now on").isEqualTo(sshd.hostKeyFingerprint());

            sshd.kill();
            await().atMost(Duration.ofSeconds(10)).until(() -> !tunnel.connected());
            assertThatThrownBy(() -> EchoServer.ask(remotePort, "2")).isInstanceOf(java.io.IOException.class);
            sshd.restart();

            assertThat(tunnel.awaitConnected(Duration.ofSeconds(20))).isTrue();
            assertThat(tunnel.forwardLocal(agent.port())).as("the same local port").isEqualTo(localPort);
            await().atMost(Duration.ofSeconds(5)).ignoreExceptions().until(() -> EchoServer.ask(remotePort, "3").equals("hub:3"));
            assertThat(EchoServer.ask(localPort, "3")).isEqualTo("agent:3");
            assertThat(tunnel.requireSession().exec("echo back", Duration.ofSeconds(10)).stdout()).isEqualTo("back\n");

            tunnel.close();
            assertThat(tunnel.connected()).isFalse();
            assertThatThrownBy(tunnel::requireSession).hasMessage("the SSH tunnel to root@127.0.0.1:" + sshd.port()
                    + " is down and reconnecting; try again shortly, or check that the host is up");
        }
    }

    @Test
    void aTunnelRecordedEarlierWaitsInTheBackgroundForItsHost() throws Exception {
        KeyPair key = SshKeys.generate();
        try (TestSshd sshd = TestSshd.start(dir.resolve("later"));
             SshConnector connector = new SshConnector(key, Duration.ofSeconds(5))) {
            sshd.authorize(SshKeys.authorizedKeysLine(key.getPublic(), "hub"));
            sshd.kill();
            SshTunnel tunnel = new SshTunnel(connector, sshd.address(), HostKeyPolicy.pinned(sshd.hostKeyFingerprint())).connectInBackground();
            assertThat(tunnel.awaitConnected(Duration.ofMillis(700))).isFalse();

            sshd.restart();

            assertThat(tunnel.awaitConnected(Duration.ofSeconds(20))).isTrue();
            tunnel.close();
        }
    }
}
