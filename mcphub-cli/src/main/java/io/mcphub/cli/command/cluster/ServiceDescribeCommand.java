package io.mcphub.cli.command.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import io.mcphub.cli.output.Cells;
import io.mcphub.cli.output.Fields;
import io.mcphub.cli.output.Table;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "describe", description = "Show a service, its instances, and why each was placed where it runs.")
public final class ServiceDescribeCommand extends ClusterCommandBase {
    @Parameters(index = "0", paramLabel = "NAME", description = "SERVICE, or STACK/SERVICE when two stacks have one so named.")
    String name;

    @Override
    protected void execute() {
        print(cluster().service(name), ServiceDescribeCommand::describe);
    }

    static String describe(JsonNode s) {
        StringBuilder out = new StringBuilder(Fields.of()
                .add("Service", Cells.text(s.path("stack")) + "/" + Cells.text(s.path("name")))
                .add("Type", Cells.text(s.path("type")))
                .add("Runtime", Cells.text(s.path("runtime")))
                .add("Transport", Cells.text(s.path("transport")))
                .add("Replicas", Cells.text(s.path("replicas")))
                .add("Depends on", Cells.list(s.path("dependsOn")))
                .add("Instances", InstanceCells.summary(s))
                .render());
        JsonNode instances = s.path("instances");
        if (instances.isEmpty()) {
            return out.toString();
        }
        Table table = Table.of("INSTANCE", "NODE", "STATUS", "PID", "PORT", "RESTARTS");
        instances.forEach(i -> table.row(InstanceCells.row(Cells.text(i.path("id")), Cells.text(i.path("node")), i)));
        out.append('\n').append(table.render());
        section(out, "Placed because", instances, "placedBecause");
        section(out, "Detail", instances, "detail");
        return out.toString();
    }

    /** One line per instance that has the field, under a heading; nothing at all when none has it. */
    private static void section(StringBuilder out, String heading, JsonNode instances, String field) {
        StringBuilder lines = new StringBuilder();
        instances.forEach(i -> {
            String text = Cells.text(i.path(field)).replaceAll("\\s*\\R\\s*", " ");
            if (!text.equals(Cells.NONE)) {
                lines.append("  ").append(Cells.text(i.path("id"))).append(": ").append(text).append('\n');
            }
        });
        if (!lines.isEmpty()) {
            out.append('\n').append(heading).append(":\n").append(lines);
        }
    }
}
