package io.mcphub.cli.command.config;

import io.mcphub.cli.output.Cells;
import io.mcphub.cli.output.OutputFormat;
import io.mcphub.cli.output.Table;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The table shows old and new values side by side; -o json/yaml give the RFC 6902 patch alone, for tools. */
@Command(name = "diff", description = "Show the minimal change set between two versions.")
public final class ConfigDiffCommand extends ConfigCommandBase {
    @Parameters(index = "0", paramLabel = "KEY", description = "Document key: SERVICE or SERVICE/NAME.")
    String key;

    @Option(names = "--from", required = true, paramLabel = "N", description = "The older version.")
    long from;

    @Option(names = "--to", required = true, paramLabel = "M", description = "The newer version.")
    long to;

    @Override
    protected void execute() {
        var diff = config().diff(key, from, to);
        if (format() != OutputFormat.TABLE) {
            print(diff.path("patch"), p -> "");
            return;
        }
        printTable(diff.path("changes"), changes -> {
            Table table = Table.of("OP", "PATH", "OLD", "NEW")
                    .whenEmpty("no differences between version " + from + " and version " + to + " of " + key);
            changes.forEach(c -> table.row(Cells.text(c.path("op")), Cells.text(c.path("path")),
                    Cells.value(c.path("old")), Cells.value(Changes.after(c))));
            return table;
        });
    }
}
