package io.mcphub.cli.command.cluster;

import io.mcphub.cli.output.Cells;
import io.mcphub.cli.output.Table;
import picocli.CommandLine.Command;

@Command(name = "list", description = "List the services of every stack with how many of their instances are healthy.")
public final class ServiceListCommand extends ClusterCommandBase {
    @Override
    protected void execute() {
        printTable(cluster().services(), services -> {
            Table table = Table.of("SERVICE", "STACK", "TYPE", "REPLICAS", "HEALTHY", "INSTANCES")
                    .whenEmpty("no services yet; deploy a stack with 'mcphub apply -f FILE'");
            services.forEach(s -> table.row(Cells.text(s.path("name")), Cells.text(s.path("stack")),
                    Cells.text(s.path("type")), Cells.text(s.path("replicas")), InstanceCells.allHealthy(s),
                    InstanceCells.summary(s)));
            return table;
        });
    }
}
