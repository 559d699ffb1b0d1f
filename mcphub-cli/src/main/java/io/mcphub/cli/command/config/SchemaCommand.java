package io.mcphub.cli.command.config;

import io.mcphub.cli.command.GroupCommand;
import picocli.CommandLine.Command;

@Command(name = "schema", description = "The JSON Schema a document must satisfy.",
        subcommands = {SchemaSetCommand.class, SchemaGetCommand.class, SchemaDeleteCommand.class})
public final class SchemaCommand extends GroupCommand {
}
