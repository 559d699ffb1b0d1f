package io.mcphub.cli.command.config;

import io.mcphub.cli.output.Cells;
import io.mcphub.cli.output.Table;
import picocli.CommandLine.Command;

@Command(name = "list", description = "List the documents with their latest version.")
public final class ConfigListCommand extends ConfigCommandBase {
    @Override
    protected void execute() {
        printTable(config().list(), docs -> {
            Table table = Table.of("KEY", "VERSION", "AUTHOR", "UPDATED", "MESSAGE", "SCHEMA")
                    .whenEmpty("no configuration documents yet; publish one with 'mcphub config set KEY -f FILE'");
            docs.forEach(d -> table.row(Cells.text(d.path("key")), Cells.text(d.path("version")),
                    Cells.text(d.path("author")), Cells.time(d.path("time")), Cells.shortText(d.path("message")),
                    Cells.yesNo(d.path("schema"))));
            return table;
        });
    }
}
