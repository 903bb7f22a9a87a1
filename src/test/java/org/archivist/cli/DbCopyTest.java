package org.archivist.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.archivist.ArchivistApplication;
import org.archivist.catalog.CollectionSchemas;
import org.archivist.catalog.CollectionService;
import org.archivist.catalog.ItemFields;
import org.archivist.catalog.LibraryService;
import org.archivist.catalog.PeopleService;
import org.archivist.catalog.PersonRole;
import org.archivist.catalog.StudioSchemas;
import org.archivist.db.ConnectionSettings;
import org.archivist.db.DatabaseLocation;
import org.archivist.db.SchemaMigrator;
import org.archivist.dedup.DuplicateDetection;
import org.archivist.scan.ScanProgress;
import org.archivist.scan.ScanService;
import org.archivist.testing.Corpus;
import org.archivist.testing.TestDatabases;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

/** {@code archivist db copy}: SQLite to PostgreSQL and back equals the original, also after a copy stopped halfway; a used target is refused. */
class DbCopyTest {

    @TempDir
    Path temp;

    @Test
    void aCatalogueCopiedToPostgresqlAndBackIsTheSameAndAStoppedCopyResumes() throws Exception {
        DatabaseLocation original = TestDatabases.freshSqlite();
        new SchemaMigrator(original).upgrade();
        Path root = Files.createDirectories(temp.resolve("photos"));
        for (String name : List.of("Canon_40D.jpg", "DSCN0010.jpg")) Files.copy(Corpus.media().resolve("images").resolve(name), root.resolve(name));
        Files.copy(Corpus.media().resolve("images/DSCN0010.jpg"), root.resolve("twin.jpg"));
        for (int i = 0; i < 30; i++) Files.writeString(root.resolve("note-" + i + ".txt"), "note " + i);
        try (ConfigurableApplicationContext context = ArchivistApplication.start(original)) {
            LibraryService libraries = context.getBean(LibraryService.class);
            long library = libraries.add("photos", root, Set.of(), List.of()).getId();
            context.getBean(ScanService.class).scan(libraries.get(library), false, ScanProgress.NONE);
            context.getBean(DuplicateDetection.class).findExact(1, line -> { });
            var jdbc = context.getBean(org.springframework.jdbc.core.JdbcTemplate.class);
            long item = jdbc.queryForObject("SELECT item_id FROM files WHERE file_name = 'Canon_40D.jpg'", Long.class);
            ItemFields fields = context.getBean(ItemFields.class);
            fields.addTag(item, "Holiday", null);
            fields.addPerson(item, "Ada Lovelace", PersonRole.PERFORMER);
            fields.lock(item, "title");
            // A studio whose parent was made after it: the copy must not need parents first within one table.
            PeopleService people = context.getBean(PeopleService.class);
            long child = people.create(new StudioSchemas.Create("Child Studio", null, null)).getId();
            long parent = people.create(new StudioSchemas.Create("Parent Studio", null, null)).getId();
            people.update(child, new StudioSchemas.Update(null, parent));
            long collection = context.getBean(CollectionService.class).create(new CollectionSchemas.Create("Best", null)).id();
            context.getBean(CollectionService.class).append(collection, List.of(item));
        }
        DatabaseLocation postgres = TestDatabases.freshPostgres();
        DbCommandTest.Result there = DbCommandTest.run("db", "copy", "--db", original.jdbcUrl(), "--to", postgres.jdbcUrl());
        assertThat(there.exitCode()).as(there.err()).isZero();
        assertThat(there.out()).contains("files: 33 rows copied, verified").contains("each table's row count and checksum equal");
        try (Connection db = DriverManager.getConnection(postgres.jdbcUrl(), ConnectionSettings.application(postgres))) {
            assertThat(count(db, "SELECT count(*) FROM item_search")).as("the target's search index is made").isPositive();
            // New rows on the target take new ids after the copied ones.
            db.createStatement().executeUpdate("INSERT INTO tags (name) VALUES ('made after the copy')");
        }
        assertThat(DbCommandTest.run("db", "copy", "--db", original.jdbcUrl(), "--to", postgres.jdbcUrl()).err())
                .as("a used target is refused").contains("already holds a catalogue");

        // A copy stopped in the middle of the files table (simulated: the mark put back, half the rows gone), then run again.
        DatabaseLocation second = TestDatabases.freshPostgres();
        assertThat(DbCommandTest.run("db", "copy", "--db", original.jdbcUrl(), "--to", second.jdbcUrl()).exitCode()).isZero();
        try (Connection db = DriverManager.getConnection(second.jdbcUrl(), ConnectionSettings.application(second))) {
            db.createStatement().executeUpdate("INSERT INTO settings (key, value) VALUES ('db.copy.from', CAST('\"" + original.displayUrl() + "\"' AS jsonb))");
            for (String table : List.of("user_decisions", "duplicates", "collection_items", "item_field_locks", "item_people", "item_tags", "file_metadata")) {
                db.createStatement().executeUpdate("DELETE FROM " + table);
            }
            db.createStatement().executeUpdate("DELETE FROM files WHERE id % 2 = 0");
        }
        DbCommandTest.Result resumed = DbCommandTest.run("db", "copy", "--db", original.jdbcUrl(), "--to", second.jdbcUrl());
        assertThat(resumed.exitCode()).as(resumed.err()).isZero();
        assertThat(resumed.out()).contains("libraries: 1 rows, copied before, verified").contains("files: 33 rows copied, verified");

        DatabaseLocation back = TestDatabases.freshSqlite();
        DbCommandTest.Result home = DbCommandTest.run("db", "copy", "--db", second.jdbcUrl(), "--to", back.jdbcUrl());
        assertThat(home.exitCode()).as(home.err()).isZero();
        assertThat(dump(back)).as("SQLite -> PostgreSQL -> SQLite is the original").isEqualTo(dump(original));
    }

    /** A real process copying 20,000 files' rows, killed (SIGKILL) while it writes them; the same command run again finishes the copy. */
    @Test
    void aCopyKilledHalfwayIsFinishedByRunningItAgain() throws Exception {
        DatabaseLocation original = TestDatabases.freshSqlite();
        new SchemaMigrator(original).upgrade();
        try (ConfigurableApplicationContext context = ArchivistApplication.start(original)) {
            long library = context.getBean(LibraryService.class).add("generated", Files.createDirectories(temp.resolve("generated")), Set.of(), List.of()).getId();
            org.archivist.catalog.FileCatalog catalog = context.getBean(org.archivist.catalog.FileCatalog.class);
            List<org.archivist.catalog.ScannedFile> batch = new java.util.ArrayList<>();
            for (int n = 0; n < 20_000; n++) {
                java.time.Instant taken = java.time.Instant.parse("2010-01-01T00:00:00Z").plusSeconds(3_000L * n);
                batch.add(new org.archivist.catalog.ScannedFile("g/" + n + ".jpg", 1000 + n, null, taken, "image/jpeg", org.archivist.catalog.MediaType.IMAGE,
                        Long.toHexString(n), null, new org.archivist.catalog.CaptureDate(taken, 60, org.archivist.catalog.TimestampSource.EXIF,
                        org.archivist.catalog.Confidence.HIGH), null, new org.archivist.catalog.ItemProposal(org.archivist.catalog.ItemKind.PHOTO, "photo " + n,
                        null, null, null, null), null));
                if (batch.size() == 1_000) {
                    catalog.insertNew(library, batch);
                    batch.clear();
                }
            }
        }
        DatabaseLocation postgres = TestDatabases.freshPostgres();
        new SchemaMigrator(postgres).upgrade();
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", System.getProperty("java.class.path"),
                "org.archivist.ArchivistApplication", "db", "copy", "--db", original.jdbcUrl(), "--to", postgres.jdbcUrl())
                .redirectErrorStream(true).redirectOutput(temp.resolve("copy.log").toFile()).start();
        boolean killed = false;
        try (Connection db = DriverManager.getConnection(postgres.jdbcUrl(), ConnectionSettings.application(postgres))) {
            long deadline = System.nanoTime() + 120_000_000_000L;
            while (child.isAlive() && System.nanoTime() < deadline) {
                long files = count(db, "SELECT count(*) FROM files");
                if (files > 2_000 && files < 20_000) {
                    child.destroyForcibly().waitFor();
                    killed = true;
                    break;
                }
                Thread.sleep(10);
            }
        } finally {
            if (child.isAlive()) child.destroyForcibly().waitFor();
        }
        assertThat(killed).as("killed while it copied the files (its output: %s)", Files.readString(temp.resolve("copy.log"))).isTrue();
        DbCommandTest.Result again = DbCommandTest.run("db", "copy", "--db", original.jdbcUrl(), "--to", postgres.jdbcUrl());
        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(again.out()).contains("libraries: 1 rows, copied before, verified").contains("files: 20000 rows copied, verified")
                .contains("items: 20000 rows");
        DatabaseLocation back = TestDatabases.freshSqlite();
        assertThat(DbCommandTest.run("db", "copy", "--db", postgres.jdbcUrl(), "--to", back.jdbcUrl()).exitCode()).isZero();
        assertThat(dump(back)).isEqualTo(dump(original));
    }

    /** Every copied table's rows as text, in key order (both SQLite: one spelling). */
    private static Map<String, List<String>> dump(DatabaseLocation location) throws Exception {
        Map<String, List<String>> tables = new TreeMap<>();
        try (Connection db = DriverManager.getConnection(location.jdbcUrl(), ConnectionSettings.application(location))) {
            List<String> names = new java.util.ArrayList<>();
            try (var rows = db.createStatement().executeQuery("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
                    + " AND name NOT LIKE 'databasechangelog%' AND name NOT LIKE 'item_search%' AND name NOT LIKE 'spring_session%' AND name <> 'scheduler_executions'")) {
                while (rows.next()) names.add(rows.getString(1));
            }
            for (String name : names) {
                List<String> rows = new java.util.ArrayList<>();
                try (var all = db.createStatement().executeQuery("SELECT * FROM " + name + " ORDER BY 1, 2")) {
                    int columns = all.getMetaData().getColumnCount();
                    while (all.next()) {
                        StringBuilder row = new StringBuilder();
                        for (int c = 1; c <= columns; c++) row.append(sameJson(all.getString(c))).append('|');
                        rows.add(row.toString());
                    }
                }
                tables.put(name, rows);
            }
        }
        return tables;
    }

    private static final tools.jackson.databind.json.JsonMapper SORTED = tools.jackson.databind.json.JsonMapper.builder()
            .enable(tools.jackson.databind.SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).build();

    /** JSON with its keys in order: PostgreSQL's jsonb keeps its own order, and a round trip through it is the same JSON. */
    private static String sameJson(String value) {
        if (value == null || !(value.startsWith("{") || value.startsWith("["))) return value;
        try {
            return SORTED.writeValueAsString(SORTED.readValue(value, Object.class));
        } catch (RuntimeException e) {
            return value;
        }
    }

    private static long count(Connection db, String sql) throws Exception {
        try (var rows = db.createStatement().executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
