package org.archivist.db;

import java.util.ArrayList;
import java.util.List;

/**
 * What {@code archivist db health} found.
 *
 * @param journalMode SQLite's journal mode, {@code null} on PostgreSQL
 * @param foreignKeys whether SQLite enforces foreign keys, {@code null} on PostgreSQL
 * @param roundTripMillis the median time of a trivial query
 */
public record HealthReport(Engine engine, String serverVersion, String url, SchemaStatus schema,
                           String journalMode, Boolean foreignKeys, double roundTripMillis) {

    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (schema.isNewerThanProgram()) {
            problems.add("the schema is newer than this program (" + schema.unknownChangeSets().size() + " unknown changesets)");
        }
        if (!schema.pendingChangeSets().isEmpty()) {
            problems.add(schema.pendingChangeSets().size() + " schema changesets are pending: run 'archivist db upgrade'");
        }
        if (journalMode != null && !journalMode.equalsIgnoreCase("wal")) {
            problems.add("journal mode is " + journalMode + ", expected wal");
        }
        if (foreignKeys != null && !foreignKeys) {
            problems.add("foreign keys are not enforced");
        }
        return problems;
    }

    public boolean isHealthy() {
        return problems().isEmpty();
    }
}
