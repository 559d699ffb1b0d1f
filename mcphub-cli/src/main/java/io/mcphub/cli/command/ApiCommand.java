package io.mcphub.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import io.mcphub.cli.common.CliContext;
import io.mcphub.cli.common.CliRoot;
import io.mcphub.cli.common.ExitCodes;
import io.mcphub.cli.common.Version;
import io.mcphub.cli.hub.HubClient;
import io.mcphub.cli.hub.HubSettings;
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

    @Override
    public final Integer call() throws Exception {
        try {
            execute();
            return ExitCodes.OK;
        } finally {
            if (client != null) {
                client.close();
            }
        }
    }

    protected abstract void execute() throws Exception;

    protected CliRoot root() {
        return (CliRoot) spec.root().userObject();
    }

    protected CliContext cli() {
        return root().context();
    }

    /** Created on first use, so a verb that fails on its own input never needs a token. */
    protected HubClient hub() {
        if (client == null) {
            CliRoot root = root();
            client = new HubClient(HubSettings.resolve(cli(), root.hubUrl(), root.tokenFile()), cli(),
                    Version.current());
        }
        return client;
    }

    protected OutputFormat format() {
        return output.format();
    }

    protected void print(JsonNode data, Function<JsonNode, String> human) {
        new OutputFormatter(format()).print(cli().out(), data, human);
    }

    protected void printTable(JsonNode data, Function<JsonNode, Table> view) {
        new OutputFormatter(format()).printTable(cli().out(), cli().err(), data, view);
    }
}
