package io.mcphub.cli.command.cluster;

import io.mcphub.cli.command.HubVerb;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The hub renders the topology; the CLI prints its text untouched, so {@code mcphub topology --format=graphviz | dot
 * -Tsvg} works. No {@code -o}: --format already is the choice of output.
 */
@Command(name = "topology", description = {
        "Show the deployed stacks: services with their dependencies, nodes with their instances.",
        "graphviz is DOT (pipe it to 'dot -Tsvg > topology.svg'), mermaid a flowchart for Markdown, json for scripts."})
public final class TopologyCommand extends HubVerb {
    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "json", converter = Format.class,
            completionCandidates = Format.class, description = "graphviz (or dot), mermaid or json (default).")
    String format;

    @Option(names = "--stack", paramLabel = "NAME", description = "Only this stack (default: every stack, one after another).")
    String stack;

    @Override
    protected void execute() {
        String text = new ClusterApi(hub()).topology(format, stack);
        if (text.isBlank() || text.strip().equals("[]")) { // the hub answers one graph per stack, JSON as an array
            cli().err().println("no stacks deployed yet; deploy one with 'mcphub apply -f FILE'");
            return;
        }
        cli().out().print(text.endsWith("\n") ? text : text + "\n");
    }

    /** The formats the hub renders, checked here so a typo is a usage error (exit 2) before any request. */
    static final class Format implements CommandLine.ITypeConverter<String>, Iterable<String> {
        private static final List<String> NAMES = List.of("graphviz", "mermaid", "json");

        @Override
        public String convert(String value) {
            String name = value.strip().toLowerCase(Locale.ROOT);
            if (name.equals("dot")) {
                return "graphviz";
            }
            if (!NAMES.contains(name)) {
                throw new CommandLine.TypeConversionException(
                        "'" + value + "' is not a topology format; use graphviz, mermaid or json");
            }
            return name;
        }

        @Override
        public Iterator<String> iterator() {
            return NAMES.iterator();
        }
    }
}
