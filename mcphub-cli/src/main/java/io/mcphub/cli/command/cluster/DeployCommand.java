package io.mcphub.cli.command.cluster;

import io.mcphub.cli.command.InputFiles;
import io.mcphub.cli.common.CliException;
import io.mcphub.cli.common.Json;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The seed's way to deploy: apply with the environment recorded and the nodes chosen on the command line. The edited
 * stack goes as JSON, so the hub's line:column errors would point into text the user never saw; when it is refused
 * with located errors, the file as written is checked once more (a dry run) to locate them in the user's file.
 */
@Command(name = "deploy", description = {"Deploy a stack file to an environment, optionally onto given nodes only.",
        "The same as 'mcphub apply -f FILE' with --env recorded as the stack's label env and --nodes set as every"
                + " service's placement.nodes; the plan is printed as apply prints it."})
public final class DeployCommand extends StackApplyBase {
    @Parameters(index = "0", paramLabel = "STACK_FILE_OR_TEMPLATE",
            description = "A stack file (.json, .yaml; - for stdin). Templates arrive with the template marketplace.")
    String stack;

    @Option(names = "--env", paramLabel = "ENV", description = "The environment, e.g. prod: recorded as the stack label env.")
    String env;

    @Option(names = "--nodes", split = ",", paramLabel = "NODE",
            description = "Run every service on these nodes only, comma-separated (replaces each service's placement.nodes).")
    List<String> nodes;

    @Override
    protected void execute() {
        StackEdits edits = StackEdits.of(env, nodes);
        if (!InputFiles.STDIN.equals(stack) && !isFile(stack)) {
            throw CliException.failed("no stack file or template named " + stack
                    + "; templates arrive with the template marketplace — pass a stack file");
        }
        StackText original = StackText.read(cli(), stack);
        if (edits.none()) {
            report(submit(original));
            return;
        }
        String edited = Json.compact(edits.applyTo(InputFiles.parse(stack, original.text())));
        try {
            report(submit(new StackText(edited, StackText.JSON, original.source())));
        } catch (CliException refused) {
            throw locatedInFile(refused, original);
        }
    }

    /** The file's own problems, located in it; the refusal as it came when the file alone passes. */
    private CliException locatedInFile(CliException refused, StackText original) {
        if (refused.details().isEmpty()) {
            return refused;
        }
        try {
            cluster().apply(original, true);
        } catch (CliException inFile) {
            if (!inFile.details().isEmpty()) {
                return inFile;
            }
        }
        return refused;
    }

    private static boolean isFile(String name) {
        try {
            return Files.isRegularFile(Path.of(name));
        } catch (InvalidPathException e) {
            return false;
        }
    }
}
