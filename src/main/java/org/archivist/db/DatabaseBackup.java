package org.archivist.db;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/**
 * Backups of the catalogue. SQLite: the online backup API (the database is copied page by page
 * in a consistent state, safe while the server writes), to a temporary name, checked with
 * {@code PRAGMA integrity_check}, then renamed into place; an existing file is never overwritten.
 * Restore saves the current database beside itself first, then copies the backup in the same way.
 * PostgreSQL: {@code pg_dump} and {@code pg_restore} do this better than a copy through JDBC
 * would; the commands for this database are given (docs/deploy.md).
 */
public final class DatabaseBackup {

    /** What a backup or restore did: the file written, its size, and the catalogue's file rows in it. */
    public record Result(Path file, long bytes, long files, String schemaTag) {
    }

    /** The engine has its own tool for this; the message gives the commands. */
    public static final class UseTheEnginesTool extends RuntimeException {
        UseTheEnginesTool(String message) {
            super(message);
        }
    }

    private DatabaseBackup() {
    }

    public static Result backup(DatabaseLocation location, Path file) {
        requireSqlite(location, "backup");
        Path target = file.toAbsolutePath().normalize();
        if (Files.exists(target)) throw new IllegalArgumentException("FILE: " + target + " exists; choose a new name (a backup never overwrites a file)");
        if (target.getParent() != null && !Files.isDirectory(target.getParent())) {
            throw new IllegalArgumentException("FILE: the folder " + target.getParent() + " does not exist");
        }
        Path partial = target.resolveSibling("." + target.getFileName() + ".partial");
        try {
            Files.deleteIfExists(partial);
            try (Connection connection = DriverManager.getConnection(location.jdbcUrl(), ConnectionSettings.application(location));
                 Statement statement = connection.createStatement()) {
                statement.executeUpdate("backup to " + quoted(partial));
            }
            Result checked = check(partial, target);
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
            return checked;
        } catch (SQLException | IOException e) {
            try {
                Files.deleteIfExists(partial);
            } catch (IOException ignored) {
                // The partial file is named as one; it is removed by the next backup to the same name.
            }
            throw new DatabaseException("could not back up " + location.displayUrl() + " to " + target + ": " + e.getMessage(), e);
        }
    }

    /**
     * Puts a backup in the place of the current database: the current one is saved first as
     * {@code NAME.before-restore-TIME} beside it. The backup must be a sound Archivist catalogue.
     * The server should be stopped: its open connections would keep the pages they read.
     */
    public static Result restore(DatabaseLocation location, Path file) {
        requireSqlite(location, "restore");
        Path backup = file.toAbsolutePath().normalize();
        if (!Files.isRegularFile(backup)) throw new IllegalArgumentException("FILE: " + backup + " is not a file");
        try {
            check(backup, backup);
        } catch (IOException e) {
            throw new IllegalArgumentException("FILE: " + backup + " is not a backup that can be restored: " + e.getMessage(), e);
        }
        Path current = location.sqliteFile();
        try {
            if (current != null && Files.exists(current)) {
                Path saved = current.resolveSibling(current.getFileName() + ".before-restore-"
                        + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
                backup(location, saved);
            }
            try (Connection connection = DriverManager.getConnection(location.jdbcUrl(), ConnectionSettings.application(location));
                 Statement statement = connection.createStatement()) {
                statement.executeUpdate("restore from " + quoted(backup));
            }
            return check(current, current);
        } catch (SQLException | IOException e) {
            throw new DatabaseException("could not restore " + backup + " into " + location.displayUrl() + ": " + e.getMessage(), e);
        }
    }

    /** Opens the copy and checks it: every page sound, an Archivist schema; answers what it holds (named as {@code shownAs}). */
    private static Result check(Path copy, Path shownAs) throws IOException {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + copy);
             Statement statement = connection.createStatement()) {
            try (ResultSet integrity = statement.executeQuery("PRAGMA integrity_check")) {
                integrity.next();
                String verdict = integrity.getString(1);
                if (!"ok".equals(verdict)) throw new IOException("its integrity check says: " + verdict);
            }
            long files;
            String tag;
            try (ResultSet rows = statement.executeQuery("SELECT count(*) FROM files")) {
                rows.next();
                files = rows.getLong(1);
            }
            try (ResultSet rows = statement.executeQuery("SELECT tag FROM databasechangelog WHERE tag IS NOT NULL ORDER BY orderexecuted DESC LIMIT 1")) {
                tag = rows.next() ? rows.getString(1) : null;
            }
            return new Result(shownAs, Files.size(copy), files, tag);
        } catch (SQLException e) {
            throw new IOException("it is not an Archivist catalogue (" + e.getMessage() + ")", e);
        }
    }

    private static void requireSqlite(DatabaseLocation location, String what) {
        if (location.isSqlite()) return;
        throw new UseTheEnginesTool("PostgreSQL has its own tools for a " + what + ", safe while the servers run: "
                + (what.equals("backup") ? "pg_dump --format=custom --file=archivist.dump" : "pg_restore --clean --if-exists --dbname=<database> archivist.dump")
                + " with the host, port, database and user of " + location.displayUrl() + " (docs/deploy.md)");
    }

    private static String quoted(Path path) {
        String text = path.toString();
        if (text.contains("'")) throw new IllegalArgumentException("FILE: " + path + " has a ' in its name, which SQLite's backup command cannot take");
        return "'" + text + "'";
    }
}
