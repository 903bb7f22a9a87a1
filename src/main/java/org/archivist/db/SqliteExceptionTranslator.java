package org.archivist.db;

import java.sql.SQLException;

import org.springframework.dao.CannotAcquireLockException;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.support.SQLExceptionTranslator;
import org.springframework.jdbc.support.SQLStateSQLExceptionTranslator;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * Spring does not know SQLite's error codes, so constraint violations would surface as
 * uncategorised errors. This maps them to the same exceptions PostgreSQL's produce.
 */
final class SqliteExceptionTranslator implements SQLExceptionTranslator {

    private final SQLExceptionTranslator fallback = new SQLStateSQLExceptionTranslator();

    @Override
    public DataAccessException translate(String task, String sql, SQLException error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLiteException sqlite) {
                DataAccessException translated = translate(task, sql, sqlite);
                if (translated != null) {
                    return translated;
                }
            }
        }
        return fallback.translate(task, sql, error);
    }

    private static DataAccessException translate(String task, String sql, SQLiteException error) {
        SQLiteErrorCode code = error.getResultCode();
        String message = task + ": " + error.getMessage() + (sql == null ? "" : " [" + sql + "]");
        return switch (code) {
            case SQLITE_CONSTRAINT_UNIQUE, SQLITE_CONSTRAINT_PRIMARYKEY -> new DuplicateKeyException(message, error);
            case SQLITE_CONSTRAINT, SQLITE_CONSTRAINT_CHECK, SQLITE_CONSTRAINT_FOREIGNKEY, SQLITE_CONSTRAINT_NOTNULL,
                    SQLITE_CONSTRAINT_TRIGGER, SQLITE_CONSTRAINT_ROWID, SQLITE_CONSTRAINT_DATATYPE,
                    SQLITE_CONSTRAINT_COMMITHOOK, SQLITE_CONSTRAINT_FUNCTION, SQLITE_CONSTRAINT_VTAB,
                    SQLITE_CONSTRAINT_PINNED -> new DataIntegrityViolationException(message, error);
            case SQLITE_BUSY, SQLITE_BUSY_RECOVERY, SQLITE_BUSY_SNAPSHOT, SQLITE_BUSY_TIMEOUT, SQLITE_LOCKED,
                    SQLITE_LOCKED_SHAREDCACHE -> new CannotAcquireLockException(
                    "the database is busy: another writer (perhaps another Archivist process) held it longer than "
                            + ConnectionSettings.SQLITE_BUSY_TIMEOUT_MS / 1000 + " s: " + message, error);
            default -> null;
        };
    }
}
