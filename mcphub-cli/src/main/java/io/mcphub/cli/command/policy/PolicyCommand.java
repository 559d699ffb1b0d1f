package io.mcphub.cli.command.policy;

import io.mcphub.cli.command.GroupCommand;
import picocli.CommandLine.Command;

@Command(name = "policy", description = "RBAC policies: which users and groups get which permissions (deny by default).",
        subcommands = {PolicyApplyCommand.class, PolicyListCommand.class, PolicyDeleteCommand.class, PolicyExplainCommand.class})
public final class PolicyCommand extends GroupCommand {
}
