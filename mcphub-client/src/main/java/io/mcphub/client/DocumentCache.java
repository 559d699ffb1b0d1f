package io.mcphub.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

/**
 * The last version of each document seen, one file per key, so that a service starts with its configuration while
 * the hub is unreachable. Files are written to a temporary name and renamed, so a crash never leaves half a file;
 * they are readable by the owner only, since a document may hold revealed secrets.
 */
final class DocumentCache {

    private final Path dir;
    private final ObjectMapper json;

    DocumentCache(Path dir, ObjectMapper json) {
        this.dir = dir;
        this.json = json;
    }

    void write(ConfigDocument doc) {
        ObjectNode entry = json.createObjectNode().put("key", doc.key()).put("version", doc.version());
        entry.set("content", doc.content());
        try {
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, ".tmp-", ".json", PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            try {
                Files.write(tmp, json.writeValueAsBytes(entry));
                moveOver(tmp, file(doc.key()));
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the config cache " + file(doc.key()) + " (" + e.getMessage()
                    + "); give the service write access to its cache directory", e);
        }
    }

    /** The cached version of {@code key}, if any; an unreadable file counts as none (the hub's copy will replace it). */
    Optional<ConfigDocument> read(String key) {
        Path file = file(key);
        try {
            if (!Files.isRegularFile(file)) {
                return Optional.empty();
            }
            JsonNode entry = json.readTree(file.toFile());
            return Optional.of(new ConfigDocument(key, entry.path("version").asLong(), entry.path("content"), true));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Keys hold only lower-case letters, digits, '.', '_', '-' and one '/', so '/' → '~' names a file unambiguously. */
    Path file(String key) {
        return dir.resolve(key.replace('/', '~') + ".json");
    }

    private static void moveOver(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
