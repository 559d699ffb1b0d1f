package io.mcphub.store.embedded;

import io.mcphub.store.StoreException;
import io.mcphub.store.WatchEvent;
import io.mcphub.store.support.Keys;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The writes of one transaction, all at the same revision, with etcd's bookkeeping: a put of a new key starts at
 * version 1 with createRevision = revision, a put of an existing one bumps its version; a delete event carries zero
 * create revision and version, as etcd's tombstones do. Every change is logged for watches.
 */
final class PendingRevision {

    private static final byte[] NO_VALUE = new byte[0];

    private final KvWriter writer;
    private final long revision;
    private final List<WatchEvent> events = new ArrayList<>();

    PendingRevision(KvWriter writer, long revision) {
        this.writer = writer;
        this.revision = revision;
    }

    long revision() {
        return revision;
    }

    List<WatchEvent> events() {
        return events;
    }

    boolean changed() {
        return !events.isEmpty();
    }

    long modRevision(String key) throws SQLException {
        KvWriter.Row row = writer.row(Keys.bytes(key));
        return row == null ? 0 : row.modRevision();
    }

    void put(String key, byte[] value, long lease) throws SQLException {
        if (lease != 0 && writer.lease(lease) == null) {
            throw new StoreException("lease " + lease + " not found: it expired or was revoked; grant a new one");
        }
        byte[] k = Keys.bytes(key);
        KvWriter.Row old = writer.row(k);
        KvWriter.Row row = old == null
                ? new KvWriter.Row(revision, revision, 1, lease)
                : new KvWriter.Row(old.createRevision(), revision, old.version() + 1, lease);
        writer.upsert(k, value, row);
        record(new WatchEvent(WatchEvent.Type.PUT, key, value.clone(), revision, row.createRevision(), row.version()), k);
    }

    boolean delete(String key) throws SQLException {
        return delete(Keys.bytes(key));
    }

    boolean delete(byte[] key) throws SQLException {
        if (writer.row(key) == null) {
            return false;
        }
        writer.delete(key);
        record(new WatchEvent(WatchEvent.Type.DELETE, Keys.string(key), NO_VALUE, revision, 0, 0), key);
        return true;
    }

    private void record(WatchEvent event, byte[] key) throws SQLException {
        writer.append(event, key);
        events.add(event);
    }
}
