package io.mcphub.cli.command.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import io.mcphub.cli.common.CliException;
import io.mcphub.cli.output.Cells;
import io.mcphub.cli.output.OutputFormat;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The token is the one line on stdout, so {@code T=$(mcphub node token create)} works; how to use it goes to stderr,
 * where it cannot end up in the variable.
 */
@Command(name = "create", description = "Create a one-time join token for a new node and print it: the hub keeps only its hash.")
public final class NodeTokenCreateCommand extends ClusterCommandBase {
    @Option(names = "--ttl", paramLabel = "AGE",
            description = "How long the token may be used, such as 90m, 12h or 1d (default: the hub's, 1h).")
    String ttl;

    @Option(names = "--labels", split = ",", paramLabel = "KEY=VALUE",
            description = "Labels the joining node gets, comma-separated, e.g. zone=eu,gpu=true.")
    Map<String, String> labels;

    @Override
    protected void execute() {
        JsonNode answer = nodes().createJoinToken(ttl, labels);
        if (format() != OutputFormat.TABLE) {
            print(answer, a -> "");
            return;
        }
        String token = answer.path("token").asText("");
        if (token.isEmpty()) {
            throw CliException.failed("the hub did not send the join token's text; create another one and report this");
        }
        cli().out().println(token);
        cli().err().println("use it once within " + (ttl != null ? ttl : remaining(answer.path("expiresAt")))
                + " (until " + Cells.time(answer.path("expiresAt")) + "): mcphub agent --hub " + hub().target().url()
                + " --join-token " + token);
    }

    /** The hub's default lifetime, read off the expiry rather than assumed: {@code 1h}, {@code 45m}, {@code 2d}. */
    private static String remaining(JsonNode expiresAt) {
        Instant until;
        try {
            until = expiresAt.isIntegralNumber() ? Instant.ofEpochMilli(expiresAt.asLong()) : Instant.parse(expiresAt.asText());
        } catch (DateTimeParseException e) {
            return "its lifetime";
        }
        long minutes = Math.max(1, Math.round(Duration.between(Instant.now(), until).toSeconds() / 60.0));
        if (minutes % (24 * 60) == 0) {
            return minutes / (24 * 60) + "d";
        }
        return minutes % 60 == 0 ? minutes / 60 + "h" : minutes + "m";
    }
}
