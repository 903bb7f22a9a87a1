package org.archivist.db;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;

/** Checks that a database answers, how fast, and that it is set up as Archivist needs. */
public final class DatabaseHealth {

    private static final int ROUND_TRIPS = 9;

    private DatabaseHealth() {
    }

    public static HealthReport check(DatabaseLocation location) {
        DatabasePreflight.check(location);
        SchemaStatus schema = new SchemaMigrator(location).status();
        try (Connection connection = DriverManager.getConnection(location.jdbcUrl(), ConnectionSettings.application(location));
             Statement statement = connection.createStatement()) {
            String version = connection.getMetaData().getDatabaseProductVersion();
            String journalMode = null;
            Boolean foreignKeys = null;
            if (location.isSqlite()) {
                journalMode = queryString(statement, "PRAGMA journal_mode");
                foreignKeys = "1".equals(queryString(statement, "PRAGMA foreign_keys"));
            }
            return new HealthReport(location.engine(), version, location.displayUrl(), schema,
                    journalMode, foreignKeys, medianRoundTripMillis(statement));
        } catch (SQLException e) {
            throw new DatabaseException("health check of " + location.displayUrl() + " failed: " + DatabasePreflight.rootMessage(e), e);
        }
    }

    private static double medianRoundTripMillis(Statement statement) throws SQLException {
        double[] millis = new double[ROUND_TRIPS];
        for (int i = 0; i < ROUND_TRIPS; i++) {
            long start = System.nanoTime();
            queryString(statement, "SELECT 1");
            millis[i] = (System.nanoTime() - start) / 1_000_000.0;
        }
        Arrays.sort(millis);
        return millis[ROUND_TRIPS / 2];
    }

    private static String queryString(Statement statement, String sql) throws SQLException {
        try (ResultSet result = statement.executeQuery(sql)) {
            return result.next() ? result.getString(1) : null;
        }
    }
}
