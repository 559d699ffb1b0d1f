package io.mcphub.cli.command.identity;

import io.mcphub.cli.command.GroupCommand;
import picocli.CommandLine.Command;

@Command(name = "token", description = "API tokens for automation: each acts as its creator, optionally limited to some permissions.",
        subcommands = {TokenCreateCommand.class, TokenListCommand.class, TokenRevokeCommand.class})
public final class TokenCommand extends GroupCommand {
}
