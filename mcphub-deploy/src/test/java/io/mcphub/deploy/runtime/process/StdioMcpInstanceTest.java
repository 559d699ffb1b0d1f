package io.mcphub.deploy.runtime.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mcphub.deploy.runtime.Instance;
import io.mcphub.deploy.runtime.InstanceSpec;
import io.mcphub.deploy.runtime.InstanceState;
import io.mcphub.deploy.runtime.McpChannel;
import io.mcphub.deploy.runtime.Processes;
import io.mcphub.deploy.runtime.log.LogPolicy;
import io.mcphub.deploy.runtime.mcp.JsonRpc;
import io.mcphub.deploy.runtime.supervisor.Supervision;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real stdio MCP server (server-everything started through npx, a three-process tree) under the supervisor. */
class StdioMcpInstanceTest {

    @TempDir
    Path dir;
    private final ProcessRuntime runtime = new ProcessRuntime(new Supervision(LogPolicy.DEFAULT,
            Duration.ofSeconds(5), Duration.ofSeconds(60)));

    @AfterEach
    void closeRuntime() {
        runtime.close();
    }

    static InstanceSpec everything(String id) {
        return InstanceSpec.builder(id, "everything", "npx").args("-y", "@modelcontextprotocol/server-everything")
                .transport(InstanceSpec.Transport.STDIO)
                .health(new InstanceSpec.Health(InstanceSpec.Health.Type.MCP_PING, null, Duration.ofMillis(300),
                        Duration.ofSeconds(5), 2, Duration.ofSeconds(30)))
                .restart(new InstanceSpec.Restart(InstanceSpec.Restart.Policy.ALWAYS, Duration.ofMillis(200),
                        Duration.ofSeconds(2)))
                .build();
    }

    @Test
    void becomesHealthyByPingAndComesBackAfterKill9() {
        Instance instance = runtime.start(everything("everything-1"), dir.resolve("everything-1"));

        await().atMost(60, TimeUnit.SECONDS).until(() -> instance.state() == InstanceState.HEALTHY);
        long firstPid = instance.pid().orElseThrow();
        assertThat(instance.status().detail()).startsWith("ping:");
        ObjectNode init = instance.mcp().orElseThrow().initialized().join();
        assertThat(init.path("serverInfo").path("name").asText()).isEqualTo("mcp-servers/everything");
        Set<Long> seen = new HashSet<>(Processes.tree(firstPid));
        assertThat(seen).as("npx -> sh -> node").hasSizeGreaterThanOrEqualTo(2);

        Processes.kill9(firstPid);

        await().atMost(60, TimeUnit.SECONDS).until(() -> instance.state() == InstanceState.HEALTHY
                && instance.pid().isPresent() && instance.pid().getAsLong() != firstPid);
        assertThat(instance.restarts()).isEqualTo(1);
        assertThat(instance.lastExit().orElseThrow().code()).isEqualTo(137);
        assertThat(Processes.alive(seen)).as("the killed root's children were reaped, not orphaned").isEmpty();
        seen.addAll(Processes.tree(instance.pid().getAsLong()));

        instance.stop(Duration.ofSeconds(5));

        assertThat(instance.state()).isEqualTo(InstanceState.STOPPED);
        assertThat(instance.pid()).isEmpty();
        assertThat(Processes.alive(seen)).as("no process of any tree survives stop").isEmpty();
    }

    @Test
    void channelRewritesIdsAndLogsStderrAndErrors() throws Exception {
        Instance instance = runtime.start(everything("everything-2"), dir.resolve("everything-2"));
        McpChannel channel = instance.mcp().orElseThrow();
        channel.initialized().get(60, TimeUnit.SECONDS);

        ObjectNode params = JsonNodeFactory.instance.objectNode().put("name", "echo");
        params.putObject("arguments").put("message", "hi");
        McpChannel.Call a = channel.call(JsonRpc.request(7, "tools/call", params));
        McpChannel.Call b = channel.call(JsonRpc.request(7, "no/such/method", null));

        assertThat(a.id()).isNotEqualTo(b.id());
        assertThat(a.response().get(10, TimeUnit.SECONDS).at("/result/content/0/text").asText()).isEqualTo("Echo: hi");
        assertThat(b.response().get(10, TimeUnit.SECONDS).at("/error/code").asInt()).isEqualTo(JsonRpc.METHOD_NOT_FOUND);
        await().atMost(5, TimeUnit.SECONDS).untilAsserted(() -> assertThat(instance.logs().tail(50))
                .anyMatch(l -> l.contains("Starting default (STDIO) server"))
                .anyMatch(l -> l.contains("mcp error: method=no/such/method code=-32601")));
    }
}
