package io.mcphub.cli.command.config;

import io.mcphub.cli.command.InputFiles;
import io.mcphub.cli.common.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "set", description = "Set a document's JSON Schema (refused if the current version fails it).")
public final class SchemaSetCommand extends ConfigCommandBase {
    @Parameters(index = "0", paramLabel = "KEY", description = "Document key: SERVICE or SERVICE/NAME.")
    String key;

    @Option(names = {"-f", "--file"}, required = true, paramLabel = "FILE",
            description = "The schema, JSON or YAML (draft 2020-12 unless its $schema says otherwise); - for stdin.")
    String file;

    @Override
    protected void execute() {
        var answer = config().setSchema(key, InputFiles.parse(cli(), file));
        // The API does not promise a body here; say what we know when there is none.
        var result = answer.isObject() ? answer : Json.object().put("key", key).put("schema", true);
        print(result, r -> "set the schema of " + key);
    }
}
