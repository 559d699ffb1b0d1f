package io.mcphub.cli.command.identity;

import io.mcphub.cli.command.PasswordInput;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "create", description = "Create a user; the password comes from --password-file, --password-stdin or the terminal.")
public final class UserCreateCommand extends IdentityCommandBase {
    @Parameters(index = "0", paramLabel = "NAME", description = "The user's login name.")
    String name;

    @Option(names = "--groups", split = ",", paramLabel = "GROUP", description = "Groups to put the user in, comma-separated.")
    List<String> groups = List.of();

    @Mixin
    PasswordInput password;

    @Override
    protected void execute() {
        String secret = password.read(cli(), "password for the new user " + name, true);
        var answer = identity().createUser(name, secret, groups);
        print(answer, a -> "created user " + name + (groups.isEmpty() ? "" : " in " + String.join(", ", groups)));
    }
}
