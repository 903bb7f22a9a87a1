package org.archivist.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.archivist.ArchivistApplication;
import org.archivist.catalog.Library;
import org.archivist.catalog.LibraryService;
import org.archivist.db.ConnectionSettings;
import org.archivist.db.DatabaseLocation;
import org.archivist.db.SchemaMigrator;
import org.archivist.db.SecondaryIndexes;
import org.archivist.testing.TestDatabases;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * SQLite's bulk mode for the first scan of a large library: the secondary indexes are set aside
 * while the rows go in and built at the end, and a process killed at any point leaves a record
 * from which the next start builds them again. The threshold is lowered so that small trees use it.
 */
class BulkScanTest {

    @TempDir
    Path temp;

    @Test
    void aLargeFirstScanWritesInBulkAndEndsWithEveryIndexAndTheSearchIndex() throws Exception {
        DatabaseLocation location = TestDatabases.freshSqlite();
        new SchemaMigrator(location).upgrade();
        Map<String, String> before = indexes(location);
        assertThat(before).containsKeys("ix_files_sha256", "ix_file_metadata_artist", "ix_items_item_date");
        assertThat(before.get("ix_files_sha256")).as("a partial index: most files wait for their hash").contains("WHERE sha256 IS NOT NULL");
        assertThat(before).as("indexes another one covers are gone").doesNotContainKeys("ix_files_media_type", "ix_jobs_status");
        Path large = tree("large", 1_200);
        Path small = tree("small", 100);
        try (ConfigurableApplicationContext context = ArchivistApplication.start(location, "archivist.scan.bulk-files=1000")) {
            LibraryService libraries = context.getBean(LibraryService.class);
            Library library = libraries.add("large", large, Set.of(), List.of());
            List<String> notices = new ArrayList<>();
            ScanReport report = context.getBean(ScanService.class).scan(library, false, noticesInto(notices));
            assertThat(report.added()).isEqualTo(1_200);
            assertThat(notices).anyMatch(n -> n.startsWith("first scan of 1200 files: written in bulk"));
            assertThat(indexes(location)).as("every index is back, as it was").isEqualTo(before);
            JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
            assertThat(jdbc.queryForObject("SELECT count(*) FROM suspended_indexes", Long.class)).isZero();
            assertThat(jdbc.queryForObject("SELECT count(*) FROM item_search WHERE item_search MATCH 'note0777'", Long.class))
                    .as("the search index knows the files written in bulk").isEqualTo(1);
            assertThat(plan(jdbc, "SELECT id FROM files WHERE sha256 = 'ab'")).as("a lookup by hash uses the partial index").contains("ix_files_sha256");
            assertThat(plan(jdbc, "SELECT file_id FROM file_metadata WHERE artist = 'x'")).contains("ix_file_metadata_artist");
            assertThat(plan(jdbc, "SELECT id FROM files WHERE library_id = 1 AND id > 5 AND sha256 IS NULL AND status <> 'missing' ORDER BY id LIMIT 200"))
                    .as("the hashing stage's queue, in order, from the files that wait for a hash").contains("ix_files_unhashed").doesNotContain("TEMP B-TREE");

            Files.writeString(large.resolve("n/new.txt"), "one more");
            List<String> again = new ArrayList<>();
            assertThat(context.getBean(ScanService.class).scan(libraries.get(library.getId()), false, noticesInto(again)).added()).isEqualTo(1);
            assertThat(again).as("a rescan writes through the indexes").noneMatch(n -> n.contains("bulk"));
            List<String> few = new ArrayList<>();
            context.getBean(ScanService.class).scan(libraries.add("small", small, Set.of(), List.of()), false, noticesInto(few));
            assertThat(few).as("a small first scan writes through the indexes").noneMatch(n -> n.contains("bulk"));
        }
    }

    /** Killed right after the indexes were set aside, and killed while an index was being built again: the next start finishes. */
    @Test
    void indexesSetAsideByAStoppedProcessAreBuiltAgainByTheNextStartOrUpgrade() throws Exception {
        DatabaseLocation location = TestDatabases.freshSqlite();
        new SchemaMigrator(location).upgrade();
        Map<String, String> before = indexes(location);
        try (ConfigurableApplicationContext context = ArchivistApplication.start(location)) {
            assertThat(context.getBean(SecondaryIndexes.class).suspend(org.archivist.catalog.FileCatalog.SCANNED_TABLES, org.archivist.catalog.FileCatalog.KEPT_IN_BULK)).isPresent();
            assertThat(context.getBean(SecondaryIndexes.class).suspend(org.archivist.catalog.FileCatalog.SCANNED_TABLES, org.archivist.catalog.FileCatalog.KEPT_IN_BULK))
                    .as("set aside once, however many bulk scans run").isEmpty();
        }
        // The "process" that set them aside ended without building them (as if killed): the record stays, the indexes are gone.
        assertThat(indexes(location)).doesNotContainKeys("ix_files_sha256", "ix_items_title");
        try (Connection db = open(location)) {
            assertThat(count(db, "SELECT count(*) FROM suspended_indexes")).isGreaterThanOrEqualTo(10);
            // Killed in the middle of building them again: one is built, its record not yet removed.
            db.createStatement().execute("CREATE INDEX ix_items_title ON items (title)");
            db.createStatement().execute("UPDATE suspended_indexes SET suspended_by = 'localhost:999999999'");
        }
        new SchemaMigrator(location).upgrade();
        assertThat(indexes(location)).as("an upgrade builds them before any migration").isEqualTo(before);

        try (ConfigurableApplicationContext context = ArchivistApplication.start(location)) {
            context.getBean(SecondaryIndexes.class).suspend(List.of("files"), Set.of());
        }
        try (Connection db = open(location)) {
            db.createStatement().execute("UPDATE suspended_indexes SET suspended_by = 'localhost:999999999'");
        }
        try (ConfigurableApplicationContext context = ArchivistApplication.start(location)) {
            assertThat(indexes(location)).as("a start builds what a dead process set aside").isEqualTo(before);
        }
    }

    /** The rebuild at a bulk scan's end fails (here a table holds an index's name; a full disk does the same): the workers' sweep builds them later, without a restart. */
    @Test
    void indexesWhoseRebuildFailedAtTheScansEndAreBuiltAgainWithoutARestart() throws Exception {
        DatabaseLocation location = TestDatabases.freshSqlite();
        new SchemaMigrator(location).upgrade();
        Map<String, String> before = indexes(location);
        try (ConfigurableApplicationContext context = ArchivistApplication.start(location)) {
            SecondaryIndexes indexes = context.getBean(SecondaryIndexes.class);
            JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
            SecondaryIndexes.Suspension bulk = indexes.suspend(org.archivist.catalog.FileCatalog.SCANNED_TABLES,
                    org.archivist.catalog.FileCatalog.KEPT_IN_BULK).orElseThrow();
            assertThat(indexes.restoreLeftOver()).as("nothing is taken from a bulk scan of this process that is still writing").isZero();
            jdbc.execute("CREATE TABLE ix_items_title (x)");
            assertThatThrownBy(() -> indexes.end(bulk)).hasStackTraceContaining("ix_items_title");
            assertThat(jdbc.queryForObject("SELECT count(*) FROM suspended_indexes", Long.class)).as("what was not built stays recorded").isPositive();
            jdbc.execute("DROP TABLE ix_items_title");
            assertThat(indexes.restoreLeftOver()).isPositive();
            assertThat(jdbc.queryForObject("SELECT count(*) FROM suspended_indexes", Long.class)).isZero();
        }
        assertThat(indexes(location)).isEqualTo(before);
    }

    /** A real scan process SIGKILLed while it writes in bulk: the next start builds the indexes, the scan resumed finishes the library. */
    @Test
    void aBulkScanKilledHalfwayResumesAndTheSchemaGetsItsIndexesBack() throws Exception {
        DatabaseLocation location = TestDatabases.freshSqlite();
        new SchemaMigrator(location).upgrade();
        Map<String, String> before = indexes(location);
        Path root = tree("killed", 12_000);
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Darchivist.scan.bulk-files=1000",
                "-cp", System.getProperty("java.class.path"), "org.archivist.ArchivistApplication", "scan", root.toString(), "--no-dupes",
                "--threads", "1", "--db", location.jdbcUrl())
                .redirectErrorStream(true).redirectOutput(temp.resolve("scan.log").toFile()).start();
        boolean killed = false;
        long setAside = 0;
        try (Connection db = open(location)) {
            long deadline = System.nanoTime() + 120_000_000_000L;
            while (child.isAlive() && System.nanoTime() < deadline) {
                long files = count(db, "SELECT count(*) FROM files");
                setAside = count(db, "SELECT count(*) FROM suspended_indexes");
                if (files > 1_000 && files < 10_000 && setAside > 0) {
                    child.destroyForcibly().waitFor();
                    killed = true;
                    break;
                }
                Thread.sleep(5);
            }
        } finally {
            if (child.isAlive()) child.destroyForcibly().waitFor();
        }
        assertThat(killed).as("killed while it wrote in bulk (its output: %s)", Files.readString(temp.resolve("scan.log"))).isTrue();
        assertThat(indexes(location)).as("killed with its indexes set aside").doesNotContainKey("ix_files_sha256")
                .as("but the one an item's page needs while the scan runs").containsKey("ix_files_item_id");
        try (ConfigurableApplicationContext context = ArchivistApplication.start(location)) {
            assertThat(indexes(location)).as("the next start builds them").isEqualTo(before);
            LibraryService libraries = context.getBean(LibraryService.class);
            Library library = libraries.list().get(0);
            ScanReport resumed = context.getBean(ScanService.class).scan(library, false, ScanProgress.NONE);
            JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
            assertThat(jdbc.queryForObject("SELECT count(*) FROM files", Long.class)).isEqualTo(12_000);
            assertThat(jdbc.queryForObject("SELECT count(DISTINCT path) FROM files", Long.class)).isEqualTo(12_000);
            assertThat(jdbc.queryForObject("SELECT count(*) FROM items", Long.class)).as("one item per file, none twice").isEqualTo(12_000);
            assertThat(resumed.added()).isLessThan(12_000).isPositive();
            assertThat(indexes(location)).isEqualTo(before);
        }
    }

    private Path tree(String name, int files) throws Exception {
        Path root = temp.resolve(name);
        for (int n = 0; n < files; n++) {
            Path folder = Files.createDirectories(root.resolve(n % 2 == 0 ? "n" : "m"));
            Files.writeString(folder.resolve(String.format("note%04d.txt", n)), "note " + n);
        }
        return root;
    }

    private static ScanProgress noticesInto(List<String> notices) {
        return new ScanProgress() {
            @Override
            public void notice(String message) {
                notices.add(message);
            }
        };
    }

    private static String plan(JdbcTemplate jdbc, String query) {
        return String.join(" ", jdbc.query("EXPLAIN QUERY PLAN " + query, (rows, n) -> rows.getString("detail")));
    }

    private static Connection open(DatabaseLocation location) throws Exception {
        return DriverManager.getConnection(location.jdbcUrl(), ConnectionSettings.application(location));
    }

    private static long count(Connection db, String query) throws Exception {
        try (ResultSet rows = db.createStatement().executeQuery(query)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /** The database's indexes by name, each with its definition. */
    private static Map<String, String> indexes(DatabaseLocation location) throws Exception {
        Map<String, String> indexes = new TreeMap<>();
        try (Connection db = open(location);
             ResultSet rows = db.createStatement().executeQuery("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL")) {
            while (rows.next()) indexes.put(rows.getString(1), rows.getString(2));
        }
        return indexes;
    }
}
