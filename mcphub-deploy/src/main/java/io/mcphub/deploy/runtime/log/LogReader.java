package io.mcphub.deploy.runtime.log;

import io.mcphub.deploy.runtime.Subscription;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Reads an instance's {@link RotatingLog} the way {@code service logs NAME [--follow]} shows it: the last lines
 * across the rotated files, then (following) each new line as it is written, across rotations.
 */
public final class LogReader {

    private static final int BLOCK = 64 * 1024;
    private static final long POLL_MILLIS = 100;

    /** Where a runtime keeps an instance's log inside the instance directory. */
    public static final String INSTANCE_SUBDIR = "logs";

    private final Path dir;

    public LogReader(Path dir) {
        this.dir = dir;
    }

    /** The log of the instance whose directory this is, whether or not the instance still runs. */
    public static LogReader ofInstance(Path instanceDir) {
        return new LogReader(instanceDir.resolve(INSTANCE_SUBDIR));
    }

    public Path dir() {
        return dir;
    }

    /** The last {@code n} lines, oldest first; empty when nothing was logged yet. */
    public List<String> tail(int n) {
        try (FileChannel current = openCurrent()) {
            return tail(n, current, current == null ? 0 : boundary(current, current.size()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the log in " + dir, e);
        }
    }

    /**
     * Delivers the last {@code lastN} lines and then every new line to {@code sink}, on a thread of its own, until
     * the returned subscription is closed.
     */
    public Subscription follow(int lastN, Consumer<String> sink) {
        Follower follower = new Follower(sink);
        try {
            follower.start(lastN);
        } catch (IOException e) {
            follower.closeChannel();
            throw new UncheckedIOException("cannot follow the log in " + dir, e);
        }
        Thread thread = Thread.ofVirtual().name("log-follow-" + dir.getFileName()).start(follower);
        return () -> {
            follower.running = false;
            thread.interrupt();
        };
    }

    private List<String> tail(int n, FileChannel current, long currentEnd) throws IOException {
        Deque<String> lines = new ArrayDeque<>();
        if (n <= 0) {
            return List.of();
        }
        if (current != null) {
            collectLast(current, currentEnd, n, lines);
        }
        for (int i = 1; lines.size() < n; i++) {
            Path rotated = dir.resolve(RotatingLog.FILE_NAME + "." + i);
            try (FileChannel ch = FileChannel.open(rotated, StandardOpenOption.READ)) {
                collectLast(ch, ch.size(), n, lines);
            } catch (NoSuchFileException e) {
                break;
            }
        }
        return new ArrayList<>(lines);
    }

    /** Prepends the file's last lines before {@code end} to {@code lines} until it holds {@code n}. */
    private static void collectLast(FileChannel ch, long end, int n, Deque<String> lines) throws IOException {
        byte[] carry = new byte[0];
        long pos = end;
        boolean skipTerminator = true;
        while (pos > 0 && lines.size() < n) {
            int length = (int) Math.min(BLOCK, pos);
            pos -= length;
            byte[] block = read(ch, pos, length);
            byte[] joined = concat(block, carry);
            int lineEnd = joined.length;
            for (int i = joined.length - 1; i >= 0 && lines.size() < n; i--) {
                if (joined[i] == '\n') {
                    if (skipTerminator && i == joined.length - 1) {
                        skipTerminator = false;
                    } else {
                        lines.addFirst(decode(joined, i + 1, lineEnd));
                    }
                    lineEnd = i;
                }
                skipTerminator = false;
            }
            carry = Arrays.copyOfRange(joined, 0, lineEnd);
        }
        if (pos == 0 && carry.length > 0 && lines.size() < n) {
            lines.addFirst(decode(carry, 0, carry.length));
        }
    }

    /** The end of the last whole line at or before {@code end}: a line being written is not shown half. */
    private static long boundary(FileChannel ch, long end) throws IOException {
        long pos = end;
        while (pos > 0) {
            int length = (int) Math.min(BLOCK, pos);
            byte[] block = read(ch, pos - length, length);
            for (int i = length - 1; i >= 0; i--) {
                if (block[i] == '\n') {
                    return pos - length + i + 1;
                }
            }
            pos -= length;
        }
        return 0;
    }

    private FileChannel openCurrent() throws IOException {
        try {
            return FileChannel.open(dir.resolve(RotatingLog.FILE_NAME), StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    private Object currentKey() {
        try {
            return Files.readAttributes(dir.resolve(RotatingLog.FILE_NAME), BasicFileAttributes.class).fileKey();
        } catch (IOException e) {
            return null;
        }
    }

    private static byte[] read(FileChannel ch, long pos, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length);
        while (buffer.hasRemaining()) {
            if (ch.read(buffer, pos + buffer.position()) < 0) {
                break;
            }
        }
        return Arrays.copyOf(buffer.array(), buffer.position());
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] joined = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, joined, a.length, b.length);
        return joined;
    }

    private static String decode(byte[] bytes, int from, int to) {
        int end = to > from && bytes[to - 1] == '\r' ? to - 1 : to;
        return new String(bytes, from, end - from, StandardCharsets.UTF_8);
    }

    /**
     * Polls the current file. After a rotation the open channel still reads the renamed file, so the follower
     * drains it to its end before switching to the new file: no line is lost or repeated (unless more than a whole
     * file is written between two polls, 100 ms apart).
     */
    private final class Follower implements Runnable {
        private final Consumer<String> sink;
        private final ByteArrayOutputStream partial = new ByteArrayOutputStream();
        private volatile boolean running = true;
        private FileChannel channel;
        private Object key;
        private long position;

        Follower(Consumer<String> sink) {
            this.sink = sink;
        }

        void start(int lastN) throws IOException {
            key = currentKey();
            channel = openCurrent();
            position = channel == null ? 0 : boundary(channel, channel.size());
            for (String line : tail(lastN, channel, position)) {
                sink.accept(line);
            }
        }

        @Override
        public void run() {
            try {
                while (running) {
                    poll();
                    Thread.sleep(POLL_MILLIS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (IOException e) {
                // Closing the subscription interrupts a read in progress, which closes the channel: not an error.
                if (running) {
                    sink.accept("[mcphub] log follow stopped: " + e);
                }
            } finally {
                closeChannel();
            }
        }

        /** Reads the file's identity before draining: if it changed, the old file was complete before the check. */
        private void poll() throws IOException {
            Object now = currentKey();
            if (channel != null) {
                drain();
            }
            if (now != null && !Objects.equals(now, key)) {
                closeChannel();
                partial.reset();
                key = now;
                channel = openCurrent();
                position = 0;
                if (channel != null) {
                    drain();
                }
            }
        }

        private void drain() throws IOException {
            if (channel.size() < position) {
                position = 0;
                partial.reset();
            }
            while (running) {
                byte[] bytes = read(channel, position, BLOCK);
                if (bytes.length == 0) {
                    return;
                }
                position += bytes.length;
                for (byte b : bytes) {
                    if (b == '\n') {
                        byte[] line = partial.toByteArray();
                        partial.reset();
                        sink.accept(decode(line, 0, line.length));
                    } else {
                        partial.write(b);
                    }
                }
            }
        }

        void closeChannel() {
            if (channel != null) {
                try {
                    channel.close();
                } catch (IOException ignored) {
                    // read-only; nothing to lose
                }
                channel = null;
            }
        }
    }
}
