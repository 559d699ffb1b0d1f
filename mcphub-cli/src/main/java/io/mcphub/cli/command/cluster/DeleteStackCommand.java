package io.mcphub.cli.command.cluster;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "stack", description = "Delete a stack: every instance of its services is stopped and removed.")
public final class DeleteStackCommand extends ClusterCommandBase {
    @Parameters(index = "0", paramLabel = "NAME", description = "The stack's name (metadata.name of its file).")
    String name;

    @Override
    protected void execute() {
        print(cluster().deleteStack(name), plan -> PlanReport.render(plan, "deleted stack " + name));
    }
}
