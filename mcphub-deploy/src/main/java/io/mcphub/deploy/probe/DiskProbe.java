package io.mcphub.deploy.probe;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** Size and free space of the filesystem holding the agent's data directory, where services' files go. */
final class DiskProbe implements NodeProbe {

    static final String NAME = "disk";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Duration refreshEvery() {
        return Duration.ofMinutes(1);
    }

    @Override
    public void probe(ProbeContext ctx, NodeFacts.Builder facts) throws IOException {
        Path dir = ctx.dataDir().toAbsolutePath();
        // On first start the data directory may not exist yet; it will be created on the filesystem of its parent.
        while (!Files.exists(dir) && dir.getParent() != null) {
            dir = dir.getParent();
        }
        FileStore store = Files.getFileStore(dir);
        facts.disk(new NodeFacts.Disk(ctx.dataDir().toAbsolutePath().toString(),
                store.getTotalSpace() >> 20, store.getUsableSpace() >> 20));
    }
}
