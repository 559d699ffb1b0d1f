package io.mcphub.cli.command.cluster;

import io.mcphub.cli.command.GroupCommand;
import picocli.CommandLine.Command;

@Command(name = "token", description = "One-time join tokens: an agent trades one for its certificate when it first joins.",
        subcommands = {NodeTokenCreateCommand.class})
public final class NodeTokenCommand extends GroupCommand {
}
