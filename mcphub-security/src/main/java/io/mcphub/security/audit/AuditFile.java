package io.mcphub.security.audit;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The ndjson file Filebeat ships. Only the hub reads or writes it (directory 0700, file 0600): it names users and
 * resources. Each batch of lines goes out in one {@code write}, straight to the kernel, so a crash can cut at most
 * the last line short — and that event is safe in the store, which the log re-copies it from on restart.
 */
final class AuditFile implements AutoCloseable {

    static final String DIRECTORY = "audit";
    static final String NAME = "audit.ndjson";

    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    private static final Set<PosixFilePermission> DIR_MODE = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> FILE_MODE = PosixFilePermissions.fromString("rw-------");
    private static final int MAX_LINE = 16 * 1024 * 1024;

    private final Path path;
    private FileChannel channel;
    private Object fileKey;

    private AuditFile(Path path) {
        this.path = path;
    }

    /** Opens (creating) {@code dataDir/audit/audit.ndjson} for appending. */
    static AuditFile open(Path dataDir) throws IOException {
        Path dir = dataDir.resolve(DIRECTORY);
        Files.createDirectories(dir, attributes(DIR_MODE));
        if (POSIX) {
            Files.setPosixFilePermissions(dir, DIR_MODE);
        }
        AuditFile file = new AuditFile(dir.resolve(NAME));
        file.reopen();
        return file;
    }

    Path path() {
        return path;
    }

    /**
     * Reopens the path if log rotation renamed or removed the file we hold, so new lines land where Filebeat looks.
     * Returns whether a new file was started.
     */
    boolean followRotation() throws IOException {
        Object current;
        try {
            current = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
        } catch (NoSuchFileException e) {
            current = null;
        }
        if (channel != null && current != null && Objects.equals(current, fileKey)) {
            return false;
        }
        reopen();
        return true;
    }

    void append(List<byte[]> lines) throws IOException {
        int size = lines.stream().mapToInt(l -> l.length + 1).sum();
        ByteBuffer buffer = ByteBuffer.allocate(size);
        lines.forEach(l -> buffer.put(l).put((byte) '\n'));
        buffer.flip();
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }

    /**
     * Drops a line a crash cut short (the file does not end with a newline) so that the next append does not glue
     * onto it; returns how many bytes went. The event it held is in the store.
     */
    long dropCutShortTail() throws IOException {
        try (FileChannel rw = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long size = rw.size();
            long complete = size == 0 ? 0 : lastIndexOf(rw, size - 1) + 1;
            if (complete < size) {
                rw.truncate(complete);
            }
            return size - complete;
        }
    }

    /** The last complete line, or null if there is none; a line over 16 MiB is not ours and reads as "". */
    String lastLine() throws IOException {
        try (FileChannel r = FileChannel.open(path, StandardOpenOption.READ)) {
            long size = r.size();
            long end = size == 0 ? -1 : lastIndexOf(r, size - 1);
            if (end < 0) {
                return null;
            }
            long start = lastIndexOf(r, end - 1) + 1;
            if (end - start > MAX_LINE) {
                return "";
            }
            ByteBuffer line = ByteBuffer.allocate((int) (end - start));
            while (line.hasRemaining() && r.read(line, start + line.position()) >= 0) {
                // a positional read may return fewer bytes than asked
            }
            return new String(line.array(), StandardCharsets.UTF_8);
        }
    }

    /** Moves the file aside (kept as evidence) and starts an empty one; returns where it went. */
    Path moveAside(String suffix) throws IOException {
        Path aside = path.resolveSibling(NAME + "." + suffix);
        close();
        Files.move(path, aside);
        reopen();
        return aside;
    }

    @Override
    public void close() throws IOException {
        if (channel != null) {
            channel.close();
            channel = null;
        }
    }

    private void reopen() throws IOException {
        close();
        channel = FileChannel.open(path, Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND), attributes(FILE_MODE));
        if (POSIX) {
            Files.setPosixFilePermissions(path, FILE_MODE);
        }
        fileKey = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
    }

    /** Position of the last newline at or before {@code from}, or -1. */
    private static long lastIndexOf(FileChannel ch, long from) throws IOException {
        ByteBuffer chunk = ByteBuffer.allocate(8192);
        long pos = from + 1;
        while (pos > 0) {
            int n = (int) Math.min(chunk.capacity(), pos);
            pos -= n;
            chunk.clear().limit(n);
            while (chunk.hasRemaining() && ch.read(chunk, pos + chunk.position()) >= 0) {
                // a positional read may return fewer bytes than asked
            }
            for (int i = n - 1; i >= 0; i--) {
                if (chunk.get(i) == '\n') {
                    return pos + i;
                }
            }
        }
        return -1;
    }

    private static FileAttribute<?>[] attributes(Set<PosixFilePermission> mode) {
        return POSIX ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(mode)} : new FileAttribute<?>[0];
    }
}
