package io.mcphub.cli.command.identity;

import io.mcphub.cli.command.GroupCommand;
import picocli.CommandLine.Command;

@Command(name = "user", description = "The hub's users: who may log in, and in which groups (policies grant to groups).",
        subcommands = {UserCreateCommand.class, UserListCommand.class, UserDeleteCommand.class, UserPasswdCommand.class})
public final class UserCommand extends GroupCommand {
}
