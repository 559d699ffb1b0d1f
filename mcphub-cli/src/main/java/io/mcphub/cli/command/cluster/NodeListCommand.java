package io.mcphub.cli.command.cluster;

import io.mcphub.cli.output.Cells;
import io.mcphub.cli.output.Table;
import picocli.CommandLine.Command;

@Command(name = "list", description = "List the nodes that joined the hub, up or down.")
public final class NodeListCommand extends ClusterCommandBase {
    @Override
    protected void execute() {
        printTable(nodes().nodes(), nodes -> {
            Table table = Table.of("NAME", "STATUS", "TYPE", "INSTANCES", "LABELS", "LAST SEEN")
                    .whenEmpty("no node has joined the hub yet; make a join token with 'mcphub node token create'"
                            + " and run 'mcphub agent --hub URL --join-token TOKEN' on the machine");
            nodes.forEach(n -> table.row(Cells.text(n.path("name")), Cells.text(n.path("status")),
                    Cells.text(n.path("type")), Cells.text(n.path("instances")), NodeCells.labels(n.path("labels")),
                    Cells.time(n.path("lastSeen"))));
            return table;
        });
    }
}
