package org.archivist.db;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code archivist db copy --to URL}: a whole catalogue from SQLite to PostgreSQL or back, so a
 * household that outgrows one file moves without a rescan and without losing a decision, review or
 * tag. The target gets this version's schema, then every table in the order its foreign keys need,
 * in batches of 1,000 rows; each table is then verified: the same number of rows and the same
 * checksum (SHA-256 over every row, each value written the same way whatever the engine stores:
 * instants to the millisecond, booleans, JSON with its keys in order). A copy that stops halfway is
 * run again: the tables already verified stay, the one it was in is emptied and copied again. A
 * target that holds anything else is refused. Left out: the migration bookkeeping, the search index
 * (each engine's own; the target's is rebuilt from the copied rows), sign-in sessions and the
 * scheduler's run state (each rebuilt as the server starts).
 */
public final class DatabaseCopy {

    /** The mark a copy leaves in the target's settings until it is done: another start of the same copy resumes it. */
    static final String MARK = "db.copy.from";

    /** One table copied and verified. */
    public record TableCopy(String table, long rows, String checksum, boolean resumed) {
    }

    private enum Kind { PLAIN, INSTANT, DATE, BOOLEAN, JSON, BYTES, INTEGER, DECIMAL }

    private record Column(String name, Kind kind) {
    }

    private record Table(String name, List<Column> columns, List<String> key, List<String> selfReferences) {
    }

    private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).build();

    private DatabaseCopy() {
    }

    public static List<TableCopy> copy(DatabaseLocation from, DatabaseLocation to, Consumer<String> progress) {
        if (from.jdbcUrl().equals(to.jdbcUrl())) throw new IllegalArgumentException("--to: the target is the source itself");
        SchemaStatus source = new SchemaMigrator(from).status();
        if (!SchemaMigrator.releaseTag().equals(source.currentTag())) {
            throw new IllegalArgumentException("the source's schema is " + source.currentTag() + ", not this version's " + SchemaMigrator.releaseTag()
                    + ": run 'archivist db upgrade' on it first");
        }
        new SchemaMigrator(to).upgrade();
        SqlValues fromValues = new SqlValues(from);
        SqlValues toValues = new SqlValues(to);
        try (Connection in = DriverManager.getConnection(from.jdbcUrl(), ConnectionSettings.application(from));
             Connection out = DriverManager.getConnection(to.jdbcUrl(), ConnectionSettings.application(to))) {
            out.setAutoCommit(false);
            // Column kinds are read from whichever side is PostgreSQL (SQLite says TEXT for an instant and for a name alike).
            Connection typed = from.isSqlite() ? out : in;
            List<Table> tables = tables(typed);
            String mark = from.displayUrl();
            boolean resuming = prepareTarget(out, toValues, tables, mark);
            List<TableCopy> copied = new ArrayList<>();
            boolean later = false;
            for (Table table : tables) {
                String sourceSum = checksum(in, fromValues, table, false);
                long sourceRows = count(in, table.name(), false);
                if (resuming && !later && count(out, table.name(), true) == sourceRows && checksum(out, toValues, table, true).equals(sourceSum)) {
                    copied.add(new TableCopy(table.name(), sourceRows, sourceSum, true));
                    progress.accept(table.name() + ": " + sourceRows + " rows, copied before, verified");
                    continue;
                }
                // The table a stopped copy was in, or one not begun: copied (again) from its first row.
                later = true;
                try (Statement empty = out.createStatement()) {
                    empty.executeUpdate("DELETE FROM " + table.name() + where(table.name(), true));
                }
                out.commit();
                long rows = copyRows(in, out, fromValues, toValues, table);
                String targetSum = checksum(out, toValues, table, true);
                long targetRows = count(out, table.name(), true);
                if (targetRows != sourceRows || !targetSum.equals(sourceSum)) {
                    throw new DatabaseException("the copy of " + table.name() + " does not verify: " + sourceRows + " rows, checksum " + sourceSum
                            + " in the source; " + targetRows + " rows, checksum " + targetSum + " in the target");
                }
                copied.add(new TableCopy(table.name(), rows, targetSum, false));
                progress.accept(table.name() + ": " + rows + " rows copied, verified");
            }
            if (!to.isSqlite()) resetIdentities(out, tables);
            try (PreparedStatement done = out.prepareStatement("DELETE FROM settings WHERE key = ?")) {
                done.setString(1, MARK);
                done.executeUpdate();
            }
            out.commit();
            return copied;
        } catch (SQLException e) {
            throw new DatabaseException("could not copy " + from.displayUrl() + " to " + to.displayUrl() + ": " + e.getMessage()
                    + " (run the same command again to go on from the table it was in)", e);
        }
    }

    /**
     * An empty target is marked as this copy's; a target marked by the same source is resumed;
     * anything else (another catalogue, a used one) is refused, so that nothing in it is lost.
     */
    private static boolean prepareTarget(Connection out, SqlValues values, List<Table> tables, String mark) throws SQLException {
        String marked = null;
        try (PreparedStatement find = out.prepareStatement("SELECT value FROM settings WHERE key = ?")) {
            find.setString(1, MARK);
            try (ResultSet rows = find.executeQuery()) {
                if (rows.next()) marked = JSON.readTree(rows.getString(1)).asString();
            }
        }
        if (marked != null) {
            if (!marked.equals(mark)) throw new IllegalArgumentException("--to: the target holds an unfinished copy of " + marked + ", not of " + mark);
            return true;
        }
        for (Table table : tables) {
            if (count(out, table.name(), true) > 0) {
                throw new IllegalArgumentException("--to: the target already holds a catalogue (" + table.name() + " has rows); copy into an empty database");
            }
        }
        try (PreparedStatement insert = out.prepareStatement("INSERT INTO settings (key, value, description, updated_at) VALUES (?, "
                + values.jsonParameter() + ", ?, ?)")) {
            insert.setString(1, MARK);
            insert.setString(2, JSON.writeValueAsString(mark));
            insert.setString(3, "an unfinished 'archivist db copy' from this catalogue");
            values.setInstant(insert, 4, Instants.now());
            insert.executeUpdate();
        }
        out.commit();
        return false;
    }

    /** The copy's own mark is not part of the settings it copies. */
    private static String where(String table, boolean target) {
        return table.equals("settings") ? " WHERE key <> '" + MARK + "'" : "";
    }

    private static long count(Connection connection, String table, boolean target) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery("SELECT count(*) FROM " + table + where(table, target))) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static long copyRows(Connection in, Connection out, SqlValues fromValues, SqlValues toValues, Table table) throws SQLException {
        String columns = String.join(", ", table.columns().stream().map(Column::name).toList());
        String marks = String.join(", ", table.columns().stream().map(c -> c.kind() == Kind.JSON ? toValues.jsonParameter() : "?").toList());
        long rows = 0;
        List<Object[]> later = new ArrayList<>();
        try (Statement read = in.createStatement();
             ResultSet source = read.executeQuery("SELECT " + columns + " FROM " + table.name() + where(table.name(), false) + order(table));
             PreparedStatement insert = out.prepareStatement("INSERT INTO " + table.name() + " (" + columns + ") VALUES (" + marks + ")")) {
            int batch = 0;
            while (source.next()) {
                Object[] selfReferences = new Object[table.selfReferences().size() + table.key().size()];
                for (int c = 0; c < table.columns().size(); c++) {
                    Column column = table.columns().get(c);
                    Object value = read(source, c + 1, column.kind(), fromValues);
                    int self = table.selfReferences().indexOf(column.name());
                    // A row may name one of its own table that comes later: the reference is set once every row is in.
                    if (self >= 0 && value != null) {
                        selfReferences[self] = value;
                        value = null;
                    }
                    write(insert, c + 1, column.kind(), value, toValues);
                }
                if (!table.selfReferences().isEmpty()) {
                    for (int k = 0; k < table.key().size(); k++) {
                        selfReferences[table.selfReferences().size() + k] = source.getObject(table.key().get(k));
                    }
                    if (java.util.Arrays.stream(selfReferences, 0, table.selfReferences().size()).anyMatch(java.util.Objects::nonNull)) later.add(selfReferences);
                }
                insert.addBatch();
                rows++;
                if (++batch == 1_000) {
                    insert.executeBatch();
                    out.commit();
                    batch = 0;
                }
            }
            if (batch > 0) insert.executeBatch();
        }
        if (!later.isEmpty()) {
            List<String> sets = table.selfReferences().stream().map(name -> name + " = ?").toList();
            List<String> keys = table.key().stream().map(name -> name + " = ?").toList();
            try (PreparedStatement update = out.prepareStatement("UPDATE " + table.name() + " SET " + String.join(", ", sets) + " WHERE " + String.join(" AND ", keys))) {
                for (Object[] row : later) {
                    for (int i = 0; i < row.length; i++) update.setObject(i + 1, row[i] instanceof Number n ? (Object) n.longValue() : row[i]);
                    update.addBatch();
                }
                update.executeBatch();
            }
        }
        out.commit();
        return rows;
    }

    private static String order(Table table) {
        List<String> by = table.key().isEmpty() ? table.columns().stream().map(Column::name).toList() : table.key();
        return " ORDER BY " + String.join(", ", by);
    }

    /** SHA-256 over every row in key order, each value in one spelling whatever the engine stores. */
    private static String checksum(Connection connection, SqlValues values, Table table, boolean target) throws SQLException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        String columns = String.join(", ", table.columns().stream().map(Column::name).toList());
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT " + columns + " FROM " + table.name() + where(table.name(), target) + order(table))) {
            StringBuilder row = new StringBuilder();
            while (rows.next()) {
                row.setLength(0);
                for (int c = 0; c < table.columns().size(); c++) {
                    Object value = read(rows, c + 1, table.columns().get(c).kind(), values);
                    row.append(canonical(value)).append('\u001f');
                }
                digest.update(row.append('\n').toString().getBytes(StandardCharsets.UTF_8));
            }
        }
        return HexFormat.of().formatHex(digest.digest()).substring(0, 16);
    }

    private static String canonical(Object value) {
        if (value == null) return "\u0000";
        if (value instanceof byte[] bytes) return HexFormat.of().formatHex(bytes);
        if (value instanceof JsonNode json) return canonicalJson(json);
        if (value instanceof Double d && d == Math.rint(d) && !Double.isInfinite(d)) return Long.toString(d.longValue()) + ".0";
        return value.toString();
    }

    /** JSON in one spelling: keys sorted (PostgreSQL's jsonb keeps its own order), numbers without trailing zeros. */
    private static String canonicalJson(JsonNode node) {
        if (node.isObject()) {
            java.util.TreeMap<String, JsonNode> sorted = new java.util.TreeMap<>();
            node.properties().forEach(entry -> sorted.put(entry.getKey(), entry.getValue()));
            StringBuilder out = new StringBuilder("{");
            sorted.forEach((key, value) -> out.append(JSON.writeValueAsString(key)).append(':').append(canonicalJson(value)).append(','));
            return out.append('}').toString();
        }
        if (node.isArray()) {
            StringBuilder out = new StringBuilder("[");
            for (JsonNode element : node) out.append(canonicalJson(element)).append(',');
            return out.append(']').toString();
        }
        if (node.isNumber()) return node.decimalValue().stripTrailingZeros().toPlainString();
        return JSON.writeValueAsString(node);
    }

    private static Object read(ResultSet rows, int column, Kind kind, SqlValues values) throws SQLException {
        return switch (kind) {
            case INSTANT -> values.getInstant(rows, column);
            case DATE -> {
                String text = rows.getString(column);
                yield text == null ? null : LocalDate.parse(text.substring(0, 10));
            }
            case BOOLEAN -> {
                boolean value = rows.getBoolean(column);
                yield rows.wasNull() ? null : value;
            }
            case JSON -> {
                String text = rows.getString(column);
                yield text == null ? null : JSON.readTree(text);
            }
            case BYTES -> rows.getBytes(column);
            case INTEGER -> {
                long value = rows.getLong(column);
                yield rows.wasNull() ? null : value;
            }
            case DECIMAL -> {
                double value = rows.getDouble(column);
                yield rows.wasNull() ? null : value;
            }
            case PLAIN -> rows.getString(column);
        };
    }

    private static void write(PreparedStatement statement, int index, Kind kind, Object value, SqlValues values) throws SQLException {
        switch (kind) {
            case INSTANT -> values.setInstant(statement, index, (Instant) value);
            case DATE -> values.setDate(statement, index, (LocalDate) value);
            case JSON -> statement.setString(index, value == null ? null : JSON.writeValueAsString(value));
            case BOOLEAN -> {
                if (value == null) statement.setNull(index, java.sql.Types.BOOLEAN);
                else statement.setBoolean(index, (Boolean) value);
            }
            case BYTES -> statement.setBytes(index, (byte[]) value);
            case INTEGER -> {
                if (value == null) statement.setNull(index, java.sql.Types.BIGINT);
                else statement.setLong(index, (Long) value);
            }
            case DECIMAL -> {
                if (value == null) statement.setNull(index, java.sql.Types.DOUBLE);
                else statement.setDouble(index, (Double) value);
            }
            case PLAIN -> statement.setString(index, (String) value);
        }
    }

    /** The tables to copy, parents before children, with each column's kind as the PostgreSQL side declares it. */
    private static List<Table> tables(Connection typed) throws SQLException {
        DatabaseMetaData meta = typed.getMetaData();
        boolean postgres = meta.getDatabaseProductName().toLowerCase(Locale.ROOT).contains("postgres");
        String schema = postgres ? "public" : null;
        List<String> names = new ArrayList<>();
        try (ResultSet rows = meta.getTables(null, schema, "%", new String[] {"TABLE"})) {
            while (rows.next()) {
                String name = rows.getString("TABLE_NAME").toLowerCase(Locale.ROOT);
                if (name.startsWith("databasechangelog") || name.startsWith("item_search") || name.startsWith("spring_session")
                        || name.equals("scheduler_executions") || name.equals("suspended_indexes") || name.startsWith("sqlite_")) continue;
                names.add(name);
            }
        }
        Map<String, Set<String>> parents = new LinkedHashMap<>();
        Map<String, List<String>> selfReferences = new LinkedHashMap<>();
        for (String name : names) {
            Set<String> own = new LinkedHashSet<>();
            List<String> self = new ArrayList<>();
            try (ResultSet keys = meta.getImportedKeys(null, schema, name)) {
                while (keys.next()) {
                    String parent = keys.getString("PKTABLE_NAME").toLowerCase(Locale.ROOT);
                    if (parent.equals(name)) self.add(keys.getString("FKCOLUMN_NAME").toLowerCase(Locale.ROOT));
                    else if (names.contains(parent)) own.add(parent);
                }
            }
            parents.put(name, own);
            selfReferences.put(name, self);
        }
        List<String> ordered = new ArrayList<>();
        while (ordered.size() < names.size()) {
            boolean progress = false;
            for (String name : names) {
                if (!ordered.contains(name) && ordered.containsAll(parents.get(name))) {
                    ordered.add(name);
                    progress = true;
                }
            }
            if (!progress) throw new IllegalStateException("the tables' foreign keys go round in a circle: " + parents);
        }
        List<Table> tables = new ArrayList<>();
        for (String name : ordered) {
            List<Column> columns = new ArrayList<>();
            try (ResultSet rows = meta.getColumns(null, schema, name, "%")) {
                while (rows.next()) columns.add(new Column(rows.getString("COLUMN_NAME").toLowerCase(Locale.ROOT), kind(rows.getString("TYPE_NAME"), postgres)));
            }
            List<String> key = new ArrayList<>();
            Map<Integer, String> bySequence = new java.util.TreeMap<>();
            try (ResultSet rows = meta.getPrimaryKeys(null, schema, name)) {
                while (rows.next()) bySequence.put(rows.getInt("KEY_SEQ"), rows.getString("COLUMN_NAME").toLowerCase(Locale.ROOT));
            }
            key.addAll(bySequence.values());
            tables.add(new Table(name, columns, key, selfReferences.get(name)));
        }
        return tables;
    }

    private static Kind kind(String type, boolean postgres) {
        String t = type.toLowerCase(Locale.ROOT);
        if (!postgres) return t.contains("int") ? Kind.INTEGER : t.contains("blob") ? Kind.BYTES : t.contains("double") || t.contains("real") ? Kind.DECIMAL
                : t.contains("bool") ? Kind.BOOLEAN : Kind.PLAIN;
        if (t.startsWith("timestamp")) return Kind.INSTANT;
        if (t.equals("date")) return Kind.DATE;
        if (t.equals("bool")) return Kind.BOOLEAN;
        if (t.equals("jsonb") || t.equals("json")) return Kind.JSON;
        if (t.equals("bytea")) return Kind.BYTES;
        if (t.startsWith("int") || t.equals("bigserial") || t.equals("serial")) return Kind.INTEGER;
        if (t.startsWith("float") || t.equals("numeric")) return Kind.DECIMAL;
        return Kind.PLAIN;
    }

    /** PostgreSQL's identity columns go on from the largest id copied, so the next row made there takes a new one. */
    private static void resetIdentities(Connection out, List<Table> tables) throws SQLException {
        for (Table table : tables) {
            if (!table.key().equals(List.of("id"))) continue;
            try (Statement statement = out.createStatement();
                 ResultSet sequence = statement.executeQuery("SELECT pg_get_serial_sequence('" + table.name() + "', 'id')")) {
                if (!sequence.next() || sequence.getString(1) == null) continue;
                String name = sequence.getString(1);
                try (Statement set = out.createStatement()) {
                    set.execute("SELECT setval('" + name + "', coalesce((SELECT max(id) FROM " + table.name() + "), 0) + 1, false)");
                }
            }
        }
    }
}
