package io.mcphub.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mcphub.cli.common.CliContext;
import io.mcphub.cli.common.CliRoot;
import io.mcphub.cli.common.ExitCodes;
import io.mcphub.cli.common.Version;
import io.mcphub.cli.hub.HubClient;
import io.mcphub.cli.hub.HubSettings;
import io.mcphub.cli.hub.HubTarget;
import io.mcphub.cli.output.OutputFormat;
import io.mcphub.cli.output.OutputFormatter;
import io.mcphub.cli.output.OutputOption;
import io.mcphub.cli.output.Table;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * Base of every verb that talks to the hub: it brings {@code --help}, {@code -o} and the hub connection, so a verb
 * only maps its options onto one API call and renders the answer. Failures are thrown as CliException and turned
 * into a message and exit code in one place (ErrorReporter).
 */
public abstract class ApiCommand implements Callable<Integer> {
    @Spec
    protected CommandSpec spec;

    @Mixin
    HelpOption help;

    @Mixin
    OutputOption output;

    private HubClient client;
    private int exitCode = ExitCodes.OK;

    @Override
    public final Integer call() throws Exception {
        try {
            execute();
            return exitCode;
        } finally {
            if (client != null) {
                client.close();
            }
        }
    }

    protected abstract void execute() throws Exception;

    /** For a verb whose answer is a verdict (audit verify): the result is printed in full, and scripts see it too. */
    protected void exitWith(int code) {
        exitCode = code;
    }

    protected CliRoot root() {
        return (CliRoot) spec.root().userObject();
    }

    protected CliContext cli() {
        return root().context();
    }

    /** Created on first use, so a verb that fails on its own input never needs a token. */
    protected HubClient hub() {
        if (client == null) {
            client = new HubClient(target(), cli(), Version.current());
        }
        return client;
    }

    /** Which hub, with which token; {@code mcphub login} has none yet and overrides this. */
    protected HubTarget target() {
        return HubSettings.resolve(cli(), root().hubUrl(), root().tokenFile());
    }

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
