package io.mcphub.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.mcphub.deploy.runtime.docker.DockerEngine;
import io.mcphub.deploy.runtime.docker.DockerRuntime;
import io.mcphub.deploy.runtime.docker.TestDocker;
import io.mcphub.hub.Hub;
import io.mcphub.hub.HubSettings;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Services with {@code runtime: docker} on a node whose Docker engine answers: the agent runs them as containers of
 * the real engine (images made on this machine; nothing is pulled), reaps what a crashed predecessor left, and
 * leaves no container behind when it stops.
 */
class AgentRunsContainersTest {

    @RegisterExtension
    static final TestDocker DOCKER = new TestDocker();
    private static final DockerEngine ENGINE = TestDocker.engine();

    @TempDir
    Path dir;
    Hub hub;
    Agent agent;
    final String node = "dock-" + UUID.randomUUID().toString().substring(0, 8);
    final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void stop() throws Exception {
        if (agent != null) {
            agent.close();
        }
        if (hub != null) {
            hub.close();
        }
        for (JsonNode c : ourContainers()) {
            ENGINE.remove(c.path("Id").asText());
        }
    }

    List<JsonNode> ourContainers() throws Exception {
        return ENGINE.containers(Map.of(DockerRuntime.LABEL_OWNER, node));
    }

    JsonNode call(String method, String path, String body) throws Exception {
        return new HubApi(hub, http).call(method, path, body);
    }

    List<JsonNode> instances() throws Exception {
        return new HubApi(hub, http).instances();
    }

    @Test
    void dockerServicesRunAsContainersOfTheirNodeAndNoneOutlivesTheAgent() throws Exception {
        String busybox = TestDocker.busybox();
        String everything = TestDocker.everything();
        String crashed = TestDocker.leftover("mcphub-left-by-a-crash-" + node, "left-by-a-crash", node);

        hub = Hub.start(new HubSettings("embedded", dir.resolve("hub"), "127.0.0.1", 0));
        agent = Agent.start(new AgentSettings(hub.url(), hub.createJoinToken(Duration.ofMinutes(5)), node,
                dir.resolve(node), Map.of(), "127.0.0.1"));
        assertThat(ENGINE.inspect(crashed)).as("the agent reaps its predecessor's container as it starts").isEmpty();
        await().atMost(Duration.ofSeconds(20)).until(() -> call("GET", "/api/v1/nodes", null).findValuesAsText("status").contains("up"));

        String stack = """
                apiVersion: mcphub/v1
                kind: Stack
                metadata: {name: boxed}
                services:
                  web:
                    type: http
                    runtime: docker
                    image: %s
                    command: /bin/sh
                    args: ["-c", "exec httpd -f -p 127.0.0.1:$PORT -h /www"]
                    health: {type: http, path: /index.html, interval: 500ms, timeout: 400ms}
                  everything:
                    type: mcp
                    runtime: docker
                    image: %s
                    transport: stdio
                """.formatted(busybox, everything);
        JsonNode plan = call("POST", "/api/v1/stacks/apply", stack);
        assertThat(plan.findValuesAsText("runtime")).containsOnly("docker");
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300)).until(() -> {
            List<JsonNode> all = instances();
            return all.size() == 2 && all.stream().allMatch(i -> i.path("status").asText().equals("healthy") && i.path("pid").isNumber());
        });

        List<JsonNode> containers = ourContainers();
        assertThat(containers).extracting(c -> c.at("/Labels/" + DockerRuntime.LABEL_SERVICE.replace("/", "~1")).asText())
                .containsExactlyInAnyOrder("boxed/web", "boxed/everything");
        JsonNode web = instances().stream().filter(i -> i.path("service").asText().equals("web")).findFirst().orElseThrow();
        assertThat(ENGINE.inspect(DockerRuntime.containerName(web.path("id").asText())).orElseThrow().at("/State/Pid").asLong())
                .isEqualTo(web.path("pid").asLong());
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + web.path("port").asInt()
                + "/index.html")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(page.body()).isEqualTo("hello from busybox\n");

        agent.close();
        agent = null;

        assertThat(ourContainers()).as("containers of " + node + " after the agent stopped").isEmpty();
    }
}
