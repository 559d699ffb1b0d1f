package io.mcphub.cli.command.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "restart", description = {"Restart a service's instances one at a time where they run (same ids, new"
        + " processes); each must be healthy again before the next goes, so a service with two or more replicas keeps serving."})
public final class ServiceRestartCommand extends ClusterCommandBase {
    @Parameters(index = "0", paramLabel = "NAME", description = "SERVICE, or STACK/SERVICE when two stacks have one so named.")
    String name;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "60",
            description = "How long each instance may take to be healthy again before the restart stops (default ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    @Override
    protected void execute() {
        print(cluster().restart(name, timeoutSeconds), ServiceRestartCommand::human);
    }

    static String human(JsonNode answer) {
        StringBuilder out = new StringBuilder();
        for (JsonNode step : answer.path("restarted")) {
            out.append("restarted ").append(step.path("instance").asText()).append(" on ").append(step.path("node").asText())
                    .append(": pid ").append(step.path("oldPid").asText("-")).append(" → ").append(step.path("newPid").asText("-"))
                    .append(", healthy after ").append(step.path("millis").asLong()).append(" ms\n");
        }
        return out.isEmpty() ? "no instances to restart (the service has 0 replicas)" : out.toString().stripTrailing();
    }
}
