package io.mcphub.cli.command.cluster;

import io.mcphub.cli.command.GroupCommand;
import picocli.CommandLine.Command;

@Command(name = "node", description = "The machines that run services: each runs 'mcphub agent' and joined with a token.",
        subcommands = {NodeListCommand.class, NodeDescribeCommand.class, NodeTokenCommand.class})
public final class NodeCommand extends GroupCommand {
}
