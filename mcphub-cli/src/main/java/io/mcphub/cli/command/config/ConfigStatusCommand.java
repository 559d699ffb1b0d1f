package io.mcphub.cli.command.config;

import com.fasterxml.jackson.databind.JsonNode;
import io.mcphub.cli.output.Cells;
import io.mcphub.cli.output.Table;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "status", description = {"Which version of a document each instance using it runs.",
        "-o json prints the instances: [{instance, service, node, state, reload, version, desired, candidate}]."})
public final class ConfigStatusCommand extends ConfigCommandBase {
    @Parameters(index = "0", paramLabel = "KEY", description = "Document key: SERVICE or SERVICE/NAME.")
    String key;

    @Override
    protected void execute() {
        JsonNode status = config().status(key);
        print(status.path("instances"), instances -> summary(status) + "\n" + table(instances).render());
    }

    /** One line: the stable version, and the gray release if one runs. */
    static String summary(JsonNode status) {
        String key = status.path("key").asText();
        JsonNode gray = status.path("gray");
        String line = key + ": version " + status.path("stable").asLong();
        if (gray.isObject()) {
            long chosen = 0;
            for (JsonNode i : status.path("instances")) {
                chosen += i.path("candidate").asBoolean() ? 1 : 0;
            }
            line += "; gray release of version " + gray.path("candidate").asLong() + " to " + selector(gray) + " ("
                    + chosen + " of " + status.path("instances").size() + " instances)";
        }
        return line;
    }

    static String selector(JsonNode gray) {
        if (gray.hasNonNull("percent")) {
            return gray.path("percent").asInt() + "%";
        }
        java.util.List<String> pairs = new java.util.ArrayList<>();
        gray.path("labels").fields().forEachRemaining(e -> pairs.add(e.getKey() + "=" + e.getValue().asText()));
        return String.join(",", pairs);
    }

    static Table table(JsonNode instances) {
        Table table = Table.of("INSTANCE", "SERVICE", "NODE", "STATE", "RELOAD", "VERSION", "SHOULD RUN")
                .whenEmpty("no instance uses this document");
        instances.forEach(i -> table.row(Cells.text(i.path("instance")), Cells.text(i.path("service")),
                Cells.text(i.path("node")), Cells.text(i.path("state")), Cells.text(i.path("reload")), version(i),
                i.path("desired").asText() + (i.path("candidate").asBoolean() ? " (gray)" : "")));
        return table;
    }

    /** A live document is read by the service itself, so only the service knows which version it has. */
    private static String version(JsonNode instance) {
        if (instance.hasNonNull("version")) {
            return instance.path("version").asText();
        }
        return "live".equals(instance.path("reload").asText()) ? "(service reads it)" : Cells.NONE;
    }
}
