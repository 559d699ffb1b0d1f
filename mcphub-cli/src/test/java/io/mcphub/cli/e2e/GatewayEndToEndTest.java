package io.mcphub.cli.e2e;

import static io.mcphub.cli.LiveHub.json;
import static io.mcphub.cli.LiveHub.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.mcphub.cli.CliRun;
import io.mcphub.cli.LiveHub;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gateway promises with real parts end to end: a hub, one agent running npm's server-everything (×2)
 * and server-memory, and the MCP Inspector's CLI (npm {@code @modelcontextprotocol/inspector}) as the client, exactly
 * as a user would type it.
 */
class GatewayEndToEndTest {
    private static final String STACK = """
            apiVersion: mcphub/v1
            kind: Stack
            metadata: {name: demo}
            services:
              everything:
                command: npx
                args: ["-y", "@modelcontextprotocol/server-everything"]
                replicas: 2
              memory:
                command: npx
                args: ["-y", "@modelcontextprotocol/server-memory"]
            """;

    @TempDir
    static Path dir;
    static LiveHub hub;

    @BeforeAll
    static void start() {
        hub = LiveHub.start(dir);
        hub.joinAgent("node-a");
        ok(cli("apply", "-f", hub.file("demo.yaml", STACK).toString()));
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).until(() -> healthy() == 3);
    }

    @AfterAll
    static void stop() {
        hub.close();
    }

    private static CliRun cli(String... args) {
        return CliRun.run(hub.adminEnv(), args);
    }

    private static long healthy() {
        return StreamSupport.stream(json(cli("service", "list", "-o", "json")).spliterator(), false)
                .flatMap(s -> StreamSupport.stream(s.path("instances").spliterator(), false))
                .filter(i -> i.path("status").asText().equals("healthy")).count();
    }

    private record Inspected(int exit, String out, String err) {
        JsonNode json() {
            try {
                return io.mcphub.cli.common.Json.JSON.readTree(out);
            } catch (IOException e) {
                throw new AssertionError("the inspector printed no JSON: " + out + "\n" + err, e);
            }
        }

        List<String> toolNames() {
            return StreamSupport.stream(json().path("tools").spliterator(), false).map(t -> t.path("name").asText()).toList();
        }
    }

    /** {@code mcp-inspector --cli URL --transport http --header "Authorization: Bearer T" ARGS}, as the issue spells it. */
    private static Inspected inspector(String path, String token, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("mcp-inspector", "--cli", hub.url() + path, "--transport", "http",
                "--header", "Authorization: Bearer " + token));
        command.addAll(List.of(args));
        Path err = Files.createTempFile(dir, "inspector", ".err");
        Process p = new ProcessBuilder(command).redirectError(err.toFile()).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("the inspector finished").isTrue();
        return new Inspected(p.exitValue(), out, Files.readString(err));
    }

    private static String adminToken() {
        return hub.hub().adminToken();
    }

    @Test
    void theWholeGatewayListsNamespacedToolsAndCallsThem() throws Exception {
        Inspected list = inspector("/mcp", adminToken(), "--method", "tools/list");
        Inspected call = inspector("/mcp", adminToken(), "--method", "tools/call", "--tool-name", "everything__echo",
                "--tool-arg", "message=hi");

        assertThat(list.exit()).as(list.err()).isZero();
        assertThat(list.toolNames()).contains("everything__echo", "memory__read_graph").noneMatch(n -> !n.contains("__"));
        assertThat(call.exit()).as(call.err()).isZero();
        assertThat(call.json().path("content").get(0).path("text").asText()).isEqualTo("Echo: hi");
    }

    @Test
    void oneServicesEndpointUsesTheServersOwnNames() throws Exception {
        Inspected list = inspector("/mcp/s/everything", adminToken(), "--method", "tools/list");
        Inspected call = inspector("/mcp/s/everything", adminToken(), "--method", "tools/call", "--tool-name", "echo",
                "--tool-arg", "message=direct");

        assertThat(list.toolNames()).contains("echo").doesNotContain("everything__echo", "read_graph");
        assertThat(call.json().path("content").get(0).path("text").asText()).isEqualTo("Echo: direct");
    }

    @Test
    void aCallerSeesAndCallsOnlyTheToolsItsPoliciesGrant() throws Exception {
        inspector("/mcp", adminToken(), "--method", "tools/call", "--tool-name", "everything__echo", "--tool-arg", "message=hi");
        hub.createUser("analyst", "Orchid-Lantern-2291!");
        hub.applyPolicies("""
                policies:
                  - name: memory-only
                    permissions: ["call:tool:memory/*", "read:self", "write:token"]
                    users: [analyst]
                """);
        Map<String, String> analyst = hub.login("analyst", "Orchid-Lantern-2291!");
        String token = json(ok(CliRun.run(analyst, "token", "create", "--name", "inspector", "-o", "json"))).path("token").asText();

        Inspected list = inspector("/mcp", token, "--method", "tools/list");
        // The Inspector will not call a tool it was not shown, so the refusal is asked for in plain JSON-RPC.
        JsonNode refused = RawMcp.open(hub.url() + "/mcp", token).call("tools/call",
                "{\"name\": \"everything__echo\", \"arguments\": {\"message\": \"sneaky\"}}");

        assertThat(list.toolNames()).contains("memory__read_graph").noneMatch(n -> n.startsWith("everything__"));
        assertThat(refused.path("error").path("message").asText())
                .isEqualTo("Forbidden: analyst lacks permission call:tool:everything/echo to call everything__echo");
        assertThat(refused.path("error").path("data").path("permission").asText()).isEqualTo("call:tool:everything/echo");
        JsonNode calls = hub.audit("--action", "mcp.tool.call", "--resource", "everything/echo");
        assertThat(calls).anySatisfy(e -> {
            assertThat(e.at("/user/name").asText()).isEqualTo("analyst");
            assertThat(e.at("/event/outcome").asText()).isEqualTo("failure");
        }).anySatisfy(e -> {
            assertThat(e.at("/user/name").asText()).isEqualTo("admin");
            assertThat(e.at("/event/outcome").asText()).isEqualTo("success");
        });
        assertThat(calls.toString()).doesNotContain("sneaky"); // arguments are not audited by default
    }

    @Test
    void aRateLimitPublishedInTheConfigCenterAppliesToTheNextCall() throws Exception {
        ok(cli("config", "set", "gateway", "-f", hub.file("gateway.yaml", """
                rateLimits:
                  - {service: everything, tool: get-env, caller: admin, limit: 1, per: 1h}
                """).toString()));
        RawMcp admin = RawMcp.open(hub.url() + "/mcp", adminToken());
        await().atMost(Duration.ofSeconds(5)).until(() -> admin.call("tools/call", "{\"name\": \"everything__get-env\"}")
                .path("error").path("code").asInt() == -32029);
        JsonNode limited = admin.call("tools/call", "{\"name\": \"everything__get-env\"}");
        assertThat(limited.path("error").path("message").asText()).startsWith("Rate limited: rate limit of 1 calls per 1h"
                + " for everything/get-env reached for admin");
        assertThat(limited.path("error").path("data").path("retryAfterMs").asLong()).isBetween(1L, 3_600_000L);

        ok(cli("config", "set", "gateway", "-f", hub.file("gateway.yaml", """
                rateLimits:
                  - {service: everything, tool: get-env, caller: admin, limit: 1000, per: 1h}
                """).toString()));
        await().atMost(Duration.ofSeconds(5)).until(() -> admin.call("tools/call", "{\"name\": \"everything__get-env\"}")
                .path("result").has("content"));
    }

    @Test
    void aToolCallCountsInTheHubsMetricsUnderItsServiceAndOutcome() throws Exception {
        io.micrometer.core.instrument.MeterRegistry metrics = hub.hub().metrics().registry();
        java.util.function.LongSupplier okCalls = () -> {
            io.micrometer.core.instrument.Timer t = metrics.find("mcphub.gateway.tool.calls")
                    .tags("service", "everything", "outcome", "ok").timer();
            return t == null ? 0 : t.count();
        };
        long before = okCalls.getAsLong();

        JsonNode echoed = RawMcp.open(hub.url() + "/mcp", adminToken()).call("tools/call",
                "{\"name\": \"everything__echo\", \"arguments\": {\"message\": \"counted\"}}");

        assertThat(echoed.path("result").path("content").get(0).path("text").asText()).isEqualTo("Echo: counted");
        // the gateway reports a call once its answer is on the way, so the count may trail the answer a little
        await().atMost(Duration.ofSeconds(5)).until(() -> okCalls.getAsLong() == before + 1);
        assertThat(metrics.get("mcphub.cluster.instances").tag("state", "healthy").gauge().value()).isEqualTo(3);
        assertThat(metrics.get("mcphub.cluster.nodes").tag("state", "up").gauge().value()).isEqualTo(1);
    }

    @Test
    void withoutAValidTokenTheGatewayAnswers401() throws Exception {
        assertThat(RawMcp.status(hub.url() + "/mcp", null)).isEqualTo(401);
        assertThat(RawMcp.status(hub.url() + "/mcp", "not-a-token")).isEqualTo(401);
    }

    @Test
    void logLevelsChangeLiveForHubComponentsAndMcpServices() {
        CliRun component = cli("log", "level", "--service=gateway", "--level=trace");
        CliRun service = cli("log", "level", "--service=everything", "--level=trace", "-o", "json");
        CliRun unknown = cli("log", "level", "--service=gatway", "--level=info");
        CliRun badLevel = cli("log", "level", "--service=gateway", "--level=loud");

        assertThat(component.exitCode()).as(component.err()).isZero();
        assertThat(component.out()).isEqualTo("gateway logs at trace now\n");
        assertThat(((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("io.mcphub.gateway")).getLevel())
                .isEqualTo(ch.qos.logback.classic.Level.TRACE);
        assertThat(service.exitCode()).as(service.err()).isZero();
        JsonNode answer = json(service);
        assertThat(answer.path("level").asText()).isEqualTo("debug"); // MCP has no trace
        assertThat(answer.path("instances")).hasSize(2).allSatisfy(i -> assertThat(i.path("applied").asBoolean()).as(i.toString()).isTrue());
        assertThat(unknown.err()).startsWith("error: no hub component or MCP service \"gatway\" (did you mean \"gateway\"?);"
                + " hub components are api, auth, config, deployer, gateway, hub, store");
        assertThat(badLevel.err()).isEqualTo("error: unknown log level \"loud\"; use one of trace, debug, info, warn, error, off\n");
        ok(cli("log", "level", "--service=gateway", "--level=info"));
    }

    @Test
    void scalingAServiceToZeroAndBackTellsConnectedClientsAndCallsWorkAgain() {
        String script = """
                const { client } = await connect("%s");
                let gone = false;
                client.setNotificationHandler(types.ToolListChangedNotificationSchema, async () => {
                  const tools = names((await client.listTools()).tools);
                  out({ event: "list_changed", echo: tools.includes("everything__echo") });
                  if (!tools.includes("everything__echo")) {
                    gone = true;
                  } else if (gone) {
                    gone = false;
                    const r = await client.callTool({ name: "everything__echo", arguments: { message: "back" } });
                    out({ event: "called", text: r.content[0].text });
                    await client.close();
                  }
                });
                out({ ready: names((await client.listTools()).tools).includes("everything__echo") });
                """.formatted(adminToken());
        try (io.mcphub.gateway.TsClient client = io.mcphub.gateway.TsClient.start(dir, java.net.URI.create(hub.url()), script)) {
            assertThat(client.next(Duration.ofSeconds(30)).path("ready").asBoolean()).isTrue();

            ok(cli("service", "scale", "everything", "--replicas", "0"));
            assertThat(nextEvent(client)).isEqualTo("list_changed echo=false");

            ok(cli("service", "scale", "everything", "--replicas", "2"));
            assertThat(nextEvent(client)).isEqualTo("list_changed echo=true");
            JsonNode called = client.next(Duration.ofSeconds(30));
            assertThat(called.path("text").asText()).isEqualTo("Echo: back");
        } finally {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).until(() -> healthy() == 3);
        }
    }

    @Test
    void aGroupFromTheConfigCenterServesItsServicesOnly() throws Exception {
        ok(cli("config", "set", "gateway", "-f", hub.file("groups.yaml", """
                groups: {notes: [memory]}
                """).toString()));

        await().atMost(Duration.ofSeconds(5)).until(() -> inspector("/mcp/g/notes", adminToken(), "--method", "tools/list").exit() == 0);
        List<String> tools = inspector("/mcp/g/notes", adminToken(), "--method", "tools/list").toolNames();

        assertThat(tools).contains("memory__read_graph").noneMatch(n -> n.startsWith("everything__"));
        assertThat(RawMcp.status(hub.url() + "/mcp/g/nothere", adminToken())).isEqualTo(404);
    }

    /** The next list change the client saw, skipping repeats of what it already knew. */
    private static String nextEvent(io.mcphub.gateway.TsClient client) {
        JsonNode e = client.next(Duration.ofSeconds(60));
        return e.path("event").asText() + " echo=" + e.path("echo").asBoolean();
    }
}
