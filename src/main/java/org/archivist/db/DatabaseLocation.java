package org.archivist.db;

import java.nio.file.Path;
import java.util.Map;

/**
 * Where the catalogue lives: the engine and its JDBC URL, chosen by {@code --db}, then
 * {@code ARCHIVIST_DB}, then an SQLite file in the user's data directory.
 *
 * @param sqliteFile the database file for SQLite, {@code null} for PostgreSQL
 */
public record DatabaseLocation(Engine engine, String jdbcUrl, Path sqliteFile) {

    public static final String ENVIRONMENT_VARIABLE = "ARCHIVIST_DB";
    private static final String SQLITE_PREFIX = "jdbc:sqlite:";
    private static final String POSTGRES_PREFIX = "jdbc:postgresql:";

    /** Resolves the location from an explicit URL (may be null), then the environment. */
    public static DatabaseLocation resolve(String explicitUrl, Map<String, String> environment) {
        String chosen = explicitUrl;
        if (isBlank(chosen)) {
            chosen = environment.get(ENVIRONMENT_VARIABLE);
        }
        if (isBlank(chosen)) {
            return sqlite(defaultSqliteFile(environment));
        }
        return parse(chosen.trim());
    }

    /** Parses a JDBC URL, or a plain file path that stands for an SQLite database. */
    public static DatabaseLocation parse(String url) {
        if (url.startsWith(POSTGRES_PREFIX)) {
            return new DatabaseLocation(Engine.POSTGRESQL, url, null);
        }
        if (url.startsWith(SQLITE_PREFIX)) {
            String rest = url.substring(SQLITE_PREFIX.length());
            int query = rest.indexOf('?');
            String file = query >= 0 ? rest.substring(0, query) : rest;
            if (file.startsWith("file:")) {
                file = file.substring("file:".length());
            }
            if (file.isEmpty() || file.startsWith(":memory:") || file.contains("mode=memory")) {
                throw new DatabaseException("database URL '" + url
                        + "' names an in-memory SQLite database; Archivist needs a file, e.g. jdbc:sqlite:/path/archivist.db");
            }
            if (query >= 0) {
                throw new DatabaseException("database URL '" + url
                        + "' carries SQLite parameters; Archivist sets its own (WAL, foreign keys, busy timeout): give only the file");
            }
            return sqlite(Path.of(file));
        }
        if (url.startsWith("jdbc:")) {
            throw new DatabaseException("database URL '" + url
                    + "' is not supported: use jdbc:sqlite:FILE or jdbc:postgresql://HOST[:PORT]/DATABASE");
        }
        if (url.contains("://")) {
            throw new DatabaseException("database URL '" + url
                    + "' is not a JDBC URL: use jdbc:sqlite:FILE or jdbc:postgresql://HOST[:PORT]/DATABASE");
        }
        return sqlite(Path.of(url));
    }

    public static DatabaseLocation sqlite(Path file) {
        Path absolute = file.toAbsolutePath().normalize();
        return new DatabaseLocation(Engine.SQLITE, SQLITE_PREFIX + absolute, absolute);
    }

    /** {@code $XDG_DATA_HOME/archivist/archivist.db}, with XDG's default of ~/.local/share. */
    public static Path defaultSqliteFile(Map<String, String> environment) {
        String dataHome = environment.get("XDG_DATA_HOME");
        Path base = isBlank(dataHome)
                ? Path.of(System.getProperty("user.home"), ".local", "share")
                : Path.of(dataHome);
        return base.resolve("archivist").resolve("archivist.db");
    }

    public boolean isSqlite() {
        return engine == Engine.SQLITE;
    }

    /** The URL with any password removed, safe to print. */
    public String displayUrl() {
        return jdbcUrl.replaceAll("(?i)(password=)[^&]*", "$1***");
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
