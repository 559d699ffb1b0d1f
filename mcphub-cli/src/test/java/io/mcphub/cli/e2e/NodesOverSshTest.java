package io.mcphub.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.mcphub.agent.Agent;
import io.mcphub.agent.AgentSettings;
import io.mcphub.cli.CliRun;
import io.mcphub.cli.common.ExitCodes;
import io.mcphub.core.Json;
import io.mcphub.deploy.runtime.Processes;
import io.mcphub.deploy.ssh.TestSshd;
import io.mcphub.hub.Hub;
import io.mcphub.hub.HubSettings;
import io.mcphub.hub.cluster.Nodes;
import io.mcphub.security.pki.Revocations;
import java.io.IOException;
import java.math.BigInteger;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agentless path end to end: a real hub, a real OpenSSH sshd on a loopback port, and the agent the hub uploads
 * and starts over SSH as its own JVM. The tests run as root, so the target is root on this same machine, with the
 * agent in ~/.mcphub-agent/NODE as on any other machine.
 */
class NodesOverSshTest {

    private static final String STACK = """
            apiVersion: mcphub/v1
            kind: Stack
            metadata: {name: far}
            services:
              memo:
                command: npx
                args: ["-y", "@modelcontextprotocol/server-memory"]
                placement: {nodes: [edge]}
            """;
    private static final String READY_LINE = "Knowledge Graph MCP Server running on stdio";
    private static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();

    @TempDir
    static Path dir;
    static TestSshd sshd;
    static Hub hub;
    static Map<String, String> env;
    /** The agent the add started, ended here if a failed test left it running: a rerun would find it in the way. */
    static volatile long agentPid;

    @BeforeAll
    static void start() {
        startHub();
        sshd = TestSshd.start(dir.resolve("sshd"));
        CliRun key = cli("node", "ssh-key");
        assertThat(key.exitCode()).as(key.err()).isZero();
        assertThat(key.err()).startsWith("add this line to ~/.ssh/authorized_keys of the user on the target");
        sshd.authorize(key.out().strip());
    }

    @AfterAll
    static void stop() {
        ProcessHandle.of(agentPid).filter(ProcessHandle::isAlive).ifPresent(agent -> {
            agent.descendants().forEach(ProcessHandle::destroyForcibly);
            agent.destroyForcibly();
        });
        if (hub != null) {
            hub.close();
        }
        if (sshd != null) {
            sshd.close();
        }
    }

    private static void startHub() {
        hub = Hub.start(new HubSettings("embedded", dir.resolve("hub"), "127.0.0.1", 0));
        env = Map.of("HOME", dir.resolve("home").toString(), "MCPHUB_URL", hub.url(), "MCPHUB_TOKEN", hub.adminToken());
    }

    private static CliRun cli(String... args) {
        return CliRun.run(env, args);
    }

    private static JsonNode json(String... args) {
        CliRun run = cli(args);
        assertThat(run.exitCode()).as("%s: %s", String.join(" ", args), run.err()).isZero();
        return Json.tree(run.out().getBytes(StandardCharsets.UTF_8));
    }

    private static List<JsonNode> listed() {
        return StreamSupport.stream(json("node", "list", "-o", "json").spliterator(), false).toList();
    }

    private static List<JsonNode> instances(String service) {
        return io.mcphub.cli.LiveHub.instancesOf(env, service);
    }

    private static boolean healthy(String service) {
        List<JsonNode> all = instances(service);
        return all.size() == 1 && all.get(0).path("status").asText().equals("healthy");
    }

    private static String ssh() {
        return "root@127.0.0.1:" + sshd.port();
    }

    @Test
    void aMachineReachedOverSshBecomesANodeRunsItsServicesAndLeavesNothingRunningWhenRemoved() throws Exception {
        CliRun add = cli("node", "add", "edge", "--ssh", ssh(), "--accept-new-host-key", "--labels", "zone=edge", "--java", JAVA,
                "-o", "json");

        assertThat(add.exitCode()).as(add.err()).isZero();
        JsonNode added = Json.tree(add.out().getBytes(StandardCharsets.UTF_8));
        assertThat(added.path("hostKey").asText()).as("pinned: what ssh-keygen -lf shows on the target").isEqualTo(sshd.hostKeyFingerprint());
        assertThat(added.path("dir").asText()).isEqualTo(System.getProperty("user.home") + "/.mcphub-agent/edge");
        agentPid = added.path("pid").asLong();
        String agentCommand = ProcessHandle.of(agentPid).flatMap(p -> p.info().commandLine()).orElseThrow();
        assertThat(agentCommand).contains("io.mcphub.cli.Main agent", "--agent-endpoint https://127.0.0.1:"
                + added.path("tunnel").path("agentPort").asInt(), "--name edge").doesNotContain(hub.url());
        assertThat(agentCommand).as("the join token goes in by stdin, not the command line").doesNotContain("--join-token");
        JsonNode edge = listed().stream().filter(n -> n.path("name").asText().equals("edge")).findFirst().orElseThrow();
        assertThat(edge.path("status").asText()).isEqualTo("up");
        assertThat(edge.path("type").asText()).as("its probe's fingerprint arrived").isNotBlank();
        assertThat(edge.path("labels").path("zone").asText()).isEqualTo("edge");

        CliRun taken = cli("node", "add", "edge", "--ssh", ssh(), "--accept-new-host-key", "--java", JAVA);
        assertThat(taken.exitCode()).isEqualTo(ExitCodes.CONFLICT);
        assertThat(taken.err()).isEqualTo("error: node edge already exists; pick another name, or remove it first with"
                + " 'mcphub node remove edge'\n");

        CliRun apply = cli("apply", "-f", Files.writeString(dir.resolve("far.yaml"), STACK).toString());
        assertThat(apply.exitCode()).as(apply.err()).isZero();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).until(() -> healthy("memo"));
        JsonNode instance = instances("memo").get(0);
        assertThat(instance.path("node").asText()).isEqualTo("edge");
        long serverPid = instance.path("pid").asLong();
        assertThat(Processes.tree(agentPid)).as("the MCP server runs under the agent started over SSH").contains(serverPid);
        CliRun logs = cli("service", "logs", "memo");
        assertThat(logs.exitCode()).as(logs.err()).isZero();
        assertThat(logs.out()).as("fetched from the agent through the tunnel's local forward").contains(READY_LINE);
        RawMcp gateway = RawMcp.open(hub.url() + "/mcp", hub.adminToken());
        await().atMost(Duration.ofSeconds(20)).until(() -> gateway.call("tools/call", "{\"name\": \"memo__read_graph\","
                + " \"arguments\": {}}").path("result").has("content")); // the gateway reaches it through the tunnel too

        // The hub restarts: it re-opens the tunnel it recorded, and the running agent carries on through it.
        hub.close();
        startHub();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                .until(() -> cli("service", "logs", "memo").out().contains(READY_LINE));
        assertThat(Processes.alive(List.of(agentPid))).as("the agent outlived the hub's restart").contains(agentPid);

        String serial = new Nodes(hub.store()).find("edge").orElseThrow().certSerial();
        long currentServer = instances("memo").get(0).path("pid").asLong();
        CliRun remove = cli("node", "remove", "edge");

        assertThat(remove.exitCode()).as(remove.err()).isZero();
        assertThat(remove.out()).isEqualTo("removed node edge: stopped its agent and the agent's instances on 127.0.0.1; revoked its"
                + " certificate " + serial + "; it is no longer listed\n");
        assertThat(Processes.alive(List.of(agentPid, serverPid, currentServer))).as("no agent, no orphaned server").isEmpty();
        assertThat(listed()).noneMatch(n -> n.path("name").asText().equals("edge"));
        assertThat(new Revocations(hub.store(), Clock.systemUTC()).isRevoked(new BigInteger(serial, 16))).isTrue();
        assertThat(Path.of(added.path("dir").asText(), "data")).as("no identity left to start with again").doesNotExist();
        cli("delete", "stack", "far");
    }

    @Test
    void removingANodeThatJoinedByItselfRevokesItsCertificateAndForgetsIt() {
        try (Agent agent = Agent.start(new AgentSettings(hub.url(), hub.createJoinToken(Duration.ofMinutes(5)), "plain",
                dir.resolve("plain-agent"), Map.of(), "127.0.0.1"))) {
            await().atMost(Duration.ofSeconds(30)).until(() -> listed().stream().anyMatch(n -> n.path("name").asText().equals("plain")
                    && n.path("status").asText().equals("up")));
            String serial = new Nodes(hub.store()).find("plain").orElseThrow().certSerial();

            CliRun remove = cli("node", "remove", "plain", "-o", "json");

            assertThat(remove.exitCode()).as(remove.err()).isZero();
            JsonNode removed = Json.tree(remove.out().getBytes(StandardCharsets.UTF_8));
            assertThat(removed.path("revokedSerial").asText()).isEqualTo(serial);
            assertThat(removed.path("agent").isNull()).as("no SSH agent to stop").isTrue();
            assertThat(listed()).noneMatch(n -> n.path("name").asText().equals("plain"));
            assertThat(new Revocations(hub.store(), Clock.systemUTC()).isRevoked(new BigInteger(serial, 16))).isTrue();
        }
    }

    @Test
    void theSshKeyIsTheHubsOwnAndItsPrivateHalfIsSealedInTheStore() {
        JsonNode key = json("node", "ssh-key", "-o", "json");

        assertThat(key.path("publicKey").asText()).matches("ssh-ed25519 AAAA[A-Za-z0-9+/=]+ mcphub@[0-9a-f]{16}");
        assertThat(key.path("fingerprint").asText()).startsWith("SHA256:");
        String stored = new String(hub.store().get("/mcphub/ssh/key").orElseThrow().value(), StandardCharsets.UTF_8);
        assertThat(stored).contains("\"sealedKey\":\"enc:v1:").doesNotContain("PRIVATE KEY");
    }

    @Test
    void anUnreachableTargetIsReportedAndNothingIsAdded() throws IOException {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }

        CliRun run = cli("node", "add", "nowhere", "--ssh", "root@127.0.0.1:" + closed, "--accept-new-host-key");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(run.err()).isEqualTo("error: cannot reach root@127.0.0.1:" + closed + " over SSH: connection refused; check the"
                + " host and port, and that sshd runs there and a firewall lets the hub through\n");
        assertThat(listed()).noneMatch(n -> n.path("name").asText().equals("nowhere"));
    }

    @Test
    void aTargetWhoseJavaIsMissingOrTooOldIsRefusedNamingWhatItFound() throws IOException {
        Path old = dir.resolve("old-java");
        Files.writeString(old, "#!/bin/sh\necho 'openjdk version \"17.0.2\" 2022-01-18' >&2\n");
        Files.setPosixFilePermissions(old, PosixFilePermissions.fromString("rwxr-xr-x"));

        CliRun tooOld = cli("node", "add", "old", "--ssh", ssh(), "--accept-new-host-key", "--java", old.toString());
        CliRun notJava = cli("node", "add", "old", "--ssh", ssh(), "--accept-new-host-key", "--java", "/bin/false");
        CliRun missing = cli("node", "add", "old", "--ssh", ssh(), "--accept-new-host-key", "--java", "/opt/no/java");

        assertThat(tooOld.err()).isEqualTo("error: the Java on 127.0.0.1 is version 17.0.2 (" + old + ") but the agent needs 21 or"
                + " newer; install one there, or pass --java with its path\n");
        assertThat(notJava.err()).isEqualTo("error: '/bin/false -version' on 127.0.0.1 printed no Java version (exit 1); pass --java"
                + " with the path of a Java 21 or newer\n");
        assertThat(missing.err()).isEqualTo("error: --java /opt/no/java does not exist on 127.0.0.1 or is not executable; give the"
                + " path of a Java 21 or newer there\n");
        assertThat(List.of(tooOld.exitCode(), notJava.exitCode(), missing.exitCode())).containsOnly(ExitCodes.FAILED);
        assertThat(listed()).noneMatch(n -> n.path("name").asText().equals("old"));
        assertThat(Path.of(System.getProperty("user.home"), ".mcphub-agent", "old")).as("nothing uploaded").doesNotExist();
    }

    @Test
    void anUnknownHostKeyIsRefusedUnlessPinnedOrAcceptedAndAWrongPinNamesBothKeys() {
        String actual = sshd.hostKeyFingerprint();
        String wrong = "SHA256:" + "B".repeat(43);

        CliRun unknown = cli("node", "add", "strict", "--ssh", ssh(), "--java", JAVA);
        CliRun mismatch = cli("node", "add", "strict", "--ssh", ssh(), "--host-key", wrong, "--java", JAVA);

        assertThat(unknown.err()).isEqualTo("error: 127.0.0.1:" + sshd.port() + " presented the unknown host key " + actual + "; check it"
                + " on the target with 'ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub', then pin it with --host-key " + actual
                + " or trust it on first use with --accept-new-host-key\n");
        assertThat(mismatch.err()).isEqualTo("error: the host key of 127.0.0.1:" + sshd.port() + " is " + actual + " but " + wrong
                + " was pinned; if the host was reinstalled, check the new key on it with 'ssh-keygen -lf' and pin " + actual
                + ", otherwise someone may be intercepting the connection\n");
        assertThat(listed()).noneMatch(n -> n.path("name").asText().equals("strict"));
    }

    @Test
    void malformedArgumentsAreRefusedBeforeAnyConnection() {
        CliRun both = cli("node", "add", "x", "--ssh", ssh(), "--host-key", sshd.hostKeyFingerprint(), "--accept-new-host-key");
        CliRun address = cli("node", "add", "x", "--ssh", "root@");
        CliRun fingerprint = cli("node", "add", "x", "--ssh", ssh(), "--host-key", "ab:cd:ef");
        CliRun name = cli("node", "add", "Edge_1", "--ssh", ssh(), "--accept-new-host-key");
        CliRun unknownNode = cli("node", "remove", "nosuch");

        assertThat(both.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(both.err()).startsWith("error: pass --host-key or --accept-new-host-key, not both: --host-key pins the key you"
                + " checked, --accept-new-host-key pins whatever the target shows");
        assertThat(address.err()).isEqualTo("error: 'root@' is not an SSH address; write USER@HOST[:PORT], e.g. root@10.0.0.5 or"
                + " deploy@edge-1:2222\n");
        assertThat(fingerprint.err()).isEqualTo("error: 'ab:cd:ef' is not an OpenSSH host key fingerprint; copy it from 'ssh-keygen -lf"
                + " /etc/ssh/ssh_host_ed25519_key.pub' on the target, e.g. SHA256:" + "x".repeat(43) + "\n");
        assertThat(name.err()).isEqualTo("error: node name 'Edge_1' is not valid; use lower-case letters, digits, '-' and '.', as in"
                + " a DNS name of up to 253 characters\n");
        assertThat(unknownNode.err()).startsWith("error: no node \"nosuch\"").endsWith("; list nodes with 'mcphub node list'\n");
    }
}
