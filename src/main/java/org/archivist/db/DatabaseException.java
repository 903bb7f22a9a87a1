package org.archivist.db;

/**
 * A problem with the database that a person has to act on: a bad URL, an unreachable server,
 * a file that is not a database, a schema from a newer Archivist. The message says what and why.
 */
public class DatabaseException extends RuntimeException {

    public DatabaseException(String message) {
        super(message);
    }

    public DatabaseException(String message, Throwable cause) {
        super(message, cause);
    }
}
