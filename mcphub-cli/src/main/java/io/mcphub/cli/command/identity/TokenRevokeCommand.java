package io.mcphub.cli.command.identity;

import io.mcphub.cli.common.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "revoke", description = "Revoke an API token: the hub refuses it from now on.")
public final class TokenRevokeCommand extends IdentityCommandBase {
    @Parameters(index = "0", paramLabel = "ID", description = "The token's id (see 'mcphub token list').")
    String id;

    @Override
    protected void execute() {
        var answer = identity().revokeToken(id);
        print(answerOr(answer, Json.object().put("id", id).put("revoked", true)), a -> "revoked token " + id);
    }
}
