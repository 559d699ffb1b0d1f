package io.mcphub.cli.command.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "restart", description = "Restart every instance of a service where it runs (same ids, new processes).")
public final class ServiceRestartCommand extends ClusterCommandBase {
    @Parameters(index = "0", paramLabel = "NAME", description = "SERVICE, or STACK/SERVICE when two stacks have one so named.")
    String name;

    @Override
    protected void execute() {
        print(cluster().restart(name), (JsonNode answer) -> "restarting " + answer.path("restarted").size() + " instance"
                + (answer.path("restarted").size() == 1 ? "" : "s") + " of " + name);
    }
}
