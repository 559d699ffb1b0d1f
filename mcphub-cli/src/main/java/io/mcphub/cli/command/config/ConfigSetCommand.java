package io.mcphub.cli.command.config;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mcphub.cli.command.InputFiles;
import io.mcphub.cli.common.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "set", description = {"Publish a document as its next version (nothing is written if it is unchanged).",
        "With --gray-labels or --gray-percent, publish it to those instances only (a gray release); finish with",
        "'config gray promote KEY' or 'config gray abort KEY'."})
public final class ConfigSetCommand extends ConfigCommandBase {
    @Parameters(index = "0", paramLabel = "KEY", description = "Document key: SERVICE or SERVICE/NAME.")
    String key;

    @Option(names = {"-f", "--file"}, required = true, paramLabel = "FILE",
            description = "The document: .json, .yaml or .yml (other names and - for stdin: detected by the hub).")
    String file;

    @Option(names = "--schema", paramLabel = "FILE", description = "A JSON Schema (JSON or YAML) to set in the same write.")
    String schemaFile;

    @Option(names = {"-m", "--message"}, paramLabel = "MSG", description = "Why, kept in the history.")
    String message;

    @Option(names = "--expect-version", paramLabel = "N",
            description = "Publish only if the latest version is N, else fail with exit code 4.")
    Long expectVersion;

    @Option(names = "--gray-labels", split = ",", paramLabel = "K=V",
            description = "Gray release to the instances with all these labels (node or service labels, or instance=,"
                    + " service=, stack=, node=).")
    java.util.Map<String, String> grayLabels;

    @Option(names = "--gray-percent", paramLabel = "P", description = "Gray release to P%% of the instances (1-99).")
    Integer grayPercent;

    @Override
    protected void execute() {
        ObjectNode envelope = Json.object();
        envelope.put("content", InputFiles.read(cli(), file));
        String format = InputFiles.format(file);
        if (format != null) {
            envelope.put("format", format);
        }
        if (message != null) {
            envelope.put("message", message);
        }
        if (expectVersion != null) {
            envelope.put("expectVersion", expectVersion);
        }
        if (grayLabels != null && grayPercent != null) {
            throw io.mcphub.cli.common.CliException.usage("a gray release chooses its instances by labels or by percent;"
                    + " give exactly one of --gray-labels k=v and --gray-percent P");
        }
        if (grayLabels != null || grayPercent != null) {
            if (schemaFile != null) {
                throw io.mcphub.cli.common.CliException.usage("--schema cannot be"
                        + " set in a gray release (every instance checks against one schema); set it first with"
                        + " 'config schema set " + key + " -f " + schemaFile + "'");
            }
            if (grayLabels != null) {
                envelope.set("labels", Json.JSON.valueToTree(grayLabels));
            }
            if (grayPercent != null) {
                envelope.put("percent", grayPercent);
            }
            var answer = config().startGray(key, envelope, InputFiles.displayName(file));
            print(answer, a -> Published.describeGray(a, key));
            return;
        }
        if (schemaFile != null) {
            envelope.set("schema", InputFiles.parse(cli(), schemaFile));
        }
        var answer = config().publish(key, envelope, InputFiles.displayName(file));
        print(answer, a -> Published.describe(a, key));
    }
}
