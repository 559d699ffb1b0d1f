package io.mcphub.cli.server;

import io.mcphub.hub.HubSettings;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Options every server command shares: where its data lives and where it listens. */
final class ServerOptions {

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Where the hub keeps its data (default: ~/.mcphub/COMMAND).")
    Path dataDir;

    @Option(names = "--listen", paramLabel = "HOST:PORT", defaultValue = "127.0.0.1:" + HubSettings.DEFAULT_PORT,
            description = "Address to listen on (default: ${DEFAULT-VALUE}; port 0 picks a free one).")
    String listen;

    /** {@code --data-dir}, else {@code ~/.mcphub/NAME}. */
    Path dataDir(Path home, String name) {
        return dataDir != null ? dataDir : home.resolve(".mcphub").resolve(name);
    }
}
