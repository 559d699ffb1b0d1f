package io.mcphub.cli.command.logging;

import com.fasterxml.jackson.databind.JsonNode;
import io.mcphub.cli.command.ApiCommand;
import io.mcphub.cli.common.Json;
import io.mcphub.cli.hub.HubRequest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "level", description = {"Change a log level live, without a restart.",
        "For a hub component (hub, gateway, config, deployer, auth, store, api) its loggers change at once;"
                + " for an MCP service each instance gets logging/setLevel (trace becomes debug, MCP's finest)."})
public final class LogLevelCommand extends ApiCommand {
    @Option(names = "--service", required = true, paramLabel = "NAME", description = "A hub component or an MCP service.")
    String service;

    @Option(names = "--level", required = true, paramLabel = "LEVEL", description = "trace, debug, info, warn, error or off.")
    String level;

    @Override
    protected void execute() {
        JsonNode answer = hub().send(HubRequest.put("/api/v1/log-level")
                .json(Json.object().put("service", service).put("level", level))).json();
        print(answer, LogLevelCommand::human);
    }

    private static String human(JsonNode a) {
        if (a.has("loggers")) {
            return a.path("service").asText() + " logs at " + a.path("level").asText() + " now";
        }
        StringBuilder out = new StringBuilder();
        for (JsonNode i : a.path("instances")) {
            out.append(i.path("instance").asText()).append(": ")
                    .append(i.path("applied").asBoolean() ? a.path("level").asText() : "not set, " + i.path("detail").asText())
                    .append('\n');
        }
        return out.toString().stripTrailing();
    }
}
