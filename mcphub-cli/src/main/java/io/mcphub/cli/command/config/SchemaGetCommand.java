package io.mcphub.cli.command.config;

import io.mcphub.cli.common.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "get", description = "Print a document's JSON Schema.")
public final class SchemaGetCommand extends ConfigCommandBase {
    @Parameters(index = "0", paramLabel = "KEY", description = "Document key: SERVICE or SERVICE/NAME.")
    String key;

    /** A schema is a document, not rows: the default view is the schema as pretty JSON. */
    @Override
    protected void execute() {
        print(config().schema(key), Json::pretty);
    }
}
