package io.mcphub.cli.command.config;

import io.mcphub.cli.command.GroupCommand;
import picocli.CommandLine.Command;

@Command(name = "config", description = "Versioned, validated configuration documents.",
        subcommands = {
                ConfigSetCommand.class, ConfigGetCommand.class, ConfigListCommand.class, ConfigHistoryCommand.class,
                ConfigDiffCommand.class, ConfigRollbackCommand.class, ConfigPushCommand.class, SchemaCommand.class,
                ConfigStatusCommand.class, GrayCommand.class,
        })
public final class ConfigCommand extends GroupCommand {
}
