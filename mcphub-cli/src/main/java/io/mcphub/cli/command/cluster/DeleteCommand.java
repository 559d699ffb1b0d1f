package io.mcphub.cli.command.cluster;

import io.mcphub.cli.command.GroupCommand;
import picocli.CommandLine.Command;

@Command(name = "delete", description = "Remove what was deployed.", subcommands = {DeleteStackCommand.class})
public final class DeleteCommand extends GroupCommand {
}
