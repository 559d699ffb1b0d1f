package io.mcphub.cli.command.cluster;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "scale", description = "Change how many instances of a service run; prints the plan it carried out.")
public final class ServiceScaleCommand extends ClusterCommandBase {
    @Parameters(index = "0", paramLabel = "NAME", description = "SERVICE, or STACK/SERVICE when two stacks have one so named.")
    String name;

    @Option(names = "--replicas", required = true, paramLabel = "N",
            description = "Instances wanted; 0 stops them all and keeps the service.")
    int replicas;

    @Override
    protected void execute() {
        print(cluster().scale(name, replicas), plan -> PlanReport.unlessEmpty(plan,
                "scaled " + name + " to " + replicas + (replicas == 1 ? " replica" : " replicas")));
    }
}
