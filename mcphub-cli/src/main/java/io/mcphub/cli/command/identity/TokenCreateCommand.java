package io.mcphub.cli.command.identity;

import io.mcphub.cli.common.CliException;
import io.mcphub.cli.output.Cells;
import io.mcphub.cli.output.OutputFormat;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The token's text is the one line on stdout, so {@code TOKEN=$(mcphub token create --name ci)} works; the
 * warning that it will not be shown again goes to stderr, where it cannot end up in the variable.
 */
@Command(name = "create", description = "Create an API token and print it, once: the hub keeps only its hash.")
public final class TokenCreateCommand extends IdentityCommandBase {
    @Option(names = "--name", required = true, paramLabel = "NAME", description = "What the token is for, e.g. ci-deploy.")
    String name;

    @Option(names = "--expires", paramLabel = "AGE", description = "Lifetime such as 30d, 12h or 90m (default: never expires).")
    String expires;

    @Option(names = "--permissions", split = ",", paramLabel = "PERMISSION",
            description = "Limit the token to these of your permissions, comma-separated (default: all of yours).")
    List<String> permissions;

    @Override
    protected void execute() {
        var answer = identity().createToken(name, expires, permissions);
        if (format() != OutputFormat.TABLE) {
            print(answer, a -> "");
            return;
        }
        String token = answer.path("token").asText("");
        if (token.isEmpty()) {
            throw CliException.failed("the hub created token " + Cells.text(answer.path("id")) + " but did not send its text;"
                    + " revoke it with 'mcphub token revoke ID' and report this");
        }
        cli().out().println(token);
        cli().err().println("created token " + Cells.text(answer.path("id")) + " (" + name + ", expires "
                + TokenCells.expires(answer) + "); copy it now, it will not be shown again");
    }
}
