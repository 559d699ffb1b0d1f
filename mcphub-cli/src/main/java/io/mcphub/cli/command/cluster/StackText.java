package io.mcphub.cli.command.cluster;

import io.mcphub.cli.command.InputFiles;
import io.mcphub.cli.common.CliContext;

/** A stack as sent to the hub: its text, its media type, and the file name the hub's errors should carry. */
record StackText(String text, String contentType, String source) {
    static final String JSON = "application/json";
    static final String YAML = "application/yaml";

    /** The file as written; only .json is sent as JSON, anything else (and stdin) as YAML, its superset. */
    static StackText read(CliContext cli, String file) {
        return new StackText(InputFiles.read(cli, file), "json".equals(InputFiles.format(file)) ? JSON : YAML,
                InputFiles.displayName(file));
    }
}
