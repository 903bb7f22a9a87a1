package org.archivist.db;

/** The database engines Archivist runs on. */
public enum Engine {
    SQLITE("SQLite"),
    POSTGRESQL("PostgreSQL");

    private final String displayName;

    Engine(String displayName) {
        this.displayName = displayName;
    }

    public String displayName() {
        return displayName;
    }
}
