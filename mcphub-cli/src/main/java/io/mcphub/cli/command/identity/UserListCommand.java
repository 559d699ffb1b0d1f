package io.mcphub.cli.command.identity;

import io.mcphub.cli.output.Cells;
import io.mcphub.cli.output.Table;
import picocli.CommandLine.Command;

@Command(name = "list", description = "List the users with their groups.")
public final class UserListCommand extends IdentityCommandBase {
    @Override
    protected void execute() {
        printTable(identity().users(), users -> {
            Table table = Table.of("NAME", "GROUPS", "CREATED", "PASSWORD CHANGED")
                    .whenEmpty("no users; create one with 'mcphub user create NAME'");
            users.forEach(u -> table.row(Cells.text(u.path("name")), Cells.list(u.path("groups")),
                    Cells.time(u.path("createdAt")), Cells.time(u.path("passwordChangedAt"))));
            return table;
        });
    }
}
