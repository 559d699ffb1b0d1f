package io.mcphub.cli.command.cluster;

import io.mcphub.cli.command.GroupCommand;
import picocli.CommandLine.Command;

@Command(name = "node", description = {"The machines that run services: each runs 'mcphub agent', joined with a token or",
        "started by the hub over SSH ('node add')."},
        subcommands = {NodeListCommand.class, NodeDescribeCommand.class, NodeTokenCommand.class, NodeAddCommand.class,
                NodeRemoveCommand.class, NodeSshKeyCommand.class})
public final class NodeCommand extends GroupCommand {
}
