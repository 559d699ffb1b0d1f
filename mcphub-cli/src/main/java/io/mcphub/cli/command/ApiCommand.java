package io.mcphub.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mcphub.cli.output.OutputFormat;
import io.mcphub.cli.output.OutputFormatter;
import io.mcphub.cli.output.OutputOption;
import io.mcphub.cli.output.Table;
import java.util.function.Function;
import picocli.CommandLine.Mixin;

/**
 * A verb that talks to the hub and renders its answer with {@code -o table|json|yaml}: it only maps its options onto
 * one API call and supplies the human view of the answer; json and yaml print the answer itself.
 */
public abstract class ApiCommand extends HubVerb {
    @Mixin
    OutputOption output;

    protected OutputFormat format() {
        return output.format();
    }

    protected void print(JsonNode data, Function<JsonNode, String> human) {
        new OutputFormatter(format()).print(cli().out(), data, human);
    }

    /** The API does not promise a body for every write; say what we know when there is none. */
    protected static JsonNode answerOr(JsonNode answer, ObjectNode known) {
        return answer.isObject() ? answer : known;
    }

    protected void printTable(JsonNode data, Function<JsonNode, Table> view) {
        new OutputFormatter(format()).printTable(cli().out(), cli().err(), data, view);
    }
}
