package io.mcphub.cli.command.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Option;

/** What apply and deploy share: a stack goes to the hub, the plan comes back and is printed the same way. */
abstract class StackApplyBase extends ClusterCommandBase {
    @Option(names = "--dry-run", description = "Show the plan (which node, which runtime, and why); change nothing.")
    boolean dryRun;

    protected JsonNode submit(StackText stack) {
        return cluster().apply(stack, dryRun);
    }

    protected void report(JsonNode answer) {
        print(answer, a -> PlanReport.applied(a, dryRun));
    }
}
