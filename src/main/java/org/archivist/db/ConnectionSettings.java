package org.archivist.db;

import java.util.Properties;

/**
 * The connection properties Archivist uses on each engine. SQLite's are pragmas that
 * sqlite-jdbc applies to every new connection.
 */
public final class ConnectionSettings {

    /** How long an SQLite connection waits for another process's write lock. */
    public static final int SQLITE_BUSY_TIMEOUT_MS = 30_000;

    private ConnectionSettings() {
    }

    /** For the application's pool: WAL, foreign keys on, NORMAL sync, UTC text timestamps. */
    public static Properties application(DatabaseLocation location) {
        Properties properties = new Properties();
        if (location.isSqlite()) {
            properties.setProperty("foreign_keys", "true");
            properties.setProperty("journal_mode", "WAL");
            properties.setProperty("synchronous", "NORMAL");
            properties.setProperty("busy_timeout", String.valueOf(SQLITE_BUSY_TIMEOUT_MS));
            properties.setProperty("date_class", "TEXT");
            // 64 MiB of page cache (default 2 MiB): index pages of a million-file catalogue stay in memory.
            properties.setProperty("cache_size", "-65536");
            properties.setProperty("temp_store", "MEMORY");
            properties.setProperty("date_string_format", "yyyy-MM-dd HH:mm:ss.SSS");
        } else {
            properties.setProperty("ApplicationName", "archivist");
            properties.setProperty("connectTimeout", "10");
            properties.setProperty("reWriteBatchedInserts", "true");
        }
        return properties;
    }

    /**
     * For Liquibase: on SQLite foreign keys are off and ALTER TABLE keeps legacy semantics, so a
     * table that Liquibase rebuilds neither cascades deletes into its children nor leaves their
     * foreign keys pointing at a temporary table.
     */
    public static Properties migrations(DatabaseLocation location) {
        Properties properties = application(location);
        if (location.isSqlite()) {
            properties.setProperty("foreign_keys", "false");
            properties.setProperty("legacy_alter_table", "true");
        }
        return properties;
    }
}
