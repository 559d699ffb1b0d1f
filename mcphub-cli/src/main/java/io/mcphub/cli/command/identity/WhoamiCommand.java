package io.mcphub.cli.command.identity;

import io.mcphub.cli.output.Cells;
import io.mcphub.cli.output.Table;
import picocli.CommandLine.Command;

@Command(name = "whoami", description = {"Show who the hub takes you for: user, groups, granted permissions, how you logged in.",
        "LIMITED TO lists what an API token is restricted to; the token may do only what is both granted and listed there."})
public final class WhoamiCommand extends IdentityCommandBase {
    @Override
    protected void execute() {
        // restrictedTo is null for a login or an unrestricted token: "-", nothing beyond the grants limits it
        printTable(identity().whoami(), me -> Table.of("USER", "GROUPS", "GRANTS", "VIA", "LIMITED TO")
                .row(Cells.text(me.path("name")), Cells.list(me.path("groups")), Cells.list(me.path("grants")),
                        Cells.text(me.path("via")), Cells.list(me.path("restrictedTo"))));
    }
}
