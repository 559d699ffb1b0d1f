package io.mcphub.agent;

import io.mcphub.core.Json;
import io.mcphub.core.agentapi.ConfigFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/**
 * Writes an instance's configuration files into its working directory before it starts: each atomically (a
 * temporary file renamed over the old one, so a reader never sees half a document) and readable by the owner only,
 * since revealed secrets may be in it.
 */
final class ConfigFiles {

    private ConfigFiles() {}

    static void write(Path workdir, List<ConfigFile> files) throws IOException {
        Path root = workdir.toAbsolutePath().normalize();
        for (ConfigFile f : files) {
            Path target = root.resolve(f.path()).normalize();
            if (!target.startsWith(root) || target.equals(root)) {
                throw new IOException("config " + f.key() + " has path " + f.path() + ", which leaves the working"
                        + " directory; fix the service's config path in its stack");
            }
            Files.createDirectories(target.getParent());
            Path tmp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            try {
                Files.write(tmp, Json.JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(f.content()));
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
        }
    }
}
