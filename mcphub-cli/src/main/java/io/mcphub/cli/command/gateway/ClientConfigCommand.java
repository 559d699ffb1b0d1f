package io.mcphub.cli.command.gateway;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mcphub.cli.command.HubVerb;
import io.mcphub.cli.common.Json;
import io.mcphub.cli.hub.HubSettings;
import java.net.URI;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Prints the client configuration that points an AI client at the gateway. Nothing is asked of the hub and no
 * token is printed: the token is a placeholder to fill in (or a prompt, for VS Code), since a config file pasted
 * into a chat or a repository must not carry one.
 */
@Command(name = "client-config", description = {"Print the MCP client configuration for the hub's gateway.",
        "claude: claude_desktop_config.json (through npx mcp-remote); cursor: ~/.cursor/mcp.json; vscode: .vscode/mcp.json.",
        "Make a token for it with: mcphub token create --name claude --permissions 'call:tool'"})
public final class ClientConfigCommand extends HubVerb {
    static final String TOKEN_PLACEHOLDER = "<MCPHUB_TOKEN>";
    private static final Pattern GROUP = Pattern.compile("[A-Za-z0-9][A-Za-z0-9-]{0,62}");

    enum Format { claude, cursor, vscode }

    @Option(names = "--format", required = true, paramLabel = "CLIENT", description = "claude, cursor or vscode.")
    Format format;

    @Option(names = "--group", paramLabel = "G", description = "Only the services of group G (the gateway's /mcp/g/G).")
    String group;

    @Override
    protected void execute() {
        if (group != null && !GROUP.matcher(group).matches()) {
            throw io.mcphub.cli.common.CliException.failed("--group " + group + " is not a group name: 1-63 letters, digits"
                    + " or '-', as in the gateway's groups");
        }
        URI hub = HubSettings.anonymous(cli(), root().hubUrl()).url();
        String url = hub.toString().replaceAll("/+$", "") + (group == null ? "/mcp" : "/mcp/g/" + group);
        String name = group == null ? "mcphub" : "mcphub-" + group;
        cli().out().println(Json.pretty(switch (format) {
            case claude -> claude(name, url);
            case cursor -> cursor(name, url);
            case vscode -> vscode(name, url);
        }));
    }

    /** Claude Desktop starts stdio servers only; npm's mcp-remote is the usual bridge to a remote one. */
    private static ObjectNode claude(String name, String url) {
        ObjectNode root = Json.object();
        ObjectNode server = root.putObject("mcpServers").putObject(name);
        server.put("command", "npx");
        ArrayNode args = server.putArray("args");
        args.add("-y").add("mcp-remote").add(url).add("--header").add("Authorization:Bearer ${MCPHUB_TOKEN}");
        server.putObject("env").put("MCPHUB_TOKEN", TOKEN_PLACEHOLDER);
        return root;
    }

    private static ObjectNode cursor(String name, String url) {
        ObjectNode root = Json.object();
        ObjectNode server = root.putObject("mcpServers").putObject(name);
        server.put("url", url);
        server.putObject("headers").put("Authorization", "Bearer " + TOKEN_PLACEHOLDER);
        return root;
    }

    /** VS Code asks for the token once and keeps it in its secret storage: no placeholder to edit. */
    private static ObjectNode vscode(String name, String url) {
        ObjectNode root = Json.object();
        ObjectNode input = root.putArray("inputs").addObject();
        input.put("type", "promptString").put("id", "mcphub-token").put("description", "MCP Hub token").put("password", true);
        ObjectNode server = root.putObject("servers").putObject(name);
        server.put("type", "http").put("url", url);
        server.putObject("headers").put("Authorization", "Bearer ${input:mcphub-token}");
        return root;
    }
}
