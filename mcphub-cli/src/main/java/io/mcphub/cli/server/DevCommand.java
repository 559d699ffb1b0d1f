package io.mcphub.cli.server;

import io.mcphub.cli.common.CliRoot;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/** {@code mcphub dev}: the whole product on one machine, on the embedded store, in the foreground. */
@Command(name = "dev", mixinStandardHelpOptions = true,
        description = {"Start a hub on the embedded store in the foreground and write DATA_DIR/cli.env,",
                "so that 'set -a; . DATA_DIR/cli.env' points every CLI command at it. Ctrl-C stops it."})
public final class DevCommand implements Callable<Integer> {

    @ParentCommand
    CliRoot root;

    @Mixin
    ServerOptions server;

    @Override
    public Integer call() {
        return HubRunner.run(root.context(), "embedded", server, "dev", true);
    }
}
