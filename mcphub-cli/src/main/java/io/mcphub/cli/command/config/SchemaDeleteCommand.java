package io.mcphub.cli.command.config;

import io.mcphub.cli.common.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "delete", description = "Remove a document's JSON Schema (the document stays).")
public final class SchemaDeleteCommand extends ConfigCommandBase {
    @Parameters(index = "0", paramLabel = "KEY", description = "Document key: SERVICE or SERVICE/NAME.")
    String key;

    @Override
    protected void execute() {
        var answer = config().deleteSchema(key);
        var result = answer.isObject() ? answer : Json.object().put("key", key).put("schema", false);
        print(result, r -> "removed the schema of " + key);
    }
}
