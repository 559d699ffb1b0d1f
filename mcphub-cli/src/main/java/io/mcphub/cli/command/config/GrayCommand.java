package io.mcphub.cli.command.config;

import com.fasterxml.jackson.databind.JsonNode;
import io.mcphub.cli.command.GroupCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "gray", description = {"Follow and finish a gray release started with 'config set KEY -f F --gray-labels"
        + " k=v' (or --gray-percent P)."},
        subcommands = {GrayCommand.Status.class, GrayCommand.Promote.class, GrayCommand.Abort.class})
public final class GrayCommand extends GroupCommand {

    /** Each gray verb acts on one document. */
    abstract static class OnKey extends ConfigCommandBase {
        @Parameters(index = "0", paramLabel = "KEY", description = "Document key.")
        String key;
    }

    @Command(name = "status", description = "The release in progress and which version each instance runs.")
    public static final class Status extends OnKey {

        @Override
        protected void execute() {
            JsonNode status = config().status(key);
            print(status, s -> (s.path("gray").isObject() ? ConfigStatusCommand.summary(s)
                    : key + ": no gray release in progress; every instance should run version " + s.path("stable").asLong())
                    + "\n" + ConfigStatusCommand.table(s.path("instances")).render());
        }
    }

    @Command(name = "promote", description = "Make the candidate the document's version: every instance gets it.")
    public static final class Promote extends OnKey {

        @Override
        protected void execute() {
            print(config().promoteGray(key), a -> "promoted " + key + " version " + a.path("version").asLong()
                    + ": every instance gets it now (follow with 'mcphub config status " + key + "')");
        }
    }

    @Command(name = "abort", description = "End the release: the chosen instances go back to the stable version.")
    public static final class Abort extends OnKey {

        @Override
        protected void execute() {
            print(config().abortGray(key), a -> "aborted the gray release of " + key + " version " + a.path("candidate").asLong()
                    + ": its instances go back to version " + a.path("stable").asLong());
        }
    }
}
