package org.archivist.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * SQLite's bulk mode: the secondary indexes of the tables a large first scan writes are dropped
 * while it writes and built once at its end, which is several times cheaper than writing every
 * row through each of them. What is dropped is first written to {@code suspended_indexes} in the
 * same transaction as the drop, so a killed process leaves a record, never a silent gap: the next
 * start (and every schema upgrade) builds the recorded indexes again. Unique indexes, which keep
 * the data right rather than fast, are never dropped.
 */
@Component
public class SecondaryIndexes implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(SecondaryIndexes.class);

    private final JdbcTemplate jdbc;
    private final TransactionTemplate write;
    private final boolean sqlite;
    /** Bulk scans of this process that set indexes aside and have not ended: while there are any, what is recorded is theirs. */
    private final java.util.concurrent.atomic.AtomicInteger writingHere = new java.util.concurrent.atomic.AtomicInteger();

    SecondaryIndexes(JdbcTemplate jdbc, PlatformTransactionManager transactions, DatabaseLocation location) {
        this.jdbc = jdbc;
        this.write = new TransactionTemplate(transactions);
        this.sqlite = location.isSqlite();
    }

    /** The indexes one bulk write took away, until {@link #end} gives them back. */
    public record Suspension(List<String> indexes) {
    }

    /**
     * Drops the non-unique indexes of {@code tables} but those named in {@code kept}, and records them;
     * empty on PostgreSQL, or when indexes are suspended already (another bulk scan is under way: this
     * one simply profits).
     */
    public java.util.Optional<Suspension> suspend(List<String> tables, java.util.Set<String> kept) {
        if (!sqlite) return java.util.Optional.empty();
        List<String> dropped;
        synchronized (writingHere) {
            // Counted with the drop, so the workers' sweep never takes this scan's fresh records for left-overs.
            writingHere.incrementAndGet();
            try {
                dropped = dropAndRecord(tables, kept);
            } catch (RuntimeException | Error e) {
                writingHere.decrementAndGet();
                throw e;
            }
        }
        if (dropped.isEmpty()) {
            writingHere.decrementAndGet();
            return java.util.Optional.empty();
        }
        log.info("bulk mode: {} indexes of {} set aside until the scan ends: {}", dropped.size(), tables, dropped);
        return java.util.Optional.of(new Suspension(dropped));
    }

    private List<String> dropAndRecord(List<String> tables, java.util.Set<String> kept) {
        List<String> dropped = write.execute(status -> jdbc.execute((ConnectionCallback<List<String>>) connection -> {
            if (!suspended(connection).isEmpty()) return List.of();
            String in = String.join(", ", java.util.Collections.nCopies(tables.size(), "?"));
            List<String[]> indexes = new ArrayList<>();
            try (PreparedStatement query = connection.prepareStatement("SELECT name, tbl_name, sql FROM sqlite_master WHERE type = 'index'"
                    + " AND sql IS NOT NULL AND tbl_name IN (" + in + ") ORDER BY name")) {
                for (int i = 0; i < tables.size(); i++) query.setString(i + 1, tables.get(i));
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        if (!rows.getString(3).toUpperCase(Locale.ROOT).startsWith("CREATE UNIQUE") && !kept.contains(rows.getString(1))) {
                            indexes.add(new String[] {rows.getString(1), rows.getString(2), rows.getString(3)});
                        }
                    }
                }
            }
            String worker = ProcessName.current();
            try (PreparedStatement record = connection.prepareStatement(
                    "INSERT INTO suspended_indexes (name, table_name, definition, suspended_by) VALUES (?, ?, ?, ?)");
                 Statement drop = connection.createStatement()) {
                for (String[] index : indexes) {
                    record.setString(1, index[0]);
                    record.setString(2, index[1]);
                    record.setString(3, index[2]);
                    record.setString(4, worker);
                    record.executeUpdate();
                    drop.execute("DROP INDEX \"" + index[0] + "\"");
                }
            }
            return indexes.stream().map(index -> index[0]).toList();
        }));
        return dropped == null ? List.of() : dropped;
    }

    /** Whether some indexes are set aside now (by any process): what work that needs them waits for. */
    public boolean anySetAside() {
        if (!sqlite) return false;
        try {
            return Boolean.TRUE.equals(jdbc.queryForObject("SELECT EXISTS (SELECT 1 FROM suspended_indexes)", Boolean.class));
        } catch (org.springframework.dao.DataAccessException olderSchema) {
            return false; // a schema from before bulk mode
        }
    }

    /**
     * The bulk write that set these indexes aside has ended: they are built again. If that fails now (a
     * full disk, a lock held too long), the exception says why and they stay recorded: a server's job
     * workers try again ({@link #restoreLeftOver()}, at most a minute apart between jobs), and so does the next start.
     */
    public void end(Suspension suspension) {
        try {
            restore();
        } finally {
            writingHere.decrementAndGet();
        }
    }

    /**
     * Builds what a bulk scan left recorded when no process is writing in bulk any more: one of this
     * process whose rebuild failed at its end, or a stopped process's. Answers how many were built.
     */
    public int restoreLeftOver() {
        // Under the lock suspend() takes: no bulk scan of this process can begin between the look and the rebuild.
        synchronized (writingHere) {
            // anySetAside() is false on a schema from before bulk mode (a test or benchmark at an older release).
            if (!sqlite || writingHere.get() > 0 || !anySetAside()) return 0;
            List<String> owners = jdbc.queryForList("SELECT DISTINCT suspended_by FROM suspended_indexes", String.class);
            if (owners.stream().anyMatch(ProcessName::aliveElsewhere)) return 0;
            log.warn("a bulk scan (by {}) ended without its indexes (killed, or their rebuild failed): building them again", owners);
            return restore();
        }
    }

    /** Builds every recorded index again (each with the removal of its record, in one transaction); returns how many. */
    public int restore() {
        if (!sqlite) return 0;
        long started = System.nanoTime();
        int built = 0;
        // One transaction per index: the writer's lock is held for one index at a time, and a kill between two keeps the rest recorded.
        while (true) {
            Integer one = write.execute(status -> jdbc.execute((ConnectionCallback<Integer>) connection -> rebuildOne(connection)));
            if (one == null || one == 0) break;
            built++;
        }
        if (built > 0) log.info("bulk mode: {} indexes built again in {} ms", built, (System.nanoTime() - started) / 1_000_000);
        return built;
    }

    /** At start: a bulk scan killed before its end left indexes recorded; a live process's scan keeps its own. */
    @Override
    public void afterSingletonsInstantiated() {
        restoreLeftOver();
    }

    /**
     * Rebuilds whatever is recorded on a plain connection: what a schema upgrade does first, so no
     * migration meets a database without an index it expects.
     */
    static void restoreOn(Connection connection) throws SQLException {
        if (!connection.getMetaData().getURL().startsWith("jdbc:sqlite:")) return;
        try (ResultSet table = connection.getMetaData().getTables(null, null, "suspended_indexes", null)) {
            if (!table.next()) return;
        }
        boolean auto = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try {
            while (rebuildOne(connection) > 0) connection.commit();
            connection.commit();
        } catch (SQLException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(auto);
        }
    }

    private static int rebuildOne(Connection connection) throws SQLException {
        List<String[]> recorded = suspended(connection);
        if (recorded.isEmpty()) return 0;
        String[] index = recorded.get(0);
        try (Statement create = connection.createStatement();
             PreparedStatement forget = connection.prepareStatement("DELETE FROM suspended_indexes WHERE name = ?")) {
            // A kill after the build and before the commit rolls both back: the record stays. IF NOT EXISTS covers an index built meanwhile.
            create.execute(index[1].replaceFirst("(?i)^\\s*CREATE\\s+INDEX\\s+(?!IF\\s+NOT\\s+EXISTS)", "CREATE INDEX IF NOT EXISTS "));
            forget.setString(1, index[0]);
            forget.executeUpdate();
        }
        return 1;
    }

    private static List<String[]> suspended(Connection connection) throws SQLException {
        List<String[]> recorded = new ArrayList<>();
        try (Statement query = connection.createStatement();
             ResultSet rows = query.executeQuery("SELECT name, definition FROM suspended_indexes ORDER BY name")) {
            while (rows.next()) recorded.add(new String[] {rows.getString(1), rows.getString(2)});
        }
        return recorded;
    }
}
