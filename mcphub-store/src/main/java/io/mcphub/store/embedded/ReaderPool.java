package io.mcphub.store.embedded;

import io.mcphub.store.StoreException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/** A few read connections, so that reads run beside the writer (WAL lets them) and beside each other. */
final class ReaderPool implements AutoCloseable {

    @FunctionalInterface
    interface Read<T> {
        T run(KvReader reader) throws SQLException;
    }

    private static final long WAIT_SECONDS = 10;

    private final BlockingQueue<KvReader> idle;
    private final List<KvReader> all = new ArrayList<>();
    private final String description;
    private volatile boolean closed;

    ReaderPool(Path file, int size) throws SQLException {
        this.description = file.toString();
        this.idle = new ArrayBlockingQueue<>(size);
        try {
            for (int i = 0; i < size; i++) {
                KvReader reader = new KvReader(SqliteSchema.openReader(file));
                all.add(reader);
                idle.add(reader);
            }
        } catch (SQLException e) {
            close();
            throw e;
        }
    }

    <T> T read(Read<T> read) throws SQLException {
        KvReader reader = borrow();
        try {
            return read.run(reader);
        } finally {
            try {
                reader.endSnapshot();
            } finally {
                idle.add(reader);
            }
        }
    }

    private KvReader borrow() {
        try {
            KvReader reader = closed ? null : idle.poll(WAIT_SECONDS, TimeUnit.SECONDS);
            if (reader == null || closed) {
                if (reader != null) {
                    idle.add(reader);
                }
                throw new StoreException(closed
                        ? "the embedded store " + description + " is closed"
                        : "no read connection to " + description + " came free within " + WAIT_SECONDS + " s");
            }
            return reader;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted while waiting for a read connection to " + description, e);
        }
    }

    /** Closes every connection; a read still running fails rather than being waited for. */
    @Override
    public void close() {
        closed = true;
        for (KvReader reader : all) {
            try {
                reader.close();
            } catch (SQLException ignored) {
                // Closing at shutdown: nothing useful to do with the failure.
            }
        }
    }
}
