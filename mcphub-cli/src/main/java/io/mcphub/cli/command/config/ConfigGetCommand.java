package io.mcphub.cli.command.config;

import io.mcphub.cli.common.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Prints the document itself, never wrapped: as written by default, the hub's JSON view with -o json (so it pipes
 * into jq; re-indented like every other -o json, the value untouched), YAML with -o yaml.
 */
@Command(name = "get", description = "Print a document: as written (default), as JSON (-o json) or as YAML (-o yaml).")
public final class ConfigGetCommand extends ConfigCommandBase {
    @Parameters(index = "0", paramLabel = "KEY", description = "Document key: SERVICE or SERVICE/NAME.")
    String key;

    @Option(names = "--version", paramLabel = "N", description = "That version instead of the latest.")
    Long version;

    @Option(names = "--reveal", description = "Show secrets as secret://VALUE instead of ******.")
    boolean reveal;

    @Override
    protected void execute() {
        String text = switch (format()) {
            case TABLE -> config().document(key, version, "raw", reveal).text();
            case JSON -> Json.pretty(config().document(key, version, "json", reveal).json());
            case YAML -> Json.yaml(config().document(key, version, "json", reveal).json());
        };
        cli().out().print(text.isEmpty() || text.endsWith("\n") ? text : text + "\n");
    }
}
