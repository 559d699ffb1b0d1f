package io.mcphub.cli.command.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import io.mcphub.cli.command.InputFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "update", description = {"Publish a service's configuration and roll it out: instances whose stack"
        + " says reload: restart or file restart one at a time with the new document; reload: live services read it themselves.",
        "The document goes to the service's only config key, or --key, or a key named after the service."})
public final class ServiceUpdateCommand extends ClusterCommandBase {
    @Option(names = "--name", required = true, paramLabel = "SERVICE", description = "SERVICE, or STACK/SERVICE.")
    String name;

    @Option(names = "--config", required = true, paramLabel = "FILE", description = "The new document, JSON or YAML ('-' reads stdin).")
    String file;

    @Option(names = "--key", paramLabel = "KEY", description = "The config key to publish to, when the service uses several.")
    String key;

    @Option(names = {"-m", "--message"}, paramLabel = "MSG", description = "Why, kept in the config history.")
    String message;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "60",
            description = "How long each instance may take to be healthy again (default ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    @Override
    protected void execute() {
        JsonNode answer = cluster().updateService(name, key, InputFiles.read(cli(), file), InputFiles.format(file),
                message, timeoutSeconds, InputFiles.displayName(file));
        print(answer, ServiceUpdateCommand::human);
    }

    private static String human(JsonNode a) {
        String published = a.path("changed").asBoolean() ? "published " + a.path("key").asText() + " version " + a.path("version").asLong()
                : a.path("key").asText() + " is unchanged at version " + a.path("version").asLong();
        String rolled = a.path("restarted").isEmpty() ? a.path("note").asText("") : ServiceRestartCommand.human(a);
        return published + (rolled.isBlank() ? "" : "\n" + rolled);
    }
}
