package io.mcphub.cli.command.config;

import com.fasterxml.jackson.databind.node.ArrayNode;
import io.mcphub.cli.command.InputFiles;
import io.mcphub.cli.common.Json;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Sends the files as the user has them; the hub fans multi-service files out, validates everything, then writes
 * all documents atomically or none. Every file is read before anything is sent, so a typo in the fifth path does
 * not leave four documents published.
 */
@Command(name = "push", description = {"Publish many documents in one atomic write; --dry-run shows the change set only.",
        "A file {\"services\": {NAME: {…}, …}} becomes one document per service; any other file one document keyed "
                + "by its base name (services/time-mcp.json → time-mcp)."})
public final class ConfigPushCommand extends ConfigCommandBase {
    @Option(names = {"-f", "--file"}, required = true, arity = "1..*", paramLabel = "FILE",
            description = "Files to push (JSON or YAML); repeat -f or list several after one -f.")
    List<String> files;

    @Option(names = "--dry-run", description = "Validate and show what would change; write nothing.")
    boolean dryRun;

    @Option(names = {"-m", "--message"}, paramLabel = "MSG", description = "Why, kept in every document's history.")
    String message;

    @Override
    protected void execute() {
        ArrayNode payload = Json.JSON.createArrayNode();
        for (String file : files) {
            payload.addObject().put("name", file).put("content", InputFiles.read(cli(), file));
        }
        var answer = config().push(payload, message, dryRun);
        print(answer, a -> PushReport.render(a, dryRun));
    }
}
