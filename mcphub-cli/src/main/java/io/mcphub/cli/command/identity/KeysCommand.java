package io.mcphub.cli.command.identity;

import io.mcphub.cli.command.GroupCommand;
import picocli.CommandLine.Command;

@Command(name = "keys", description = "The keys the hub signs access tokens with.", subcommands = KeysRotateCommand.class)
public final class KeysCommand extends GroupCommand {
}
