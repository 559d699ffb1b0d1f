package io.mcphub.store.embedded;

import io.mcphub.store.KeyValue;
import io.mcphub.store.RangeResult;
import io.mcphub.store.WatchEvent;
import io.mcphub.store.support.Keys;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The SQL of every read, on one pooled connection. Each use runs in its own transaction, so that everything read in
 * it (rows and the revision they are at) comes from one snapshot.
 */
final class KvReader implements AutoCloseable {

    /** The history of a prefix from some revision, grouped by revision, as of {@code revision}. */
    record Backlog(List<List<WatchEvent>> revisions, long revision, long compactRevision) {}

    private static final WatchEvent.Type[] TYPES = WatchEvent.Type.values();

    private final Connection connection;
    private final PreparedStatement selectKv;
    private final PreparedStatement selectRange;
    private final PreparedStatement selectMeta;
    private final PreparedStatement selectLog;

    KvReader(Connection connection) throws SQLException {
        this.connection = connection;
        selectKv = connection.prepareStatement(
                "SELECT value, create_rev, mod_rev, version, lease FROM kv WHERE key = ?");
        selectRange = connection.prepareStatement("""
                SELECT key, value, create_rev, mod_rev, version, lease FROM kv
                WHERE key >= ? AND key < ? ORDER BY key""");
        selectMeta = connection.prepareStatement("SELECT value FROM meta WHERE name = ?");
        selectLog = connection.prepareStatement("""
                SELECT rev, key, type, value, create_rev, version FROM log
                WHERE rev >= ? AND key >= ? AND key < ? ORDER BY rev, id""");
    }

    KeyValue get(String key) throws SQLException {
        selectKv.setBytes(1, Keys.bytes(key));
        try (ResultSet rs = selectKv.executeQuery()) {
            return rs.next()
                    ? new KeyValue(key, rs.getBytes(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5))
                    : null;
        }
    }

    RangeResult range(String prefix) throws SQLException {
        long revision = meta(SqliteSchema.REVISION);
        byte[] from = Keys.bytes(prefix);
        selectRange.setBytes(1, from);
        selectRange.setBytes(2, Keys.prefixEnd(from));
        List<KeyValue> kvs = new ArrayList<>();
        try (ResultSet rs = selectRange.executeQuery()) {
            while (rs.next()) {
                kvs.add(new KeyValue(Keys.string(rs.getBytes(1)), rs.getBytes(2), rs.getLong(3), rs.getLong(4),
                        rs.getLong(5), rs.getLong(6)));
            }
        }
        return new RangeResult(List.copyOf(kvs), revision);
    }

    Backlog backlog(String prefix, long fromRevision) throws SQLException {
        long revision = meta(SqliteSchema.REVISION);
        long compactRevision = meta(SqliteSchema.COMPACT_REVISION);
        List<List<WatchEvent>> revisions = new ArrayList<>();
        if (fromRevision <= compactRevision) {
            return new Backlog(revisions, revision, compactRevision);
        }
        byte[] from = Keys.bytes(prefix);
        selectLog.setLong(1, fromRevision);
        selectLog.setBytes(2, from);
        selectLog.setBytes(3, Keys.prefixEnd(from));
        List<WatchEvent> current = new ArrayList<>();
        try (ResultSet rs = selectLog.executeQuery()) {
            while (rs.next()) {
                WatchEvent event = new WatchEvent(TYPES[rs.getInt(3)], Keys.string(rs.getBytes(2)), rs.getBytes(4),
                        rs.getLong(1), rs.getLong(5), rs.getLong(6));
                if (!current.isEmpty() && current.getFirst().revision() != event.revision()) {
                    revisions.add(List.copyOf(current));
                    current.clear();
                }
                current.add(event);
            }
        }
        if (!current.isEmpty()) {
            revisions.add(List.copyOf(current));
        }
        return new Backlog(revisions, revision, compactRevision);
    }

    private long meta(String name) throws SQLException {
        selectMeta.setString(1, name);
        try (ResultSet rs = selectMeta.executeQuery()) {
            if (!rs.next()) {
                throw new SQLException("meta row " + name + " is missing");
            }
            return rs.getLong(1);
        }
    }

    /** Ends the snapshot, so that the next use sees the latest commit and checkpoints are not held back. */
    void endSnapshot() throws SQLException {
        connection.rollback();
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
