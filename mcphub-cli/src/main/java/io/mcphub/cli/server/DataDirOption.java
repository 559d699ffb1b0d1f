package io.mcphub.cli.server;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --data-dir}: where a hub keeps its master key, cli.env and (embedded) store. */
final class DataDirOption {

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Where the hub keeps its data (default: ~/.mcphub/COMMAND).")
    Path dataDir;

    /** {@code --data-dir}, else {@code ~/.mcphub/NAME}. */
    Path resolve(Path home, String name) {
        return dataDir != null ? dataDir : home.resolve(".mcphub").resolve(name);
    }
}
