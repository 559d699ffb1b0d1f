package io.mcphub.security.crypto;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The install's root key: 256 random bits generated on first start and kept in one owner-only file, never in the
 * store. It only wraps data keys (envelope encryption), so the store alone — an etcd backup, say — reveals no
 * secret. Hubs sharing one etcd cluster must share this file.
 */
public final class MasterKey {

    public static final String FILE_NAME = "master.key";
    private static final String HEADER = "mcphub-master-key-v1";

    private final String id;
    private final SecretKey key;

    private MasterKey(String id, byte[] material) {
        this.id = id;
        this.key = new SecretKeySpec(material, "AES");
    }

    /** Loads {@code dataDir/master.key}, creating it (mode 0600) if absent. */
    public static MasterKey loadOrCreate(Path dataDir) {
        Path file = dataDir.resolve(FILE_NAME);
        try {
            if (!Files.exists(file)) {
                create(file);
            }
            return load(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the master key " + file
                    + "; check that the data directory is writable by this user", e);
        }
    }

    private static void create(Path file) throws IOException {
        byte[] material = new byte[32];
        SecureRandom random = new SecureRandom();
        random.nextBytes(material);
        byte[] idBytes = new byte[4];
        random.nextBytes(idBytes);
        String text = HEADER + " " + HexFormat.of().formatHex(idBytes) + " " + Base64.getEncoder().encodeToString(material) + "\n";
        Files.createDirectories(file.getParent());
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (FileAlreadyExistsException raced) {
            return; // another process created it first; use theirs
        }
        Files.writeString(file, text, StandardCharsets.US_ASCII, StandardOpenOption.TRUNCATE_EXISTING);
    }

    private static MasterKey load(Path file) throws IOException {
        String[] parts = Files.readString(file, StandardCharsets.US_ASCII).trim().split(" ");
        if (parts.length != 3 || !parts[0].equals(HEADER)) {
            throw new IOException(file + " is not an MCP Hub master key file");
        }
        byte[] material = Base64.getDecoder().decode(parts[2]);
        if (material.length != 32) {
            throw new IOException(file + " does not hold a 256-bit key");
        }
        return new MasterKey(parts[1], material);
    }

    /** Identifies the key in every envelope it wraps, so a future rotation can tell old envelopes from new. */
    public String id() {
        return id;
    }

    SecretKey secretKey() {
        return key;
    }

    @Override
    public String toString() {
        return "MasterKey[" + id + "]"; // never the material
    }
}
