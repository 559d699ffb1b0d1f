package io.mcphub.store.embedded;

import static io.mcphub.store.embedded.SqliteSchema.COMPACT_REVISION;
import static io.mcphub.store.embedded.SqliteSchema.LEASE_SEQUENCE;
import static io.mcphub.store.embedded.SqliteSchema.REVISION;

import io.mcphub.store.CompactedException;
import io.mcphub.store.Compare;
import io.mcphub.store.KeyValue;
import io.mcphub.store.Op;
import io.mcphub.store.RangeResult;
import io.mcphub.store.Store;
import io.mcphub.store.StoreException;
import io.mcphub.store.TxnResult;
import io.mcphub.store.Watch;
import io.mcphub.store.WatchListener;
import io.mcphub.store.support.TxnChecks;
import io.mcphub.store.support.WatchArguments;
import io.mcphub.store.support.WatchDelivery;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded {@link Store}: everything in one SQLite file (WAL mode). One lock serializes writes, so each write
 * transaction gets the next revision, is logged, committed and then fanned out to live watches in revision order.
 * Reads use their own connections and never wait for the writer.
 *
 * <p>Leases expire by wall-clock time, also across restarts; a background task revokes expired ones every
 * {@value #LEASE_CHECK_MS} ms, each at a revision of its own as etcd does.
 */
public final class SqliteStore implements Store {

    private static final Logger log = LoggerFactory.getLogger(SqliteStore.class);
    static final long LEASE_CHECK_MS = 200;
    private static final int READERS = 4;

    @FunctionalInterface
    private interface Write<T> {
        T run(PendingRevision txn) throws SQLException;
    }

    private final Path file;
    private final DataDirLock dirLock;
    private final KvWriter writer;
    private final ReaderPool readers;
    private final LiveWatchers watchers = new LiveWatchers();
    private final ReentrantLock writeLock = new ReentrantLock();
    private final ScheduledExecutorService leaseReaper;
    private volatile long revision;
    private volatile boolean closed;

    /** Opens (or creates) the store in {@code file}; its directory must exist. */
    public SqliteStore(Path file) {
        this.file = file.toAbsolutePath();
        this.dirLock = DataDirLock.acquire(this.file);
        KvWriter openedWriter = null;
        ReaderPool openedReaders = null;
        try {
            openedWriter = new KvWriter(SqliteSchema.openWriter(this.file));
            revision = openedWriter.meta(REVISION);
            openedWriter.rollback();
            openedReaders = new ReaderPool(this.file, READERS);
        } catch (SQLException e) {
            closeQuietly(openedWriter);
            dirLock.close();
            throw failure("open", e);
        }
        this.writer = openedWriter;
        this.readers = openedReaders;
        this.leaseReaper = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().name("mcphub-lease-expiry").factory());
        leaseReaper.scheduleWithFixedDelay(this::expireLeases, LEASE_CHECK_MS, LEASE_CHECK_MS, TimeUnit.MILLISECONDS);
        log.info("embedded store {} opened at revision {}", this.file, revision);
    }

    @Override
    public long currentRevision() {
        ensureOpen();
        return revision;
    }

    @Override
    public Optional<KeyValue> get(String key) {
        return Optional.ofNullable(read("get " + key, reader -> reader.get(key)));
    }

    @Override
    public RangeResult range(String prefix) {
        return read("range " + prefix, reader -> reader.range(prefix));
    }

    @Override
    public long put(String key, byte[] value, long lease) {
        return write("put " + key, txn -> {
            txn.put(key, value, lease);
            return txn.revision();
        });
    }

    @Override
    public boolean delete(String key) {
        return write("delete " + key, txn -> txn.delete(key));
    }

    @Override
    public TxnResult txn(List<Compare> compares, List<Op> ops) {
        TxnChecks.rejectDuplicateKeys(ops);
        return write("txn", txn -> {
            for (Compare compare : compares) {
                if (txn.modRevision(compare.key()) != compare.modRevision()) {
                    return new TxnResult(false, txn.revision() - 1);
                }
            }
            for (Op op : ops) {
                switch (op) {
                    case Op.Put put -> txn.put(put.key(), put.value(), put.lease());
                    case Op.Delete delete -> txn.delete(delete.key());
                }
            }
            return new TxnResult(true, txn.changed() ? txn.revision() : txn.revision() - 1);
        });
    }

    @Override
    public Watch watch(String prefix, long fromRevision, WatchListener listener) {
        WatchArguments.check(prefix, fromRevision, listener);
        ensureOpen();
        WatchDelivery delivery = new WatchDelivery(prefix, listener);
        try {
            // Replay most of the history without the lock, so that a long backlog does not hold writers up...
            long next = fromRevision == 0 ? 0 : replay(prefix, fromRevision, fromRevision, delivery);
            if (delivery.ended()) {
                return delivery::close;
            }
            writeLock.lock();
            try {
                ensureOpen();
                // ...then, with writes held off, what was committed meanwhile; live delivery starts right after it.
                if (fromRevision == 0) {
                    next = revision + 1;
                } else if (next <= revision) {
                    next = replay(prefix, next, fromRevision, delivery);
                    if (delivery.ended()) {
                        return delivery::close;
                    }
                }
                LiveWatchers.Watcher watcher = watchers.add(prefix, next, delivery);
                return () -> {
                    watchers.remove(watcher);
                    delivery.close();
                };
            } finally {
                writeLock.unlock();
            }
        } catch (RuntimeException e) {
            delivery.close();
            throw e;
        }
    }

    /** Queues the logged events from {@code from} on; returns the first revision it did not cover. */
    private long replay(String prefix, long from, long requested, WatchDelivery delivery) {
        KvReader.Backlog backlog = read("watch " + prefix, reader -> reader.backlog(prefix, from));
        if (from <= backlog.compactRevision()) {
            delivery.fail(new CompactedException(requested, backlog.compactRevision()));
            return from;
        }
        backlog.revisions().forEach(delivery::offer);
        return Math.max(from, backlog.revision() + 1);
    }

    @Override
    public long grantLease(Duration ttl) {
        long ttlMs = ttl.toMillis();
        if (ttlMs <= 0) {
            throw new IllegalArgumentException("a lease needs a positive TTL, not " + ttl);
        }
        return write("grant lease", txn -> {
            long id = writer.meta(LEASE_SEQUENCE) + 1;
            writer.setMeta(LEASE_SEQUENCE, id);
            writer.insertLease(id, ttlMs, System.currentTimeMillis() + ttlMs);
            return id;
        });
    }

    @Override
    public void keepAlive(long lease) {
        write("keep lease " + lease + " alive", txn -> {
            KvWriter.Lease found = writer.lease(lease);
            long now = System.currentTimeMillis();
            if (found == null || found.expiresAtMs() <= now) {
                throw new StoreException("lease " + lease
                        + " has expired or was revoked: grant a new lease and put its keys again");
            }
            writer.setLeaseExpiry(lease, now + found.ttlMs());
            return null;
        });
    }

    /** Revokes a lease, deleting its keys at one revision; revoking an unknown or expired lease does nothing. */
    @Override
    public void revokeLease(long lease) {
        write("revoke lease " + lease, txn -> {
            revoke(txn, lease);
            return null;
        });
    }

    private void revoke(PendingRevision txn, long lease) throws SQLException {
        if (writer.lease(lease) == null) {
            return;
        }
        for (byte[] key : writer.keysOf(lease)) {
            txn.delete(key);
        }
        writer.deleteLease(lease);
    }

    private void expireLeases() {
        try {
            if (closed) {
                return;
            }
            List<Long> expired = write("find expired leases",
                    txn -> writer.leasesExpiredAt(System.currentTimeMillis()));
            for (long lease : expired) {
                write("expire lease " + lease, txn -> {
                    KvWriter.Lease found = writer.lease(lease);
                    // A keep-alive may have come in since the scan.
                    if (found != null && found.expiresAtMs() <= System.currentTimeMillis()) {
                        revoke(txn, lease);
                        log.debug("lease {} expired; {} keys deleted at revision {}", lease, txn.events().size(),
                                txn.revision());
                    }
                    return null;
                });
            }
        } catch (RuntimeException e) {
            if (!closed) {
                log.warn("expiring leases failed; retrying in {} ms", LEASE_CHECK_MS, e);
            }
        }
    }

    /** Compacting a revision already compacted does nothing; one beyond the current revision is refused. */
    @Override
    public void compact(long revision) {
        write("compact " + revision, txn -> {
            long current = txn.revision() - 1;
            if (revision > current) {
                throw new StoreException("cannot compact revision " + revision + ": the current revision is " + current);
            }
            if (revision > writer.meta(COMPACT_REVISION)) {
                writer.deleteLogThrough(revision);
                writer.setMeta(COMPACT_REVISION, revision);
            }
            return null;
        });
    }

    @Override
    public String describe() {
        return "embedded:" + file;
    }

    /** Ends the watches without calling their listeners, and releases the file. */
    @Override
    public void close() {
        writeLock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            leaseReaper.shutdownNow();
            watchers.closeAll();
            readers.close();
            closeQuietly(writer);
            dirLock.close();
            log.info("embedded store {} closed at revision {}", file, revision);
        } finally {
            writeLock.unlock();
        }
    }

    private <T> T write(String what, Write<T> action) {
        writeLock.lock();
        try {
            ensureOpen();
            PendingRevision txn = new PendingRevision(writer, revision + 1);
            T result;
            try {
                result = action.run(txn);
                if (txn.changed()) {
                    writer.setMeta(REVISION, txn.revision());
                }
                writer.commit();
            } catch (SQLException e) {
                rollbackQuietly();
                throw failure(what, e);
            } catch (RuntimeException e) {
                rollbackQuietly();
                throw e;
            }
            if (txn.changed()) {
                revision = txn.revision();
                watchers.publish(txn.revision(), txn.events());
            }
            return result;
        } finally {
            writeLock.unlock();
        }
    }

    private <T> T read(String what, ReaderPool.Read<T> read) {
        ensureOpen();
        try {
            return readers.read(read);
        } catch (SQLException e) {
            throw failure(what, e);
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new StoreException("the embedded store " + file + " is closed");
        }
    }

    private void rollbackQuietly() {
        try {
            writer.rollback();
        } catch (SQLException e) {
            log.warn("rollback on {} failed", file, e);
        }
    }

    private StoreException failure(String what, SQLException e) {
        return new StoreException("embedded store " + file + ": " + what + " failed (" + e.getMessage()
                + "); check free disk space and that the data directory is writable", e);
    }

    private static void closeQuietly(KvWriter writer) {
        if (writer != null) {
            try {
                writer.close();
            } catch (SQLException e) {
                log.warn("closing the store's write connection failed", e);
            }
        }
    }
}
