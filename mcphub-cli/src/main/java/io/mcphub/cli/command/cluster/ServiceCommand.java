package io.mcphub.cli.command.cluster;

import io.mcphub.cli.command.GroupCommand;
import picocli.CommandLine.Command;

@Command(name = "service", description = "The services of the deployed stacks and their instances.",
        subcommands = {ServiceListCommand.class, ServiceDescribeCommand.class, ServiceScaleCommand.class,
                ServiceRestartCommand.class, ServiceLogsCommand.class, ServiceDeleteCommand.class, ServiceUpdateCommand.class})
public final class ServiceCommand extends GroupCommand {
}
