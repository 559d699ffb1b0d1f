package io.mcphub.cli.command.identity;

import io.mcphub.cli.common.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "delete", description = "Delete a user (admin cannot be deleted).")
public final class UserDeleteCommand extends IdentityCommandBase {
    @Parameters(index = "0", paramLabel = "NAME", description = "The user's login name.")
    String name;

    @Override
    protected void execute() {
        var answer = identity().deleteUser(name);
        print(answerOr(answer, Json.object().put("name", name).put("deleted", true)), a -> "deleted user " + name);
    }
}
