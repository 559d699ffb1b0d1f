package io.mcphub.deploy.probe;

import static io.mcphub.deploy.probe.Fixtures.context;
import static io.mcphub.deploy.probe.Fixtures.probe;
import static io.mcphub.deploy.probe.UnixHttpServer.reply;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engine check against a real HTTP server on a real Unix socket under a temporary root. */
class DockerProbeTest {

    @TempDir
    Path root;

    @Test
    void anEngineAnsweringPingMakesDockerUsableWithItsVersion() throws Exception {
        try (UnixHttpServer engine = UnixHttpServer.dockerEngine(root.resolve("var/run/docker.sock"), "27.3.1")) {
            NodeFacts facts = probe(new DockerProbe(), context(root, Map.of()));

            assertThat(facts.docker()).isEqualTo(new NodeFacts.DockerEngine("/var/run/docker.sock", "27.3.1", "1.47"));
            assertThat(facts.runtimes()).containsEntry("docker", "27.3.1");
            assertThat(engine.requests).containsExactly("/_ping", "/version");
        }
    }

    @Test
    void theEnginesVersionRefinesWhatTheCliReported() throws Exception {
        try (UnixHttpServer engine = UnixHttpServer.dockerEngine(root.resolve("var/run/docker.sock"), "27.3.1")) {
            NodeFacts cli = NodeFacts.EMPTY.builder().runtime("docker", "26.0.0").runtime("node", "22.3.0").known();

            NodeFacts.Builder facts = cli.builder();
            new DockerProbe().probe(context(root, Map.of()), facts);

            assertThat(facts.known().runtimes()).containsEntry("docker", "27.3.1").containsEntry("node", "22.3.0");
            assertThat(engine.requests).contains("/_ping");
        }
    }

    @Test
    void noSocketMeansNoDocker() throws Exception {
        NodeFacts facts = probe(new DockerProbe(), context(root, Map.of()));

        assertThat(facts.docker()).isNull();
        assertThat(facts.runtimes()).isEmpty();
    }

    @Test
    void aSocketFileNobodyListensOnMeansNoDocker() throws Exception {
        Files.createDirectories(root.resolve("var/run"));
        // Closing leaves the socket file behind, as a crashed dockerd does.
        UnixHttpServer.dockerEngine(root.resolve("var/run/docker.sock"), "27.3.1").close();
        assertThat(root.resolve("var/run/docker.sock")).exists();

        assertThat(probe(new DockerProbe(), context(root, Map.of())).docker()).isNull();
    }

    @Test
    void somethingElseOnTheSocketIsNotAnEngine() throws Exception {
        Path socket = root.resolve("var/run/docker.sock");
        try (UnixHttpServer other = UnixHttpServer.answering(socket, Map.of("/_ping", reply(200, "text/html", "<html>hello</html>")))) {
            assertThat(probe(new DockerProbe(), context(root, Map.of())).docker()).isNull();
            assertThat(other.requests).containsExactly("/_ping");
        }
    }

    @Test
    void aWedgedEngineIsGivenUpOnAfterTheTimeout() throws Exception {
        try (UnixHttpServer wedged = UnixHttpServer.silent(root.resolve("var/run/docker.sock"))) {
            long started = System.nanoTime();

            assertThat(probe(new DockerProbe(), context(root, Map.of())).docker()).isNull();
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isBetween(Duration.ofMillis(400), Duration.ofSeconds(3));
            assertThat(wedged.requests).containsExactly("/_ping");
        }
    }

    @Test
    void dockerHostNamingASocketIsAskedFirst() throws Exception {
        try (UnixHttpServer engine = UnixHttpServer.dockerEngine(root.resolve("run/user/1000/docker.sock"), "28.0.1")) {
            ProbeContext ctx = context(root, Map.of("DOCKER_HOST", "unix:///run/user/1000/docker.sock"));

            assertThat(probe(new DockerProbe(), ctx).docker().socket()).isEqualTo("/run/user/1000/docker.sock");
            assertThat(engine.requests).contains("/_ping");
        }
    }

    @Test
    void aRootlessEngineIsFoundUnderXdgRuntimeDir() throws Exception {
        try (UnixHttpServer engine = UnixHttpServer.dockerEngine(root.resolve("run/user/1000/docker.sock"), "28.0.1")) {
            ProbeContext ctx = context(root, Map.of("XDG_RUNTIME_DIR", "/run/user/1000", "DOCKER_HOST", "tcp://127.0.0.1:2375"));

            assertThat(DockerProbe.sockets(ctx)).containsExactly("/var/run/docker.sock", "/run/user/1000/docker.sock");
            assertThat(probe(new DockerProbe(), ctx).docker().version()).isEqualTo("28.0.1");
            assertThat(engine.requests).contains("/_ping");
        }
    }

    @Test
    void anEngineWhoseVersionIsUnreadableIsStillUsable() throws Exception {
        Path socket = root.resolve("var/run/docker.sock");
        try (UnixHttpServer engine = UnixHttpServer.answering(socket, Map.of(
                "/_ping", reply(200, "text/plain", "OK"), "/version", reply(200, "application/json", "{not json")))) {
            NodeFacts facts = probe(new DockerProbe(), context(root, Map.of()));

            assertThat(facts.docker()).isEqualTo(new NodeFacts.DockerEngine("/var/run/docker.sock", null, null));
            assertThat(facts.runtimes()).containsEntry("docker", "unknown");
            assertThat(engine.requests).containsExactly("/_ping", "/version");
        }
    }
}
