package io.mcphub.cli.command.identity;

import io.mcphub.cli.output.Cells;
import io.mcphub.cli.output.Table;
import picocli.CommandLine.Command;

@Command(name = "list", description = "List the API tokens (never their text).")
public final class TokenListCommand extends IdentityCommandBase {
    @Override
    protected void execute() {
        printTable(identity().tokens(), tokens -> {
            Table table = Table.of("ID", "NAME", "SUBJECT", "PERMISSIONS", "CREATED", "EXPIRES")
                    .whenEmpty("no API tokens; create one with 'mcphub token create --name NAME'");
            tokens.forEach(t -> table.row(Cells.text(t.path("id")), Cells.text(t.path("name")), Cells.text(t.path("subject")),
                    TokenCells.permissions(t), Cells.time(t.path("createdAt")), TokenCells.expires(t)));
            return table;
        });
    }
}
