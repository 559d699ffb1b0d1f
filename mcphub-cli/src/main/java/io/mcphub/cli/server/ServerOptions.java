package io.mcphub.cli.server;

import io.mcphub.hub.HubSettings;
import java.nio.file.Path;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Options every server command shares: where its data lives and where it listens. */
final class ServerOptions {

    @Mixin
    DataDirOption data;

    @Option(names = "--listen", paramLabel = "HOST:PORT", defaultValue = "127.0.0.1:" + HubSettings.DEFAULT_PORT,
            description = "Address to listen on (default: ${DEFAULT-VALUE}; port 0 picks a free one).")
    String listen;

    Path dataDir(Path home, String name) {
        return data.resolve(home, name);
    }
}
