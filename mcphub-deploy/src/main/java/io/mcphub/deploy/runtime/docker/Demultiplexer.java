package io.mcphub.deploy.runtime.docker;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;

/**
 * Splits the engine's multiplexed attach stream (no TTY) into the container's stdout and stderr. Each frame is an
 * 8-byte header — stream type (1 stdout, 2 stderr), three zero bytes, payload size as a big-endian 32-bit integer —
 * then the payload. One thread reads the frames and feeds two pipes, so each stream reads like a process pipe.
 */
final class Demultiplexer {

    static final int STDOUT = 1;
    static final int STDERR = 2;
    private static final int PIPE_BYTES = 64 * 1024;

    /** The container's two output streams; both end when the attach stream does. */
    record Outputs(InputStream stdout, InputStream stderr) {}

    private Demultiplexer() {}

    static Outputs start(InputStream multiplexed, String name) throws IOException {
        PipedInputStream stdout = new PipedInputStream(PIPE_BYTES);
        PipedInputStream stderr = new PipedInputStream(PIPE_BYTES);
        Sink out = new Sink(new PipedOutputStream(stdout));
        Sink err = new Sink(new PipedOutputStream(stderr));
        Thread.ofVirtual().name("docker-demux-" + name).start(() -> {
            try (multiplexed) {
                copyFrames(multiplexed, out, err);
            } catch (IOException e) {
                // The connection closes when the container is removed; what came before has been delivered.
            } finally {
                out.close();
                err.close();
            }
        });
        return new Outputs(stdout, stderr);
    }

    private static void copyFrames(InputStream multiplexed, Sink out, Sink err) throws IOException {
        DataInputStream in = new DataInputStream(multiplexed);
        byte[] header = new byte[8];
        byte[] buffer = new byte[16 * 1024];
        while (true) {
            try {
                in.readFully(header);
            } catch (EOFException e) {
                return;
            }
            int size = ((header[4] & 0xff) << 24) | ((header[5] & 0xff) << 16) | ((header[6] & 0xff) << 8) | (header[7] & 0xff);
            Sink sink = header[0] == STDERR ? err : header[0] == STDOUT ? out : null;
            while (size > 0) {
                int n = in.read(buffer, 0, Math.min(size, buffer.length));
                if (n < 0) {
                    return;
                }
                if (sink != null) {
                    sink.write(buffer, n);
                }
                size -= n;
            }
            if (sink != null) {
                sink.flush();
            }
        }
    }

    /** A pipe whose reader may go away (a connection closed early): its output is then dropped, not fatal. */
    private static final class Sink {
        private final OutputStream pipe;
        private boolean broken;

        Sink(OutputStream pipe) {
            this.pipe = pipe;
        }

        void write(byte[] bytes, int length) {
            if (!broken) {
                try {
                    pipe.write(bytes, 0, length);
                } catch (IOException e) {
                    broken = true;
                }
            }
        }

        /** Wakes the reader at once (a pipe's reader otherwise polls once a second). */
        void flush() {
            if (!broken) {
                try {
                    pipe.flush();
                } catch (IOException e) {
                    broken = true;
                }
            }
        }

        void close() {
            try {
                pipe.close();
            } catch (IOException ignored) {
                // the reader is gone already
            }
        }
    }
}
