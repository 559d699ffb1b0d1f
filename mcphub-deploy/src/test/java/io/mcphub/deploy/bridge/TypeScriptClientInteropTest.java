package io.mcphub.deploy.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mcphub.core.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The official TypeScript SDK's {@code StreamableHTTPClientTransport} against the bridge: the proof that a real MCP
 * client, not just our reading of the spec, works through it. The SDK comes from npm (see {@link TypeScriptSdk}).
 */
class TypeScriptClientInteropTest {

    private static final String SCRIPT = """
            import { pathToFileURL } from "node:url";
            const [sdk, url] = process.argv.slice(2);
            const load = (p) => import(pathToFileURL(sdk + p).href);
            const { Client } = await load("/dist/esm/client/index.js");
            const { StreamableHTTPClientTransport } = await load("/dist/esm/client/streamableHttp.js");
            const { LoggingMessageNotificationSchema } = await load("/dist/esm/types.js");

            const client = new Client({ name: "interop-test", version: "1.0.0" });
            const transport = new StreamableHTTPClientTransport(new URL(url));
            const logged = new Promise((resolve) =>
                client.setNotificationHandler(LoggingMessageNotificationSchema, (n) => resolve(n.params)));
            await client.connect(transport);
            const sessionId = transport.sessionId;
            const tools = await client.listTools();
            const echo = await client.callTool({ name: "echo", arguments: { message: "from typescript" } });
            const progress = [];
            const long = await client.callTool({ name: "trigger-long-running-operation", arguments: { duration: 1, steps: 2 } },
                undefined, { onprogress: (p) => progress.push(p.progress) });
            await client.callTool({ name: "toggle-simulated-logging", arguments: {} });
            const log = await Promise.race([logged, new Promise((r) => setTimeout(() => r(null), 10000).unref())]);
            await client.callTool({ name: "toggle-simulated-logging", arguments: {} });
            await transport.terminateSession();
            await client.close();
            console.log(JSON.stringify({
                sessionId, server: client.getServerVersion(), tools: tools.tools.map((t) => t.name),
                echo: echo.content[0].text, progress, long: long.content[0].text, log
            }));
            """;

    @TempDir
    static Path dir;
    static BridgeFixture fixture;

    @BeforeAll
    static void start() {
        fixture = BridgeFixture.start(dir, "everything-ts", BridgeOptions.DEFAULTS);
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    @Test
    void theOfficialClientListsAndCallsToolsAndHearsNotifications() throws Exception {
        Path sdk = TypeScriptSdk.locate();
        Path script = dir.resolve("interop.mjs");
        Files.writeString(script, SCRIPT);

        Process node = new ProcessBuilder("node", script.toString(), sdk.toString(), fixture.endpoint.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(node.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(node.exitValue()).as(out).isZero();

        JsonNode result = Json.tree(out.lines().reduce((a, b) -> b).orElseThrow().getBytes(StandardCharsets.UTF_8));
        assertThat(result.path("sessionId").asText()).isNotBlank();
        assertThat(result.at("/server/name").asText()).isEqualTo("mcp-servers/everything");
        List<String> tools = Json.JSON.convertValue(result.get("tools"), Json.JSON.getTypeFactory()
                .constructCollectionType(List.class, String.class));
        assertThat(tools).contains("echo", "get-sum", "trigger-long-running-operation");
        assertThat(result.path("echo").asText()).isEqualTo("Echo: from typescript");
        assertThat(result.path("progress").toString()).isEqualTo("[1,2]");
        assertThat(result.path("long").asText()).contains("completed");
        assertThat(result.at("/log/level").asText()).as("a log notification over the GET stream").isNotBlank();
        assertThat(fixture.server.isMounted("everything-ts")).isTrue();
    }
}
