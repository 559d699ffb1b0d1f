package io.mcphub.deploy.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Who may connect to whom: host keys pinned or accepted on request only, the client key, addresses. */
class SshConnectTest {

    @TempDir
    static Path dir;
    static TestSshd sshd;
    static KeyPair key;
    static SshConnector connector;

    @BeforeAll
    static void start() {
        sshd = TestSshd.start(dir.resolve("sshd"));
        key = SshKeys.generate();
        sshd.authorize(SshKeys.authorizedKeysLine(key.getPublic(), "hub"));
        connector = new SshConnector(key, Duration.ofSeconds(5));
    }

    @AfterAll
    static void stop() {
        // sshd last and whatever failed before: a setup that failed halfway must not leave an sshd running.
        try {
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
    void theHostKeyPinnedByItsOpenSshFingerprintIsAccepted() {
        try (SshSession s = connector.connect(sshd.address(), HostKeyPolicy.pinned(sshd.hostKeyFingerprint()))) {
            assertThat(s.exec("echo ok", Duration.ofSeconds(10)).stdout()).isEqualTo("ok\n");
            assertThat(s.hostKey()).isEqualTo(sshd.hostKeyFingerprint());
        }
    }

    @Test
    void anUnknownHostKeyIsRefusedNamingItUnlessTheCallerAcceptsIt() {
        String fingerprint = sshd.hostKeyFingerprint();

        assertThatThrownBy(() -> connector.connect(sshd.address(), HostKeyPolicy.refuseUnknown()))
                .isInstanceOfSatisfying(SshException.class, e -> assertThat(e.reason()).isEqualTo(SshException.Reason.HOST_KEY_UNKNOWN))
                .hasMessage("127.0.0.1:" + sshd.port() + " presented the unknown host key " + fingerprint + "; check it on the target"
                        + " with 'ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub', then pin it with --host-key " + fingerprint
                        + " or trust it on first use with --accept-new-host-key");
        try (SshSession s = connector.connect(sshd.address(), HostKeyPolicy.acceptingNew())) {
            assertThat(s.hostKey()).as("the key to record").isEqualTo(fingerprint);
        }
    }

    @Test
    void aHostKeyOtherThanThePinnedOneIsRefusedNamingBoth() {
        String pinned = "SHA256:" + "A".repeat(43);

        assertThatThrownBy(() -> connector.connect(sshd.address(), HostKeyPolicy.pinned(pinned)))
                .isInstanceOfSatisfying(SshException.class, e -> assertThat(e.reason()).isEqualTo(SshException.Reason.HOST_KEY_MISMATCH))
                .hasMessage("the host key of 127.0.0.1:" + sshd.port() + " is " + sshd.hostKeyFingerprint() + " but " + pinned
                        + " was pinned; if the host was reinstalled, check the new key on it with 'ssh-keygen -lf' and pin "
                        + sshd.hostKeyFingerprint() + ", otherwise someone may be intercepting the connection");
    }

    @Test
    void aKeyTheTargetDoesNotAuthorizeIsRefusedWithWhereToAddTheHubsKey() {
        try (SshConnector stranger = new SshConnector(SshKeys.generate(), Duration.ofSeconds(5))) {
            assertThatThrownBy(() -> stranger.connect(sshd.address(), HostKeyPolicy.acceptingNew()))
                    .isInstanceOfSatisfying(SshException.class, e -> assertThat(e.reason()).isEqualTo(SshException.Reason.AUTH_REFUSED))
                    .hasMessage("the target refused the hub's SSH key; add the key from 'mcphub node ssh-key' to root's"
                            + " authorized_keys on 127.0.0.1");
        }
    }

    @Test
    void aPortWithNothingListeningIsUnreachable() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }

        assertThatThrownBy(() -> connector.connect(new SshAddress("root", "127.0.0.1", closed), HostKeyPolicy.acceptingNew()))
                .isInstanceOfSatisfying(SshException.class, e -> assertThat(e.reason()).isEqualTo(SshException.Reason.UNREACHABLE))
                .hasMessage("cannot reach root@127.0.0.1:" + closed + " over SSH: connection refused; check the host and port, and"
                        + " that sshd runs there and a firewall lets the hub through");
    }

    @Test
    void addressesParseAsSshSpellsThemAndBadOnesSayTheForm() {
        assertThat(SshAddress.parse("root@10.0.0.5")).isEqualTo(new SshAddress("root", "10.0.0.5", 22));
        assertThat(SshAddress.parse("deploy@edge-1.example.org:2222")).isEqualTo(new SshAddress("deploy", "edge-1.example.org", 2222));
        assertThat(SshAddress.parse("ops@[::1]:2200")).isEqualTo(new SshAddress("ops", "::1", 2200));
        assertThat(SshAddress.parse("ops@[::1]:2200").toString()).isEqualTo("ops@[::1]:2200");

        for (String bad : new String[] {"10.0.0.5", "root@", "root@host:", "root@host;rm -rf /", "-oProxyCommand=x@host"}) {
            assertThatThrownBy(() -> SshAddress.parse(bad)).as(bad).hasMessage("'" + bad + "' is not an SSH address; write"
                    + " USER@HOST[:PORT], e.g. root@10.0.0.5 or deploy@edge-1:2222");
        }
        assertThatThrownBy(() -> SshAddress.parse("root@host:70000"))
                .hasMessage("SSH port 70000 is out of range; use 1 to 65535 (sshd's default is 22)");
    }

    @Test
    void aFingerprintMustBeOpenSshsSha256Form() {
        assertThatThrownBy(() -> HostKeyPolicy.pinned("MD5:12:34"))
                .hasMessage("'MD5:12:34' is not an OpenSSH host key fingerprint; copy it from 'ssh-keygen -lf"
                        + " /etc/ssh/ssh_host_ed25519_key.pub' on the target, e.g. SHA256:" + "x".repeat(43));
        assertThatThrownBy(() -> new HostKeyPolicy(sshd.hostKeyFingerprint(), true))
                .hasMessage("pin a host key or accept a new one, not both");
    }

    @Test
    void bouncyCastleServesMinaWithoutBecomingAProviderOfTheWholeJvm() {
        // Installed JVM-wide, it would take over "ECDSA" key parsing in the PKI and the CA's key would stop matching.
        assertThat(java.security.Security.getProvider("BC")).isNull();
        assertThat(key.getPublic().getAlgorithm()).isEqualTo("Ed25519");
    }

    @Test
    void theKeyPairSurvivesOpenSshsPrivateKeyFormatAndPrintsAsAnAuthorizedKeysLine() {
        KeyPair back = SshKeys.fromOpenSsh(SshKeys.toOpenSsh(key, "hub"));

        assertThat(back.getPublic().getEncoded()).isEqualTo(key.getPublic().getEncoded());
        assertThat(SshKeys.authorizedKeysLine(back.getPublic(), "mcphub@test")).matches("ssh-ed25519 AAAA[A-Za-z0-9+/=]+ mcphub@test");
        try (SshConnector again = new SshConnector(back, Duration.ofSeconds(5));
             SshSession s = again.connect(sshd.address(), HostKeyPolicy.acceptingNew())) {
            assertThat(s.exec("id -un", Duration.ofSeconds(10)).stdout()).isEqualTo("root\n");
        }
        assertThatThrownBy(() -> SshKeys.fromOpenSsh("-----BEGIN OPENSSH PRIVATE KEY-----\nAAAA\n-----END OPENSSH PRIVATE KEY-----\n"))
                .hasMessageStartingWith("the stored SSH key cannot be read (").hasMessageEndingWith("); restore it from a backup");
    }
}
