package io.mcphub.cli.server;

import io.mcphub.cli.common.CliRoot;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.ScopeType;

/** {@code mcphub hub}: a hub on a chosen store; several hubs may share one etcd cluster. */
@Command(name = "hub", mixinStandardHelpOptions = true, subcommands = HubInitCommand.class,
        description = {"Run a hub in the foreground on the embedded store or on etcd, and write DATA_DIR/cli.env.",
                "Hubs sharing an etcd cluster must share DATA_DIR/master.key, which seals the secrets."})
public final class HubCommand implements Callable<Integer> {

    @ParentCommand
    CliRoot root;

    @Mixin
    ServerOptions server;

    @Option(names = "--store", paramLabel = "SPEC", defaultValue = "embedded", scope = ScopeType.INHERIT,
            description = "'embedded' (default) or etcd://HOST:PORT[,HOST:PORT...].")
    String store;

    @Override
    public Integer call() {
        return HubRunner.run(root.context(), store, server, "hub", false);
    }
}
