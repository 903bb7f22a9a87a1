package org.archivist.db;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import org.springframework.stereotype.Component;

/**
 * Binds and reads instants, dates and JSON in plain JDBC exactly as Hibernate stores them, so bulk
 * writers that bypass JPA produce the same rows: UTC text with milliseconds on SQLite,
 * {@code timestamptz} and {@code jsonb} on PostgreSQL.
 */
@Component
public class SqlValues {

    private static final DateTimeFormatter SQLITE_INSTANT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");

    private final boolean sqlite;

    public SqlValues(DatabaseLocation location) {
        this.sqlite = location.isSqlite();
    }

    public boolean isSqlite() {
        return sqlite;
    }

    /** A placeholder for a JSON value: {@code ?} on SQLite, {@code CAST(? AS jsonb)} on PostgreSQL. */
    public String jsonParameter() {
        return sqlite ? "?" : "CAST(? AS jsonb)";
    }

    public void setInstant(PreparedStatement statement, int index, Instant instant) throws SQLException {
        if (instant == null) {
            statement.setNull(index, sqlite ? Types.VARCHAR : Types.TIMESTAMP_WITH_TIMEZONE);
        } else if (sqlite) {
            statement.setString(index, SQLITE_INSTANT.format(LocalDateTime.ofInstant(Instants.stored(instant), ZoneOffset.UTC)));
        } else {
            statement.setObject(index, OffsetDateTime.ofInstant(Instants.stored(instant), ZoneOffset.UTC));
        }
    }

    public Instant getInstant(ResultSet rows, String column) throws SQLException {
        return getInstant(rows, rows.findColumn(column));
    }

    /** "yyyy-MM-dd HH:mm:ss.SSS" read by hand: a rescan reads one per known file, and the formatter is slow. */
    static Instant parseSqlite(String text) {
        if (text.length() != 23 || text.charAt(4) != '-' || text.charAt(10) != ' ' || text.charAt(19) != '.') {
            return LocalDateTime.parse(text.replace(' ', 'T')).toInstant(ZoneOffset.UTC);
        }
        return LocalDateTime.of(digits(text, 0, 4), digits(text, 5, 7), digits(text, 8, 10), digits(text, 11, 13),
                digits(text, 14, 16), digits(text, 17, 19), digits(text, 20, 23) * 1_000_000).toInstant(ZoneOffset.UTC);
    }

    private static int digits(String text, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') throw new java.time.format.DateTimeParseException("not a stored instant", text, i);
            value = value * 10 + (c - '0');
        }
        return value;
    }

    /** The column's integer, or null: one read and {@code wasNull}, where {@code getObject} asks the driver for the type first. */
    public static Integer getInteger(ResultSet rows, int column) throws SQLException {
        int value = rows.getInt(column);
        return rows.wasNull() ? null : value;
    }

    public static Double getDouble(ResultSet rows, int column) throws SQLException {
        double value = rows.getDouble(column);
        return rows.wasNull() ? null : value;
    }

    public Instant getInstant(ResultSet rows, int column) throws SQLException {
        if (sqlite) {
            String text = rows.getString(column);
            return text == null ? null : parseSqlite(text);
        }
        OffsetDateTime value = rows.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    public void setDate(PreparedStatement statement, int index, LocalDate date) throws SQLException {
        if (date == null) {
            statement.setNull(index, sqlite ? Types.VARCHAR : Types.DATE);
        } else if (sqlite) {
            // The form the driver reads a date back in (its date_string_format), as Hibernate writes it too.
            statement.setString(index, date + " 00:00:00.000");
        } else {
            statement.setObject(index, date);
        }
    }

    public static void setNullable(PreparedStatement statement, int index, Object value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.NULL);
        } else if (value instanceof StoredEnum stored) {
            statement.setString(index, stored.value());
        } else {
            statement.setObject(index, value);
        }
    }
}
