package io.mcphub.cli.command.policy;

import io.mcphub.cli.output.Cells;
import io.mcphub.cli.output.Table;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** A query, not a check: "denied" is an answer, so the exit code is 0 either way and scripts read ALLOWED or -o json. */
@Command(name = "explain", description = "Say whether a user may do something, and which policy grants it or why not.")
public final class PolicyExplainCommand extends PolicyCommandBase {
    @Option(names = "--user", required = true, paramLabel = "NAME", description = "The user to ask about.")
    String user;

    @Option(names = "--permission", required = true, paramLabel = "VERB:TYPE", description = "The permission, e.g. write:config.")
    String permission;

    @Option(names = "--resource", paramLabel = "NAME", description = "The resource it applies to, e.g. payment.")
    String resource;

    @Override
    protected void execute() {
        printTable(policies().explain(user, permission, resource), e -> Table.of("ALLOWED", "POLICY", "GRANT", "REASON")
                .row(Cells.yesNo(e.path("allowed")), Cells.text(e.path("policy")), Cells.text(e.path("grant")),
                        Cells.text(e.path("reason"))));
    }
}
