package io.mcphub.agent;

import io.mcphub.core.Json;
import io.mcphub.core.agentapi.Assignments;
import io.mcphub.security.crypto.EnvelopeCipher;
import io.mcphub.security.crypto.MasterKey;
import io.mcphub.security.files.OwnerOnlyFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's copy of its last assignments, so a restarted agent whose hub is unreachable runs what it ran before.
 * Assignments carry revealed secrets and config files, so the copy is sealed (AES-256-GCM) under a key of the
 * node's own ({@code DATA_DIR/master.key}, owner-only) and written owner-only and atomically.
 */
final class AssignmentCache {

    private static final Logger LOG = LoggerFactory.getLogger(AssignmentCache.class);
    static final String FILE_NAME = "assignments.sealed";
    private static final String CONTEXT = "mcphub agent assignments";

    private final Path file;
    private final EnvelopeCipher cipher;

    AssignmentCache(Path dataDir) {
        this.file = dataDir.resolve(FILE_NAME);
        this.cipher = new EnvelopeCipher(MasterKey.loadOrCreate(dataDir));
    }

    void save(Assignments assignments) throws IOException {
        OwnerOnlyFile.write(file, cipher.seal(new String(Json.bytes(assignments), StandardCharsets.UTF_8), CONTEXT));
    }

    Optional<Assignments> load() {
        try {
            if (!Files.isRegularFile(file)) {
                return Optional.empty();
            }
            String plain = cipher.open(Files.readString(file).strip(), CONTEXT);
            return Optional.of(Json.read(plain.getBytes(StandardCharsets.UTF_8), Assignments.class));
        } catch (IOException | RuntimeException e) {
            LOG.warn("ignoring an unreadable assignments cache {}: {}", file, e.getMessage());
            return Optional.empty();
        }
    }
}
