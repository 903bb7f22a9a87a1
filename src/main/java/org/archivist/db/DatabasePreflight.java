package org.archivist.db;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Arrays;

/**
 * Checks a database location before anything opens it, so that a wrong path, a file that is
 * not SQLite or an unreachable server gives one clear sentence instead of a stack trace.
 */
public final class DatabasePreflight {

    private static final byte[] SQLITE_HEADER = "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);

    private DatabasePreflight() {
    }

    /** Throws {@link DatabaseException} when the location cannot be used; creates a new SQLite file's folder. */
    public static void check(DatabaseLocation location) {
        if (location.isSqlite()) {
            checkSqliteFile(location.sqliteFile());
        } else {
            checkPostgresReachable(location);
        }
    }

    static void checkSqliteFile(Path file) {
        if (Files.isDirectory(file)) {
            throw new DatabaseException(file + " is a directory, not an SQLite database file");
        }
        if (Files.exists(file)) {
            if (!Files.isReadable(file)) {
                throw new DatabaseException(file + " cannot be read: check its permissions");
            }
            if (!hasSqliteHeader(file)) {
                throw new DatabaseException(file + " is not an SQLite database (its first bytes are not the SQLite header)");
            }
            return;
        }
        Path folder = file.toAbsolutePath().getParent();
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new DatabaseException("cannot create the folder " + folder + " for the database: " + e.getMessage(), e);
        }
        if (!Files.isWritable(folder)) {
            throw new DatabaseException("cannot create the database " + file + ": the folder " + folder + " is not writable");
        }
    }

    private static boolean hasSqliteHeader(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] header = in.readNBytes(SQLITE_HEADER.length);
            // A zero-length file is what SQLite itself creates before the first write.
            return header.length == 0 || Arrays.equals(header, SQLITE_HEADER);
        } catch (IOException e) {
            throw new DatabaseException(file + " cannot be read: " + e.getMessage(), e);
        }
    }

    private static void checkPostgresReachable(DatabaseLocation location) {
        try (Connection ignored = DriverManager.getConnection(location.jdbcUrl(), ConnectionSettings.application(location))) {
            // reachable and the credentials work
        } catch (SQLException e) {
            throw new DatabaseException("cannot connect to PostgreSQL at " + location.displayUrl() + ": " + rootMessage(e), e);
        }
    }

    static String rootMessage(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return message == null ? root.getClass().getSimpleName() : message;
    }
}
