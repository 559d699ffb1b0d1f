package io.mcphub.cli.command;

import io.mcphub.cli.common.CliContext;
import io.mcphub.cli.common.CliRoot;
import io.mcphub.cli.common.ExitCodes;
import io.mcphub.cli.common.Version;
import io.mcphub.cli.hub.HubClient;
import io.mcphub.cli.hub.HubSettings;
import io.mcphub.cli.hub.HubTarget;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * Base of every verb that talks to the hub: it brings {@code --help} and the hub connection, so a verb only maps its
 * options onto API calls. Failures are thrown as CliException and turned into a message and exit code in one place
 * (ErrorReporter). Verbs that render structured answers extend {@link ApiCommand}, which adds {@code -o}; a verb
 * whose answer is already text in a format the user chose (topology) has no use for {@code -o} and extends this.
 */
public abstract class HubVerb implements Callable<Integer> {
    @Spec
    protected CommandSpec spec;

    @Mixin
    HelpOption help;

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
}
