package io.mcphub.deploy.runtime.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mcphub.deploy.runtime.Instance;
import io.mcphub.deploy.runtime.InstanceSpec;
import io.mcphub.deploy.runtime.InstanceSpec.Health;
import io.mcphub.deploy.runtime.InstanceSpec.Restart;
import io.mcphub.deploy.runtime.InstanceState;
import io.mcphub.deploy.runtime.McpChannel;
import io.mcphub.deploy.runtime.PortAllocator;
import io.mcphub.deploy.runtime.Processes;
import io.mcphub.deploy.runtime.log.LogPolicy;
import io.mcphub.deploy.runtime.mcp.JsonRpc;
import io.mcphub.deploy.runtime.supervisor.Supervision;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Docker runtime against the real engine: containers from images made on this machine (see {@link TestDocker}),
 * on host networking, under the same supervisor as processes. Every container is labelled with this class's own
 * owner, so what the tests assert about "no container left" concerns theirs only.
 */
class DockerRuntimeTest {

    @RegisterExtension
    static final TestDocker DOCKER = new TestDocker();

    private static final String OWNER = "test-" + UUID.randomUUID().toString().substring(0, 8);
    private static final DockerEngine ENGINE = TestDocker.engine();
    private static String busybox;
    private static String everything;

    @TempDir
    Path dir;
    private final DockerRuntime runtime = new DockerRuntime(ENGINE, OWNER, new Supervision(LogPolicy.DEFAULT,
            Duration.ofSeconds(2), Duration.ofSeconds(30)));
    private final PortAllocator ports = new PortAllocator();

    @BeforeAll
    static void images() {
        busybox = TestDocker.busybox();
        everything = TestDocker.everything();
    }

    @AfterEach
    void closeRuntime() {
        runtime.close();
    }

    @AfterAll
    static void noContainerOfOursIsLeft() throws Exception {
        List<JsonNode> left = ENGINE.containers(Map.of(DockerRuntime.LABEL_OWNER, OWNER));
        for (JsonNode c : left) {
            ENGINE.remove(c.path("Id").asText());
        }
        assertThat(left).as("containers of " + OWNER + " after all tests").isEmpty();
    }

    private static Restart quickRestarts() {
        return new Restart(Restart.Policy.ALWAYS, Duration.ofMillis(200), Duration.ofSeconds(2));
    }

    /** busybox httpd on the instance's PORT over host networking, saying hello on stdout first. */
    private InstanceSpec httpd(String id, int port) {
        return InstanceSpec.builder(id, "web", "/bin/sh").image(busybox)
                .args("-c", "echo \"$GREETING from $PORT\"; exec httpd -f -v -p 127.0.0.1:$PORT -h /www")
                .env("GREETING", "hello")
                .port(port)
                .health(new Health(Health.Type.HTTP, "/index.html", Duration.ofMillis(200), Duration.ofSeconds(2), 3,
                        Duration.ofSeconds(20)))
                .restart(quickRestarts())
                .resources(new InstanceSpec.Resources(0.25, 64L))
                .build();
    }

    private List<JsonNode> ourContainers() throws Exception {
        return ENGINE.containers(Map.of(DockerRuntime.LABEL_OWNER, OWNER));
    }

    @Test
    void aContainerReadsItsConfigFilesUnderMcphubConfigAndSeesThemReplacedInPlace() throws Exception {
        InstanceSpec spec = InstanceSpec.builder("conf-1", "conf", "/bin/sh").image(busybox)
                .args("-c", "while true; do echo \"dir=$MCPHUB_CONFIG_DIR $(cat /mcphub/config/etc/app.json)\"; sleep 0.2; done")
                .health(Health.of(Health.Type.NONE)).restart(quickRestarts()).workdir("/srv").build();
        Path instanceDir = dir.resolve("conf-1");
        Path configDir = runtime.configDir(spec, instanceDir);
        assertThat(configDir).isEqualTo(instanceDir.resolve("config")).isDirectory(); // never the image's /srv on the host
        Files.createDirectories(configDir.resolve("etc"));
        Files.writeString(configDir.resolve("etc/app.json"), "{\"v\":1}");

        Instance instance = runtime.start(spec, instanceDir);

        await().atMost(20, TimeUnit.SECONDS).untilAsserted(() -> assertThat(instance.logs().tail(20))
                .anyMatch(l -> l.contains("dir=/mcphub/config {\"v\":1}")));
        // as the agent rewrites a file: a new file renamed over the old one, which a mount of the file alone would miss
        Path next = Files.writeString(configDir.resolve("etc/.app.json.tmp"), "{\"v\":2}");
        Files.move(next, configDir.resolve("etc/app.json"), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        await().atMost(20, TimeUnit.SECONDS).untilAsserted(() -> assertThat(instance.logs().tail(20))
                .anyMatch(l -> l.contains("dir=/mcphub/config {\"v\":2}")));
        JsonNode container = ENGINE.inspect("mcphub-conf-1").orElseThrow();
        assertThat(container.at("/HostConfig/Binds/0").asText()).isEqualTo(configDir.toAbsolutePath() + ":/mcphub/config:ro");
        instance.stop(Duration.ofSeconds(2));
    }

    @Test
    void anHttpServiceContainerBecomesHealthyOnHostNetworkingWithPidLogsAndLabels() throws Exception {
        int port = ports.allocate();
        Instance instance = runtime.start(httpd("web-1", port), dir.resolve("web-1"));

        await().atMost(20, TimeUnit.SECONDS).until(() -> instance.state() == InstanceState.HEALTHY);

        assertThat(instance.status().detail()).isEqualTo("GET /index.html: HTTP 200");
        long pid = instance.pid().orElseThrow();
        assertThat(Processes.alive(List.of(pid))).as("the container's pid is a host process").containsExactly(pid);
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/index.html"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(page.body()).isEqualTo("hello from busybox\n");
        }
        await().atMost(5, TimeUnit.SECONDS).untilAsserted(() -> assertThat(instance.logs().tail(50))
                .contains("hello from " + port)
                .anyMatch(l -> l.contains("started pid " + pid + ": container mcphub-web-1 of image " + busybox)));
        JsonNode container = ENGINE.inspect("mcphub-web-1").orElseThrow();
        assertThat(container.at("/HostConfig/NetworkMode").asText()).isEqualTo("host");
        assertThat(container.at("/HostConfig/Memory").asLong()).isEqualTo(64L * 1024 * 1024);
        assertThat(container.at("/HostConfig/CpuShares").asLong()).isEqualTo(256);
        assertThat(container.at("/Config/Labels")).isEqualTo(JsonNodeFactory.instance.objectNode()
                .put(DockerRuntime.LABEL_INSTANCE, "web-1").put(DockerRuntime.LABEL_SERVICE, "web")
                .put(DockerRuntime.LABEL_OWNER, OWNER));
        assertThat(container.at("/State/Pid").asLong()).isEqualTo(pid);

        instance.stop(Duration.ofSeconds(5));

        assertThat(instance.state()).isEqualTo(InstanceState.STOPPED);
        assertThat(instance.pid()).isEmpty();
        assertThat(ENGINE.inspect("mcphub-web-1")).as("stopped means removed").isEmpty();
        assertThat(ourContainers()).isEmpty();
        assertThat(instance.logs().tail(100)).anyMatch(l -> l.contains("ended with exit code 143 (stopped)"));
    }

    @Test
    void aStdioServerInAContainerAnswersPingThroughTheChannelAndComesBackAfterKill9() throws Exception {
        InstanceSpec spec = InstanceSpec.builder("everything-1", "everything", null).image(everything)
                .transport(InstanceSpec.Transport.STDIO)
                .health(new Health(Health.Type.MCP_PING, null, Duration.ofMillis(300), Duration.ofSeconds(5), 2,
                        Duration.ofSeconds(30)))
                .restart(quickRestarts())
                .build();
        Instance instance = runtime.start(spec, dir.resolve("everything-1"));

        await().atMost(30, TimeUnit.SECONDS).until(() -> instance.state() == InstanceState.HEALTHY);
        assertThat(instance.status().detail()).startsWith("ping:");
        McpChannel channel = instance.mcp().orElseThrow();
        assertThat(channel.initialized().join().at("/serverInfo/name").asText()).isEqualTo("mcp-servers/everything");
        assertThat(channel.call(JsonRpc.request(1, "ping", null)).response().get(5, TimeUnit.SECONDS).has("result")).isTrue();
        ObjectNode echo = JsonNodeFactory.instance.objectNode().put("name", "echo");
        echo.putObject("arguments").put("message", "from a container");
        assertThat(channel.call(JsonRpc.request(2, "tools/call", echo)).response().get(5, TimeUnit.SECONDS)
                .at("/result/content/0/text").asText()).isEqualTo("Echo: from a container");
        await().atMost(5, TimeUnit.SECONDS).untilAsserted(() -> assertThat(instance.logs().tail(50))
                .as("stderr frames go to the log").anyMatch(l -> l.contains("Starting default (STDIO) server")));
        long firstPid = instance.pid().orElseThrow();

        Processes.kill9(firstPid);

        await().atMost(30, TimeUnit.SECONDS).until(() -> instance.state() == InstanceState.HEALTHY
                && instance.pid().isPresent() && instance.pid().getAsLong() != firstPid);
        assertThat(instance.restarts()).isEqualTo(1);
        assertThat(instance.lastExit().orElseThrow().code()).isEqualTo(137);
        assertThat(Processes.alive(List.of(firstPid))).isEmpty();
        assertThat(channel.call(JsonRpc.request(3, "ping", null)).response().get(5, TimeUnit.SECONDS).has("result"))
                .as("the same channel, now in front of the new container").isTrue();
        assertThat(ourContainers()).as("the killed container was removed, the new one runs").hasSize(1);

        instance.stop(Duration.ofSeconds(5));

        assertThat(instance.state()).isEqualTo(InstanceState.STOPPED);
        assertThat(ourContainers()).isEmpty();
    }

    @Test
    void aContainersOwnExitCodeIsReportedAndCloseRemovesEveryContainer() throws Exception {
        InstanceSpec failing = InstanceSpec.builder("exits-3", "batch", "/bin/sh").image(busybox).args("-c", "exit 3")
                .restart(new Restart(Restart.Policy.NEVER, null, null)).build();
        InstanceSpec sleeper = InstanceSpec.builder("sleeper", "batch", "/bin/sleep").image(busybox).args("600").build();
        Instance exits = runtime.start(failing, dir.resolve("exits-3"));
        Instance sleeps = runtime.start(sleeper, dir.resolve("sleeper"));
        Instance web = runtime.start(httpd("web-2", ports.allocate()), dir.resolve("web-2"));

        await().atMost(20, TimeUnit.SECONDS).until(() -> exits.state() == InstanceState.FAILED
                && sleeps.state() == InstanceState.HEALTHY && web.state() == InstanceState.HEALTHY);
        assertThat(exits.lastExit().orElseThrow().code()).isEqualTo(3);
        assertThat(exits.status().detail()).isEqualTo("exited (exit code 3); restart policy never");
        assertThat(ourContainers()).hasSize(2);

        runtime.close();

        assertThat(sleeps.state()).isEqualTo(InstanceState.STOPPED);
        assertThat(web.state()).isEqualTo(InstanceState.STOPPED);
        assertThat(ourContainers()).isEmpty();
        assertThatThrownBy(() -> runtime.start(sleeper, dir.resolve("sleeper")))
                .hasMessage("the docker runtime is closed; the agent is shutting down");
    }

    @Test
    void containersACrashedAgentLeftAreReapedButNotThoseOfAnotherOwner() throws Exception {
        String orphan = TestDocker.leftover("mcphub-orphan-1", "orphan-1", OWNER);
        String sameName = TestDocker.leftover("mcphub-web-3", "web-3", OWNER);
        String foreign = TestDocker.leftover("mcphub-foreign-" + OWNER, "foreign", "someone-else-" + OWNER);
        try {
            Instance web = runtime.start(httpd("web-3", ports.allocate()), dir.resolve("web-3"));
            await().atMost(20, TimeUnit.SECONDS).until(() -> web.state() == InstanceState.HEALTHY);
            assertThat(ENGINE.inspect(sameName)).as("the leftover of the same name made way").isEmpty();
            assertThat(web.logs().tail(50)).anyMatch(l -> l.contains("removing container mcphub-web-3 left over by a previous agent"));

            assertThat(runtime.reapOrphans()).containsExactly("mcphub-orphan-1");

            assertThat(ENGINE.inspect(orphan)).isEmpty();
            assertThat(ENGINE.inspect(foreign)).as("another agent's container is none of ours").isPresent();
            assertThat(ourContainers()).extracting(c -> c.at("/Labels/" + DockerRuntime.LABEL_INSTANCE.replace("/", "~1")).asText())
                    .containsExactly("web-3");
        } finally {
            ENGINE.remove(foreign);
        }
    }

    @Test
    void aMissingImageOrAnEngineThatDoesNotAnswerIsRefusedInASentence() {
        InstanceSpec absent = InstanceSpec.builder("absent", "absent", null).image("mcphub-test/absent:none").build();

        assertThatThrownBy(() -> runtime.start(absent, dir.resolve("absent")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("image mcphub-test/absent:none is not on this node's Docker engine; build or load it there"
                        + " (docker build / docker load), this node pulls nothing");

        Path socket = dir.resolve("no-engine.sock");
        try (DockerRuntime nowhere = new DockerRuntime(new DockerEngine(socket, Duration.ofSeconds(1)), OWNER,
                Supervision.DEFAULTS)) {
            assertThatThrownBy(() -> nowhere.start(absent, dir.resolve("absent")))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith("the Docker engine does not answer on " + socket + " (");
        }
        InstanceSpec noImage = InstanceSpec.builder("no-image", "x", "/bin/true").build();
        assertThatThrownBy(() -> runtime.start(noImage, dir.resolve("no-image")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("has no image");
    }
}
