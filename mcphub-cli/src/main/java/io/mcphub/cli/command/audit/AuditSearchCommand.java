package io.mcphub.cli.command.audit;

import com.fasterxml.jackson.databind.JsonNode;
import io.mcphub.cli.common.CliException;
import io.mcphub.cli.output.Cells;
import io.mcphub.cli.output.Table;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "search", description = {"Find audit events, newest first; every filter is optional.",
        "Times are ISO-8601 (2025-01-31T12:00:00Z, 2025-01-31) or an age such as 15m, 2h, 7d (that long ago)."})
public final class AuditSearchCommand extends AuditCommandBase {
    private static final List<String> OUTCOMES = List.of("success", "failure");

    @Option(names = "--actor", paramLabel = "USER", description = "Who acted.")
    String actor;

    @Option(names = "--action", paramLabel = "ACTION", description = "What they did, e.g. config.publish, auth.login.")
    String action;

    @Option(names = "--resource", paramLabel = "NAME", description = "What it was done to, e.g. payment.")
    String resource;

    @Option(names = "--outcome", paramLabel = "OUTCOME", completionCandidates = Outcomes.class,
            description = "success or failure.")
    String outcome;

    @Option(names = "--since", paramLabel = "TIME", converter = TimeArgument.class, description = "Events at or after TIME.")
    Instant since;

    @Option(names = "--until", paramLabel = "TIME", converter = TimeArgument.class, description = "Events before TIME.")
    Instant until;

    @Option(names = "--limit", paramLabel = "N", description = "At most N events (the hub's default if not given).")
    Integer limit;

    @Override
    protected void execute() {
        String wanted = outcome == null ? null : outcome.strip().toLowerCase(Locale.ROOT);
        if (wanted != null && !OUTCOMES.contains(wanted)) {
            throw CliException.usage("'" + outcome + "' is not an outcome; use success or failure");
        }
        if (limit != null && limit < 1) {
            throw CliException.usage("--limit must be at least 1");
        }
        if (since != null && until != null && !since.isBefore(until)) {
            throw CliException.usage("--since " + since + " is not before --until " + until + "; swap them");
        }
        JsonNode answer = audit().search(new AuditApi.Filter(actor, action, resource, wanted, since, until, limit));
        printTable(answer, AuditSearchCommand::table);
    }

    /** The ECS fields docs/security.md names, nested as the hub writes them. */
    static Table table(JsonNode answer) {
        JsonNode events = answer.isArray() ? answer : answer.path("events");
        Table table = Table.of("TIME", "ACTOR", "ACTION", "RESOURCE", "OUTCOME", "STATUS", "SOURCE")
                .whenEmpty("no audit events match");
        events.forEach(e -> table.row(Cells.time(e.path("@timestamp")), Cells.text(e.at("/user/name")),
                Cells.text(e.at("/event/action")), Cells.text(e.at("/mcphub/resource")), Cells.text(e.at("/event/outcome")),
                Cells.text(e.at("/http/response/status_code")),
                Cells.text(e.at("/source/ip").isMissingNode() ? e.at("/source/address") : e.at("/source/ip"))));
        return table;
    }

    static final class Outcomes implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return OUTCOMES.iterator();
        }
    }
}
