package io.mcphub.cli.command.logging;

import io.mcphub.cli.command.GroupCommand;
import picocli.CommandLine.Command;

@Command(name = "log", description = "Logging of the hub's components and of the MCP services.",
        subcommands = LogLevelCommand.class)
public final class LogCommand extends GroupCommand {
}
