package io.mcphub.cli.command;

import io.mcphub.cli.hub.HubRequest;
import io.mcphub.cli.output.Cells;
import io.mcphub.cli.output.Table;
import picocli.CommandLine.Command;

@Command(name = "status", description = "Show the hub's version, store and revision.")
public final class StatusCommand extends ApiCommand {
    @Override
    protected void execute() {
        var status = hub().send(HubRequest.get("/api/v1/status")).json();
        String url = hub().target().url().toString();
        printTable(status, s -> Table.of("HUB", "VERSION", "STORE", "REVISION", "STARTED")
                .row(url, Cells.text(s.path("version")), Cells.text(s.path("store")),
                        Cells.text(s.path("revision")), Cells.time(s.path("startedAt"))));
    }
}
