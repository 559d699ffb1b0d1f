package io.mcphub.cli.command.cluster;

import io.mcphub.cli.common.Json;
import io.mcphub.cli.output.OutputFormat;
import java.io.PrintStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "logs", description = {"Print what a service's instances wrote (stdout and stderr; for a stdio MCP"
        + " server, stderr), fetched from their nodes.",
        "Without --instance every instance's lines are printed as 'INSTANCE | line'; -o json prints one JSON object per line."})
public final class ServiceLogsCommand extends ClusterCommandBase {
    @Parameters(index = "0", paramLabel = "NAME", description = "SERVICE, or STACK/SERVICE when two stacks have one so named.")
    String name;

    @Option(names = {"-f", "--follow"}, description = "Keep printing new lines until interrupted (Ctrl-C).")
    boolean follow;

    @Option(names = "--instance", paramLabel = "ID", description = "Only this instance (ids are in 'mcphub service describe NAME').")
    String instance;

    @Option(names = "--tail", paramLabel = "N", defaultValue = "100", description = "Lines from before now to start with (default ${DEFAULT-VALUE}).")
    int tail;

    @Override
    protected void execute() {
        PrintStream out = cli().out();
        boolean json = format() != OutputFormat.TABLE;
        cluster().logs(name, instance, tail, follow, e -> {
            if (!e.has("line")) {
                return; // a keep-alive
            }
            out.println(json ? Json.compact(e) : instance != null ? e.path("line").asText()
                    : e.path("instance").asText() + " | " + e.path("line").asText());
            out.flush();
        });
    }
}
