package io.mcphub.cli.command.config;

import com.fasterxml.jackson.databind.JsonNode;
import io.mcphub.cli.output.Cells;
import io.mcphub.cli.output.Table;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "history", description = "List a document's versions, newest first.")
public final class ConfigHistoryCommand extends ConfigCommandBase {
    @Parameters(index = "0", paramLabel = "KEY", description = "Document key: SERVICE or SERVICE/NAME.")
    String key;

    @Override
    protected void execute() {
        printTable(config().history(key), versions -> {
            Table table = Table.of("VERSION", "AUTHOR", "TIME", "MESSAGE", "HASH");
            versions.forEach(v -> table.row(Cells.text(v.path("version")), Cells.text(v.path("author")),
                    Cells.time(v.path("time")), message(v), Cells.shortHash(v.path("hash"))));
            return table;
        });
    }

    /** A rollback without a message would otherwise look like any other publish. */
    private static String message(JsonNode version) {
        String message = Cells.shortText(version.path("message"));
        JsonNode rollbackOf = version.path("rollbackOf");
        if (rollbackOf.isMissingNode() || rollbackOf.isNull()) {
            return message;
        }
        String note = "(rollback to version " + rollbackOf.asText() + ")";
        return message.equals(Cells.NONE) ? note : message + " " + note;
    }
}
