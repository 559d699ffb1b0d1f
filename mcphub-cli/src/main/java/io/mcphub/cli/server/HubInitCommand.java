package io.mcphub.cli.server;

import io.mcphub.cli.common.CliException;
import io.mcphub.cli.common.ExitCodes;
import io.mcphub.cli.common.IoReasons;
import io.mcphub.core.error.ProblemException;
import io.mcphub.hub.Hub;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code mcphub hub init}: prepare a data directory and set the admin password yourself, for installs where a
 * generated password printed on first start is not acceptable (automation, HA replicas).
 */
@Command(name = "init", mixinStandardHelpOptions = true,
        description = "Initialise the hub's data directory and store, setting the admin password from a file.")
public final class HubInitCommand implements Callable<Integer> {

    @ParentCommand
    HubCommand hub;

    @Mixin
    DataDirOption data;

    @Option(names = "--admin-password-file", paramLabel = "FILE", required = true,
            description = "File whose first line is the admin password (at least 12 characters, not a well-known default).")
    Path passwordFile;

    @Override
    public Integer call() {
        char[] password = readFirstLine(passwordFile);
        Path dataDir = data.resolve(hub.root.context().home(), "hub");
        try {
            Hub.init(hub.store, dataDir, password);
        } catch (ProblemException e) {
            throw new CliException(ExitCodes.FAILED, e.detail() + " (from " + passwordFile + ")");
        } finally {
            Arrays.fill(password, '\0');
        }
        hub.root.context().out().println("initialised " + dataDir + " on " + hub.store + "; user admin has the password from " + passwordFile);
        return ExitCodes.OK;
    }

    private static char[] readFirstLine(Path file) {
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            return lines.isEmpty() ? new char[0] : lines.get(0).toCharArray();
        } catch (IOException e) {
            throw new CliException(ExitCodes.FAILED, "cannot read the admin password from " + file + " (" + IoReasons.of(e)
                    + "); write it on the first line of a file only you can read");
        }
    }
}
