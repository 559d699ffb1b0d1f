package io.mcphub.cli.command.cluster;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "delete", description = {"Remove a service from its stack and stop its instances.",
        "Applying the stack file again brings it back; a service others depend on is refused."})
public final class ServiceDeleteCommand extends ClusterCommandBase {
    @Parameters(index = "0", paramLabel = "NAME", description = "SERVICE, or STACK/SERVICE when two stacks have one so named.")
    String name;

    @Override
    protected void execute() {
        print(cluster().deleteService(name), plan -> PlanReport.unlessEmpty(plan, "deleted service " + name));
    }
}
