package io.mcphub.store.embedded;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.sqlite.SQLiteConfig;

/** Opens connections to the store file with the settings every connection needs, and creates the tables. */
final class SqliteSchema {

    static final String REVISION = "revision";
    static final String COMPACT_REVISION = "compact_revision";
    static final String LEASE_SEQUENCE = "lease_sequence";
    private static final String SCHEMA_VERSION = "schema_version";

    /*
     * Keys are UTF-8 BLOBs, which SQLite compares with memcmp: the byte order etcd uses.
     * kv: the current state. log: one row per event, the history watches replay; rowid order is event order because
     * rows are only appended by the single writer. meta: counters that must survive a restart.
     */
    private static final String[] DDL = {
        """
        CREATE TABLE IF NOT EXISTS kv (
          key BLOB PRIMARY KEY, value BLOB NOT NULL, create_rev INTEGER NOT NULL, mod_rev INTEGER NOT NULL,
          version INTEGER NOT NULL, lease INTEGER NOT NULL)""",
        "CREATE INDEX IF NOT EXISTS kv_by_lease ON kv (lease) WHERE lease <> 0",
        """
        CREATE TABLE IF NOT EXISTS log (
          id INTEGER PRIMARY KEY, rev INTEGER NOT NULL, key BLOB NOT NULL, type INTEGER NOT NULL, value BLOB NOT NULL,
          create_rev INTEGER NOT NULL, version INTEGER NOT NULL)""",
        "CREATE INDEX IF NOT EXISTS log_by_rev ON log (rev)",
        "CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value INTEGER NOT NULL)",
        """
        CREATE TABLE IF NOT EXISTS leases (
          id INTEGER PRIMARY KEY, ttl_ms INTEGER NOT NULL, expires_at_ms INTEGER NOT NULL)""",
        "CREATE INDEX IF NOT EXISTS leases_by_expiry ON leases (expires_at_ms)",
        // Revision 1 for the empty store, as in etcd, so both backends count alike.
        "INSERT OR IGNORE INTO meta (name, value) VALUES ('" + REVISION + "', 1), ('" + COMPACT_REVISION + "', 0), ('"
                + LEASE_SEQUENCE + "', 0), ('" + SCHEMA_VERSION + "', 1)",
    };

    private SqliteSchema() {}

    /** The one connection that writes; creates the tables on first use. */
    static Connection openWriter(Path file) throws SQLException {
        Connection connection = open(file);
        try (Statement statement = connection.createStatement()) {
            for (String ddl : DDL) {
                statement.executeUpdate(ddl);
            }
            connection.commit();
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
        return connection;
    }

    /** A connection for reads; each read runs in a transaction of its own so that it sees one snapshot. */
    static Connection openReader(Path file) throws SQLException {
        return open(file);
    }

    private static Connection open(Path file) throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        // FULL: a write acknowledged to the caller survives a power cut, as with etcd's fsync per commit.
        config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        config.setBusyTimeout(10_000);
        Connection connection = config.createConnection("jdbc:sqlite:" + file.toAbsolutePath());
        connection.setAutoCommit(false);
        return connection;
    }
}
