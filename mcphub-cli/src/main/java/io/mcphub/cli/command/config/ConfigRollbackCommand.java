package io.mcphub.cli.command.config;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "rollback", description = "Publish an earlier version's content as the next version.")
public final class ConfigRollbackCommand extends ConfigCommandBase {
    @Parameters(index = "0", paramLabel = "KEY", description = "Document key: SERVICE or SERVICE/NAME.")
    String key;

    @Option(names = "--to", required = true, paramLabel = "N", description = "The version whose content comes back.")
    long to;

    @Option(names = {"-m", "--message"}, paramLabel = "MSG", description = "Why, kept in the history.")
    String message;

    @Option(names = "--expect-version", paramLabel = "N",
            description = "Roll back only if the latest version is N, else fail with exit code 4.")
    Long expectVersion;

    @Override
    protected void execute() {
        var answer = config().rollback(key, to, message, expectVersion);
        print(answer, a -> Published.describeRollback(a, key, to));
    }
}
