package io.mcphub.cli.server;

import io.mcphub.cli.common.CliRoot;
import io.mcphub.hub.HubSettings;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code mcphub dev}: the whole product on one machine, on the embedded store, in the foreground. */
@Command(name = "dev", mixinStandardHelpOptions = true,
        description = {"Start a hub on the embedded store in the foreground and write DATA_DIR/cli.env,",
                "so that 'set -a; . DATA_DIR/cli.env' points every CLI command at it. Ctrl-C stops it."})
public final class DevCommand implements Callable<Integer> {

    @ParentCommand
    CliRoot root;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Where the hub keeps its data (default: ~/.mcphub/dev).")
    Path dataDir;

    @Option(names = "--listen", paramLabel = "HOST:PORT", defaultValue = "127.0.0.1:" + HubSettings.DEFAULT_PORT,
            description = "Address to listen on (default: ${DEFAULT-VALUE}).")
    String listen;

    @Override
    public Integer call() {
        Path dir = dataDir != null ? dataDir : root.context().home().resolve(".mcphub").resolve("dev");
        return HubRunner.run(root.context(), "embedded", dir, listen);
    }
}
