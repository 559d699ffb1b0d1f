package io.mcphub.cli.command.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mcphub.cli.CliRun;
import io.mcphub.cli.common.ExitCodes;
import io.mcphub.cli.common.Json;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The three clients' configuration files, pointing at the hub the CLI would talk to; never a real token. */
class ClientConfigCommandTest {
    private static final Map<String, String> ENV = Map.of("MCPHUB_URL", "https://hub.example.org:7420/",
            "MCPHUB_TOKEN", "secret-token-value", "HOME", "/nonexistent");

    private static JsonNode run(String... args) throws Exception {
        CliRun run = CliRun.run(ENV, args);
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).doesNotContain("secret-token-value");
        return Json.JSON.readTree(run.out());
    }

    @Test
    void cursorPointsAtTheWholeGateway() throws Exception {
        JsonNode server = run("client-config", "--format", "cursor").path("mcpServers").path("mcphub");
        assertThat(server.path("url").asText()).isEqualTo("https://hub.example.org:7420/mcp");
        assertThat(server.path("headers").path("Authorization").asText()).isEqualTo("Bearer <MCPHUB_TOKEN>");
    }

    @Test
    void claudeGoesThroughMcpRemoteWithTheTokenFromItsEnvironment() throws Exception {
        JsonNode server = run("client-config", "--format", "claude", "--group", "travel").path("mcpServers").path("mcphub-travel");
        assertThat(server.path("command").asText()).isEqualTo("npx");
        assertThat(server.path("args")).extracting(JsonNode::asText).containsExactly("-y", "mcp-remote",
                "https://hub.example.org:7420/mcp/g/travel", "--header", "Authorization:Bearer ${MCPHUB_TOKEN}");
        assertThat(server.path("env").path("MCPHUB_TOKEN").asText()).isEqualTo("<MCPHUB_TOKEN>");
    }

    @Test
    void vscodePromptsForTheToken() throws Exception {
        JsonNode config = run("client-config", "--format", "vscode");
        assertThat(config.path("servers").path("mcphub").path("type").asText()).isEqualTo("http");
        assertThat(config.path("servers").path("mcphub").path("headers").path("Authorization").asText())
                .isEqualTo("Bearer ${input:mcphub-token}");
        assertThat(config.path("inputs").get(0).path("password").asBoolean()).isTrue();
    }

    @Test
    void anUnknownClientOrGroupNameIsRefused() {
        CliRun client = CliRun.run(ENV, "client-config", "--format", "zed");
        CliRun group = CliRun.run(ENV, "client-config", "--format", "cursor", "--group", "a/b");

        assertThat(client.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(client.err()).contains("--format", "claude, cursor, vscode");
        assertThat(group.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(group.err()).isEqualTo("error: --group a/b is not a group name: 1-63 letters, digits or '-', as in the gateway's groups\n");
    }
}
