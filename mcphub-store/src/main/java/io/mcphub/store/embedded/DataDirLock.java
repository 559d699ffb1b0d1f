package io.mcphub.store.embedded;

import io.mcphub.store.StoreException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Keeps a second hub off the same store file: its watches would never see this one's writes. The lock is on a file
 * beside the database, never on the database itself, because closing any descriptor of a file drops every POSIX lock
 * the process holds on it, SQLite's included.
 */
final class DataDirLock implements AutoCloseable {

    private final FileChannel channel;
    private final FileLock lock;

    private DataDirLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    static DataDirLock acquire(Path storeFile) {
        Path lockFile = storeFile.resolveSibling(storeFile.getFileName() + ".lock");
        FileChannel channel = null;
        try {
            channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock == null) {
                throw inUse(storeFile, null);
            }
            return new DataDirLock(channel, lock);
        } catch (OverlappingFileLockException e) {
            closeQuietly(channel);
            throw inUse(storeFile, e);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new StoreException("cannot lock " + lockFile + ": " + e.getMessage()
                    + "; check that the data directory exists and is writable", e);
        } catch (StoreException e) {
            closeQuietly(channel);
            throw e;
        }
    }

    private static StoreException inUse(Path storeFile, Throwable cause) {
        return new StoreException(storeFile + " is already in use by another hub (or another store in this process);"
                + " stop it or give this one another data directory", cause);
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // Already failing with a better message.
            }
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException ignored) {
            // The lock goes with the process anyway.
        }
    }
}
