package io.mcphub.cli.command.policy;

import io.mcphub.cli.common.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "delete", description = "Delete one policy: what it granted is denied from now on.")
public final class PolicyDeleteCommand extends PolicyCommandBase {
    @Parameters(index = "0", paramLabel = "NAME", description = "The policy's name.")
    String name;

    @Override
    protected void execute() {
        var answer = policies().delete(name);
        print(answerOr(answer, Json.object().put("name", name).put("deleted", true)), a -> "deleted policy " + name);
    }
}
