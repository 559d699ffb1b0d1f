package io.mcphub.deploy.runtime.log;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * An instance's log: {@code instance.log} plus {@code instance.log.1} (newest) … {@code .N-1} (oldest), rotated
 * before a line would overflow the current file. Whole lines only, so a reader never sees half a line across a
 * rotation. Thread-safe: the stdout and stderr pumps and the supervisor write to one log.
 */
public final class RotatingLog implements Closeable {

    public static final String FILE_NAME = "instance.log";

    private final Path dir;
    private final LogPolicy policy;
    private OutputStream out;
    private long size;

    public RotatingLog(Path dir, LogPolicy policy) {
        this.dir = dir;
        this.policy = policy;
        try {
            Files.createDirectories(dir);
            Path current = dir.resolve(FILE_NAME);
            size = Files.exists(current) ? Files.size(current) : 0;
            out = open(current);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the instance log in " + dir, e);
        }
    }

    public Path dir() {
        return dir;
    }

    /** Appends one line of the program's output; a line that does not fit a file at all is cut to fit. */
    public synchronized void line(String text) {
        byte[] bytes = (text + "\n").getBytes(StandardCharsets.UTF_8);
        try {
            if (size > 0 && size + bytes.length > policy.maxFileBytes()) {
                rotate();
            }
            int length = (int) Math.min(bytes.length, policy.maxFileBytes());
            out.write(bytes, 0, length);
            out.flush();
            size += length;
        } catch (IOException e) {
            // A full disk must not take the instance down with it; the line is lost and the next one retries.
            size = policy.maxFileBytes();
        }
    }

    /** A line from the runtime itself, marked and timestamped so it stands out from the program's own output. */
    public void event(String text) {
        line("[mcphub " + Instant.now().truncatedTo(ChronoUnit.MILLIS) + "] " + text);
    }

    @Override
    public synchronized void close() {
        try {
            out.close();
        } catch (IOException ignored) {
            // nothing more can be written either way
        }
    }

    private void rotate() throws IOException {
        out.close();
        Path current = dir.resolve(FILE_NAME);
        if (policy.maxFiles() == 1) {
            Files.delete(current);
        } else {
            Files.deleteIfExists(rotated(policy.maxFiles() - 1));
            for (int i = policy.maxFiles() - 2; i >= 1; i--) {
                Path from = rotated(i);
                if (Files.exists(from)) {
                    Files.move(from, rotated(i + 1), StandardCopyOption.REPLACE_EXISTING);
                }
            }
            Files.move(current, rotated(1), StandardCopyOption.REPLACE_EXISTING);
        }
        out = open(current);
        size = 0;
    }

    private Path rotated(int index) {
        return dir.resolve(FILE_NAME + "." + index);
    }

    private static OutputStream open(Path file) throws IOException {
        return Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE);
    }
}
