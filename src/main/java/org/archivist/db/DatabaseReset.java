package org.archivist.db;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Drops every table, view, trigger and function in the catalogue's database or schema,
 * Liquibase's history included. Files on disk are never touched.
 */
public final class DatabaseReset {

    private DatabaseReset() {
    }

    /** Returns how many objects were dropped. */
    public static int dropEverything(DatabaseLocation location) {
        DatabasePreflight.check(location);
        try (Connection connection = DriverManager.getConnection(location.jdbcUrl(), ConnectionSettings.migrations(location))) {
            connection.setAutoCommit(false);
            List<String> drops = location.isSqlite() ? sqliteDrops(connection) : postgresDrops(connection);
            try (Statement statement = connection.createStatement()) {
                for (String drop : drops) {
                    statement.execute(drop);
                }
            }
            connection.commit();
            return drops.size();
        } catch (SQLException e) {
            throw new DatabaseException("reset of " + location.displayUrl() + " failed: " + DatabasePreflight.rootMessage(e), e);
        }
    }

    private static List<String> sqliteDrops(Connection connection) throws SQLException {
        List<String> drops = new ArrayList<>();
        // Virtual tables first: dropping one drops its shadow tables, which must not be dropped alone.
        String sql = """
                SELECT type, name FROM sqlite_master
                WHERE name NOT LIKE 'sqlite_%' AND type IN ('trigger', 'view', 'table')
                  AND NOT (type = 'table' AND EXISTS (
                      SELECT 1 FROM sqlite_master v
                      WHERE v.type = 'table' AND v.sql LIKE 'CREATE VIRTUAL TABLE%'
                        AND sqlite_master.name IN (v.name || '_data', v.name || '_idx', v.name || '_content',
                                                   v.name || '_docsize', v.name || '_config')))
                ORDER BY CASE type WHEN 'trigger' THEN 0 WHEN 'view' THEN 1 ELSE 2 END,
                         CASE WHEN sql LIKE 'CREATE VIRTUAL TABLE%' THEN 0 ELSE 1 END
                """;
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                drops.add("DROP " + rows.getString(1).toUpperCase() + " IF EXISTS \"" + rows.getString(2).replace("\"", "\"\"") + "\"");
            }
        }
        return drops;
    }

    private static List<String> postgresDrops(Connection connection) throws SQLException {
        List<String> drops = new ArrayList<>();
        try (Statement statement = connection.createStatement()) {
            try (ResultSet rows = statement.executeQuery(
                    "SELECT quote_ident(table_name), table_type FROM information_schema.tables WHERE table_schema = current_schema()")) {
                while (rows.next()) {
                    String kind = rows.getString(2).equals("VIEW") ? "VIEW" : "TABLE";
                    drops.add("DROP " + kind + " IF EXISTS " + rows.getString(1) + " CASCADE");
                }
            }
            try (ResultSet rows = statement.executeQuery("""
                    SELECT p.oid::regprocedure::text FROM pg_proc p
                    WHERE p.pronamespace = current_schema()::regnamespace
                      AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = p.oid AND d.deptype = 'e')
                    """)) {
                while (rows.next()) {
                    drops.add("DROP FUNCTION IF EXISTS " + rows.getString(1) + " CASCADE");
                }
            }
        }
        return drops;
    }
}
