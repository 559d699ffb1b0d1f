package io.mcphub.cli.command.cluster;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "apply", description = {"Deploy a stack, or converge it to a changed file; --dry-run shows the plan only.",
        "The plan lists per service what happens (+ create, ~ update, - delete, = unchanged) and per instance on which"
                + " node and runtime, and why. A stack is applied whole or not at all (docs/stacks.md)."})
public final class ApplyCommand extends StackApplyBase {
    @Option(names = {"-f", "--file"}, required = true, paramLabel = "FILE",
            description = "The stack file: .json is sent as JSON, anything else (and - for stdin) as YAML.")
    String file;

    @Override
    protected void execute() {
        report(submit(StackText.read(cli(), file)));
    }
}
