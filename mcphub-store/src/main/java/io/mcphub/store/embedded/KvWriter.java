package io.mcphub.store.embedded;

import io.mcphub.store.WatchEvent;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The SQL of every write, on the store's single write connection. Not thread safe: the store calls it under its
 * write lock. Knows rows, not etcd semantics ({@link PendingRevision} has those).
 */
final class KvWriter implements AutoCloseable {

    /** What the writer needs to know about a key before changing it. */
    record Row(long createRevision, long modRevision, long version, long lease) {}

    record Lease(long ttlMs, long expiresAtMs) {}

    private final Connection connection;
    private final PreparedStatement selectKv;
    private final PreparedStatement upsertKv;
    private final PreparedStatement deleteKv;
    private final PreparedStatement insertLog;
    private final PreparedStatement deleteLogThrough;
    private final PreparedStatement selectMeta;
    private final PreparedStatement updateMeta;
    private final PreparedStatement selectLease;
    private final PreparedStatement insertLease;
    private final PreparedStatement updateLeaseExpiry;
    private final PreparedStatement deleteLease;
    private final PreparedStatement selectKeysOfLease;
    private final PreparedStatement selectExpiredLeases;

    KvWriter(Connection connection) throws SQLException {
        this.connection = connection;
        selectKv = connection.prepareStatement("SELECT create_rev, mod_rev, version, lease FROM kv WHERE key = ?");
        upsertKv = connection.prepareStatement("""
                INSERT INTO kv (key, value, create_rev, mod_rev, version, lease) VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (key) DO UPDATE SET value = excluded.value, create_rev = excluded.create_rev,
                  mod_rev = excluded.mod_rev, version = excluded.version, lease = excluded.lease""");
        deleteKv = connection.prepareStatement("DELETE FROM kv WHERE key = ?");
        insertLog = connection.prepareStatement(
                "INSERT INTO log (rev, key, type, value, create_rev, version) VALUES (?, ?, ?, ?, ?, ?)");
        deleteLogThrough = connection.prepareStatement("DELETE FROM log WHERE rev <= ?");
        selectMeta = connection.prepareStatement("SELECT value FROM meta WHERE name = ?");
        updateMeta = connection.prepareStatement("UPDATE meta SET value = ? WHERE name = ?");
        selectLease = connection.prepareStatement("SELECT ttl_ms, expires_at_ms FROM leases WHERE id = ?");
        insertLease = connection.prepareStatement("INSERT INTO leases (id, ttl_ms, expires_at_ms) VALUES (?, ?, ?)");
        updateLeaseExpiry = connection.prepareStatement("UPDATE leases SET expires_at_ms = ? WHERE id = ?");
        deleteLease = connection.prepareStatement("DELETE FROM leases WHERE id = ?");
        selectKeysOfLease = connection.prepareStatement("SELECT key FROM kv WHERE lease = ? ORDER BY key");
        selectExpiredLeases = connection.prepareStatement(
                "SELECT id FROM leases WHERE expires_at_ms <= ? ORDER BY expires_at_ms");
    }

    Row row(byte[] key) throws SQLException {
        selectKv.setBytes(1, key);
        try (ResultSet rs = selectKv.executeQuery()) {
            return rs.next() ? new Row(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)) : null;
        }
    }

    void upsert(byte[] key, byte[] value, Row row) throws SQLException {
        upsertKv.setBytes(1, key);
        upsertKv.setBytes(2, value);
        upsertKv.setLong(3, row.createRevision());
        upsertKv.setLong(4, row.modRevision());
        upsertKv.setLong(5, row.version());
        upsertKv.setLong(6, row.lease());
        upsertKv.executeUpdate();
    }

    void delete(byte[] key) throws SQLException {
        deleteKv.setBytes(1, key);
        deleteKv.executeUpdate();
    }

    void append(WatchEvent event, byte[] key) throws SQLException {
        insertLog.setLong(1, event.revision());
        insertLog.setBytes(2, key);
        insertLog.setInt(3, event.type().ordinal());
        insertLog.setBytes(4, event.value());
        insertLog.setLong(5, event.createRevision());
        insertLog.setLong(6, event.version());
        insertLog.executeUpdate();
    }

    void deleteLogThrough(long revision) throws SQLException {
        deleteLogThrough.setLong(1, revision);
        deleteLogThrough.executeUpdate();
    }

    long meta(String name) throws SQLException {
        selectMeta.setString(1, name);
        try (ResultSet rs = selectMeta.executeQuery()) {
            if (!rs.next()) {
                throw new SQLException("meta row " + name + " is missing");
            }
            return rs.getLong(1);
        }
    }

    void setMeta(String name, long value) throws SQLException {
        updateMeta.setLong(1, value);
        updateMeta.setString(2, name);
        updateMeta.executeUpdate();
    }

    Lease lease(long id) throws SQLException {
        selectLease.setLong(1, id);
        try (ResultSet rs = selectLease.executeQuery()) {
            return rs.next() ? new Lease(rs.getLong(1), rs.getLong(2)) : null;
        }
    }

    void insertLease(long id, long ttlMs, long expiresAtMs) throws SQLException {
        insertLease.setLong(1, id);
        insertLease.setLong(2, ttlMs);
        insertLease.setLong(3, expiresAtMs);
        insertLease.executeUpdate();
    }

    void setLeaseExpiry(long id, long expiresAtMs) throws SQLException {
        updateLeaseExpiry.setLong(1, expiresAtMs);
        updateLeaseExpiry.setLong(2, id);
        updateLeaseExpiry.executeUpdate();
    }

    void deleteLease(long id) throws SQLException {
        deleteLease.setLong(1, id);
        deleteLease.executeUpdate();
    }

    List<byte[]> keysOf(long lease) throws SQLException {
        selectKeysOfLease.setLong(1, lease);
        List<byte[]> keys = new ArrayList<>();
        try (ResultSet rs = selectKeysOfLease.executeQuery()) {
            while (rs.next()) {
                keys.add(rs.getBytes(1));
            }
        }
        return keys;
    }

    List<Long> leasesExpiredAt(long nowMs) throws SQLException {
        selectExpiredLeases.setLong(1, nowMs);
        List<Long> ids = new ArrayList<>();
        try (ResultSet rs = selectExpiredLeases.executeQuery()) {
            while (rs.next()) {
                ids.add(rs.getLong(1));
            }
        }
        return ids;
    }

    void commit() throws SQLException {
        connection.commit();
    }

    void rollback() throws SQLException {
        connection.rollback();
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
