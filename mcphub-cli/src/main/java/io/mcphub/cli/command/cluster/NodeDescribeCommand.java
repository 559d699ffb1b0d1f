package io.mcphub.cli.command.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import io.mcphub.cli.output.Cells;
import io.mcphub.cli.output.Fields;
import io.mcphub.cli.output.Table;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** The table view is what people ask about a node; -o json has the whole fingerprint, probe runs included. */
@Command(name = "describe",
        description = "Show a node: what its agent found (type, CPU, memory, OS, runtimes) and what runs on it.")
public final class NodeDescribeCommand extends ClusterCommandBase {
    @Parameters(index = "0", paramLabel = "NAME", description = "The node's name, as 'mcphub node list' shows it.")
    String name;

    @Override
    protected void execute() {
        print(nodes().node(name), NodeDescribeCommand::describe);
    }

    static String describe(JsonNode n) {
        JsonNode fingerprint = n.path("fingerprint");
        JsonNode os = fingerprint.path("os");
        JsonNode instances = n.path("instances");
        StringBuilder out = new StringBuilder(Fields.of()
                .add("Name", Cells.text(n.path("name")))
                .add("Status", Cells.text(n.path("status")))
                .add("Type", NodeCells.type(fingerprint))
                .add("CPU", NodeCells.cpu(fingerprint.path("cpu")))
                .add("Memory", NodeCells.memory(fingerprint.path("memory")))
                .add("OS", NodeCells.os(os))
                .add("Arch", Cells.text(os.path("arch")))
                .add("Runtimes", NodeCells.runtimes(fingerprint.path("runtimes")))
                .add("Addresses", Cells.list(fingerprint.path("addresses")).replace(",", ", "))
                .add("Labels", NodeCells.labels(n.path("labels")))
                .add("Joined", Cells.time(n.path("joinedAt")))
                .add("Last seen", Cells.time(n.path("lastSeen")))
                .add("Instances", String.valueOf(instances.size()))
                .render());
        if (!instances.isEmpty()) {
            Table table = Table.of("INSTANCE", "SERVICE", "STATUS", "PID", "PORT", "RESTARTS");
            instances.forEach(i -> table.row(InstanceCells.row(Cells.text(i.path("id")), Cells.text(i.path("service")), i)));
            out.append('\n').append(table.render());
        }
        return out.toString();
    }
}
