package io.mcphub.cli.command.policy;

import io.mcphub.cli.output.Cells;
import io.mcphub.cli.output.Table;
import picocli.CommandLine.Command;

@Command(name = "list", description = "List the policies: what each grants, and to whom.")
public final class PolicyListCommand extends PolicyCommandBase {
    @Override
    protected void execute() {
        printTable(policies().list(), list -> {
            Table table = Table.of("NAME", "PERMISSIONS", "USERS", "GROUPS")
                    .whenEmpty("no policies yet, so everything not granted is denied;"
                            + " apply some with 'mcphub policy apply -f FILE'");
            list.forEach(p -> table.row(Cells.text(p.path("name")), Cells.list(p.path("permissions")),
                    Cells.list(p.path("users")), Cells.list(p.path("groups"))));
            return table;
        });
    }
}
