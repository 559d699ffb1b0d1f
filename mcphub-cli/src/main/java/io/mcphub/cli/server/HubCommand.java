package io.mcphub.cli.server;

import io.mcphub.cli.common.CliRoot;
import io.mcphub.hub.HubSettings;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code mcphub hub}: a hub on a chosen store; several hubs may share one etcd cluster. */
@Command(name = "hub", mixinStandardHelpOptions = true,
        description = {"Run a hub in the foreground on the embedded store or on etcd, and write DATA_DIR/cli.env.",
                "Hubs sharing an etcd cluster must share DATA_DIR/master.key, which seals the secrets."})
public final class HubCommand implements Callable<Integer> {

    @ParentCommand
    CliRoot root;

    @Option(names = "--store", paramLabel = "SPEC", defaultValue = "embedded",
            description = "'embedded' (default) or etcd://HOST:PORT[,HOST:PORT...].")
    String store;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Master key, cli.env and the embedded store (default: ~/.mcphub/hub).")
    Path dataDir;

    @Option(names = "--listen", paramLabel = "HOST:PORT", defaultValue = "127.0.0.1:" + HubSettings.DEFAULT_PORT,
            description = "Address to listen on (default: ${DEFAULT-VALUE}).")
    String listen;

    @Override
    public Integer call() {
        Path dir = dataDir != null ? dataDir : root.context().home().resolve(".mcphub").resolve("hub");
        return HubRunner.run(root.context(), store, dir, listen);
    }
}
