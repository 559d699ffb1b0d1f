package io.mcphub.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The official TypeScript MCP client through the gateway, against real MCP servers behind real bridges. */
@ExtendWith(SharedFixture.class)
class TypeScriptClientTest {

    static GatewayFixture fixture;
    static GatewayServer server;

    @BeforeAll
    static void start(GatewayFixture shared) {
        fixture = shared;
        server = new GatewayServer(fixture, GatewayOptions.DEFAULTS.withKeepAlive(Duration.ofMillis(300)));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static JsonNode run(String script) {
        return TsClient.run(fixture.dir, server.base, script);
    }

    @Test
    void oneEndpointListsAndCallsEveryServiceUnderNamespacedNames() {
        JsonNode result = run("""
                const { client, transport } = await connect("alice-token");
                const tools = names((await client.listTools()).tools);
                const echo = await client.callTool({ name: "everything__echo", arguments: { message: "hi" } });
                const graph = await client.callTool({ name: "memory__read_graph", arguments: {} });
                const progress = [];
                const long = await client.callTool({ name: "everything__trigger-long-running-operation",
                    arguments: { duration: 1, steps: 2 } }, undefined, { onprogress: (p) => progress.push(p.progress) });
                const prompts = names((await client.listPrompts()).prompts);
                const prompt = await client.getPrompt({ name: "everything__simple-prompt" });
                const resources = (await client.listResources()).resources;
                const read = await client.readResource({ uri: resources[0].uri });
                const templates = (await client.listResourceTemplates()).resourceTemplates.map((t) => t.uriTemplate);
                out({ version: transport.protocolVersion, server: client.getServerVersion(), tools,
                      echo: echo.content[0].text, graph: graph.isError ?? false, progress, long: long.content[0].text,
                      prompts, prompt: prompt.messages.length, resource: resources[0].uri, read: read.contents[0].uri,
                      templates });
                await transport.terminateSession();
                await client.close();
                """);
        assertThat(result.path("version").asText()).isEqualTo("2025-11-25");
        assertThat(result.at("/server/name").asText()).isEqualTo("mcphub-gateway");
        assertThat(strings(result.get("tools"))).contains("everything__echo", "everything__get-sum",
                "memory__read_graph", "memory__create_entities", "everything-http__echo").doesNotContain("echo");
        assertThat(result.path("echo").asText()).isEqualTo("Echo: hi");
        assertThat(result.path("graph").asBoolean()).isFalse();
        assertThat(result.path("progress").toString()).as("progress from the instance reaches the client").isEqualTo("[1,2]");
        assertThat(result.path("long").asText()).contains("completed");
        assertThat(strings(result.get("prompts"))).contains("everything__simple-prompt", "everything__args-prompt");
        assertThat(result.path("prompt").asInt()).isPositive();
        assertThat(result.path("resource").asText()).startsWith("mcphub://everything");
        assertThat(result.path("read").asText()).as("read answers name the URI as the client knows it")
                .isEqualTo(result.path("resource").asText());
        assertThat(strings(result.get("templates"))).allMatch(t -> t.startsWith("mcphub://everything"));
        CallEvent echo = server.audit.await(RecordingAudit.by("alice", "echo"));
        assertThat(echo.service()).isEqualTo("everything");
        assertThat(echo.outcome()).isEqualTo(CallEvent.Outcome.OK);
        assertThat(echo.instance()).isIn("everything-1", "everything-2");
        assertThat(echo.arguments()).as("arguments are not audited unless asked for").isNull();
    }

    @Test
    void serviceAndGroupEndpointsOfferTheirServicesOnly() {
        JsonNode result = run("""
                const one = await connect("alice-token", "/mcp/s/everything");
                const tools = names((await one.client.listTools()).tools);
                const echo = await one.client.callTool({ name: "echo", arguments: { message: "plain" } });
                const resource = (await one.client.listResources()).resources[0].uri;
                const group = await connect("alice-token", "/mcp/g/kb");
                const kb = names((await group.client.listTools()).tools);
                out({ tools, echo: echo.content[0].text, resource, kb });
                await one.client.close();
                await group.client.close();
                """);
        assertThat(strings(result.get("tools"))).contains("echo", "get-sum").allMatch(t -> !t.contains("__"));
        assertThat(result.path("echo").asText()).isEqualTo("Echo: plain");
        assertThat(result.path("resource").asText()).doesNotStartWith("mcphub:");
        assertThat(strings(result.get("kb"))).isNotEmpty().allMatch(t -> t.startsWith("memory__"));
    }

    @Test
    void aCallerSeesOnlyWhatItMayCallAndIsToldWhichPermissionItLacks() {
        JsonNode result = run("""
                const { client } = await connect("bob-token");
                const tools = names((await client.listTools()).tools);
                const denied = await failure(client.callTool({ name: "everything__echo", arguments: { message: "no" } }));
                const graph = await client.callTool({ name: "memory__read_graph", arguments: {} });
                out({ tools, denied, graph: graph.isError ?? false });
                await client.close();
                """);
        assertThat(strings(result.get("tools"))).isNotEmpty().allMatch(t -> t.startsWith("memory__"));
        assertThat(result.at("/denied/code").asInt()).isEqualTo(-32003);
        assertThat(result.at("/denied/message").asText()).contains("call:tool:everything/echo");
        assertThat(result.path("graph").asBoolean()).isFalse();
        CallEvent denied = server.audit.await(RecordingAudit.by("bob", "echo"));
        assertThat(denied.outcome()).isEqualTo(CallEvent.Outcome.DENIED);
        assertThat(denied.instance()).isNull();
        assertThat(server.audit.await(RecordingAudit.by("bob", "read_graph")).outcome()).isEqualTo(CallEvent.Outcome.OK);
    }

    @Test
    void connectedClientsHearWhenAServiceGoesAndComesBack() {
        try (TsClient client = TsClient.start(fixture.dir, server.base, """
                const { client } = await connect("alice-token");
                const waiting = [];
                client.setNotificationHandler(types.ToolListChangedNotificationSchema, () => waiting.shift()?.());
                const changed = () => new Promise((resolve) => waiting.push(resolve));
                out({ step: "ready", tools: names((await client.listTools()).tools) });
                await changed();
                out({ step: "removed", tools: names((await client.listTools()).tools) });
                await changed();
                const tools = names((await client.listTools()).tools);
                const echo = await client.callTool({ name: "everything__echo", arguments: { message: "back" } });
                out({ step: "added", tools, echo: echo.content[0].text });
                await client.close();
                """)) {
            assertThat(strings(client.next(Duration.ofSeconds(30)).get("tools"))).contains("everything__echo");
            fixture.upstreams.remove("everything");
            try {
                JsonNode removed = client.next(Duration.ofSeconds(30));
                assertThat(removed.path("step").asText()).isEqualTo("removed");
                assertThat(strings(removed.get("tools"))).doesNotContain("everything__echo").contains("memory__read_graph");
            } finally {
                fixture.upstreams.put(fixture.everything());
            }
            JsonNode added = client.next(Duration.ofSeconds(30));
            assertThat(strings(added.get("tools"))).contains("everything__echo");
            assertThat(added.path("echo").asText()).isEqualTo("Echo: back");
            assertThat(client.exit()).isZero();
        }
    }

    @Test
    void serverRequestsReachTheClientThatCausedThem() {
        JsonNode result = run("""
                const { client } = await connect("alice-token", "/mcp", { sampling: {} });
                client.setRequestHandler(types.CreateMessageRequestSchema, async () => ({
                    model: "test-model", role: "assistant", content: { type: "text", text: "sampled by the client" } }));
                const sampled = await client.callTool({ name: "everything-http__trigger-sampling-request",
                    arguments: { prompt: "say hi", maxTokens: 5 } });
                out({ sampled: sampled.content.map((c) => c.text ?? "").join(" ") });
                await client.close();
                """);
        assertThat(result.path("sampled").asText()).contains("sampled by the client");
    }

    @Test
    void aCancelledCallIsCancelledDownstream() {
        JsonNode result = run("""
                const { client } = await connect("alice-token");
                const abort = new AbortController();
                setTimeout(() => abort.abort("the user gave up"), 700);
                const cancelled = await failure(client.callTool({ name: "everything__trigger-long-running-operation",
                    arguments: { duration: 20, steps: 20 } }, undefined, { signal: abort.signal }));
                const echo = await client.callTool({ name: "everything__echo", arguments: { message: "still here" } });
                out({ cancelled, echo: echo.content[0].text });
                await client.close();
                """);
        assertThat(result.path("cancelled").isNull()).isFalse();
        assertThat(result.path("echo").asText()).isEqualTo("Echo: still here");
        CallEvent event = server.audit.await(e -> "trigger-long-running-operation".equals(e.tool())
                && e.outcome() == CallEvent.Outcome.CANCELLED);
        assertThat(event.error()).as("the bridge acknowledged the cancellation").contains("the instance answered: cancelled");
        assertThat(event.duration()).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void legacySseClientsWorkToo() {
        JsonNode result = run("""
                const { client } = await sse("alice-token");
                const tools = names((await client.listTools()).tools);
                const echo = await client.callTool({ name: "everything__echo", arguments: { message: "old school" } });
                out({ tools, echo: echo.content[0].text });
                await client.close();
                """);
        assertThat(strings(result.get("tools"))).contains("everything__echo", "memory__read_graph");
        assertThat(result.path("echo").asText()).isEqualTo("Echo: old school");
    }

    static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }
}
