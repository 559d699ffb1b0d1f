package io.mcphub.cli.output;

import com.fasterxml.jackson.databind.JsonNode;
import io.mcphub.cli.common.Json;
import java.io.PrintStream;
import java.util.function.Function;

/**
 * Renders one command result in the format the user asked for: the command supplies the data (what json and yaml
 * print) and its human view (a {@link Table} or a sentence) for the table format.
 */
public final class OutputFormatter {
    private final OutputFormat format;

    public OutputFormatter(OutputFormat format) {
        this.format = format;
    }

    public OutputFormat format() {
        return format;
    }

    public String render(JsonNode data, Function<JsonNode, String> human) {
        return switch (format) {
            case TABLE -> withNewline(human.apply(data));
            case JSON -> Json.pretty(data) + "\n";
            case YAML -> Json.yaml(data);
        };
    }

    /** Prints the result; an empty table prints its note on stderr instead, as kubectl's "No resources found". */
    public void printTable(PrintStream out, PrintStream err, JsonNode data, Function<JsonNode, Table> view) {
        if (format == OutputFormat.TABLE) {
            Table table = view.apply(data);
            if (table.isEmpty() && table.emptyNote() != null) {
                err.println(table.emptyNote());
                return;
            }
            out.print(table.render());
            return;
        }
        out.print(render(data, d -> ""));
    }

    public void print(PrintStream out, JsonNode data, Function<JsonNode, String> human) {
        out.print(render(data, human));
    }

    static String withNewline(String text) {
        return text.isEmpty() || text.endsWith("\n") ? text : text + "\n";
    }
}
