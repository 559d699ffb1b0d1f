package io.mcphub.cli.command.identity;

import io.mcphub.cli.command.PasswordInput;
import io.mcphub.cli.common.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "passwd", description = "Set a user's password (your own, or anyone's with write:user).")
public final class UserPasswdCommand extends IdentityCommandBase {
    @Parameters(index = "0", paramLabel = "NAME", description = "The user's login name.")
    String name;

    @Mixin
    PasswordInput password;

    @Override
    protected void execute() {
        String secret = password.read(cli(), "new password for " + name, true);
        var answer = identity().setPassword(name, secret);
        print(answerOr(answer, Json.object().put("name", name).put("passwordChanged", true)),
                a -> "changed the password of " + name);
    }
}
