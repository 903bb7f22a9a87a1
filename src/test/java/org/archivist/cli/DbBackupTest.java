package org.archivist.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.archivist.ArchivistApplication;
import org.archivist.catalog.LibraryService;
import org.archivist.catalog.TagService;
import org.archivist.db.DatabaseLocation;
import org.archivist.db.SchemaMigrator;
import org.archivist.scan.ScanProgress;
import org.archivist.scan.ScanService;
import org.archivist.testing.TestDatabases;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/** {@code archivist db backup} and {@code restore}: SQLite's online backup while the application writes, a restore round trip; PostgreSQL's tools named. */
class DbBackupTest {

    @TempDir
    Path temp;

    @Test
    void anSQLiteBackupTakenWhileTheApplicationWritesRestoresToExactlyWhatItHeld() throws Exception {
        DatabaseLocation location = DatabaseLocation.sqlite(temp.resolve("archivist.db"));
        new SchemaMigrator(location).upgrade();
        Path library = Files.createDirectories(temp.resolve("photos"));
        for (int i = 0; i < 50; i++) Files.writeString(library.resolve("note" + i + ".txt"), "note " + i);
        Path backup = temp.resolve("backups/archivist-backup.db");
        Files.createDirectories(backup.getParent());
        try (ConfigurableApplicationContext context = ArchivistApplication.start(location)) {
            var libraries = context.getBean(LibraryService.class);
            var added = libraries.add("photos", library, Set.of(), List.of());
            context.getBean(ScanService.class).scan(libraries.get(added.getId()), false, ScanProgress.NONE);
            // The application goes on writing tags while the backup runs.
            AtomicBoolean writing = new AtomicBoolean(true);
            AtomicInteger tags = new AtomicInteger();
            Thread writer = new Thread(() -> {
                while (writing.get()) {
                    context.getBean(TagService.class).create(new org.archivist.catalog.TagSchemas.Create("during-" + tags.incrementAndGet(), null, null, null));
                }
            });
            writer.start();
            Thread.sleep(200);
            DbCommandTest.Result result = DbCommandTest.run("db", "backup", backup.toString(), "--db", location.jdbcUrl());
            writing.set(false);
            writer.join();
            assertThat(result.exitCode()).as(result.err()).isZero();
            assertThat(result.out()).contains("50 files catalogued").contains("integrity ok").contains("schema 0.10.0");
            assertThat(tags.get()).as("the application wrote during the backup").isPositive();
            assertThat(DbCommandTest.run("db", "backup", backup.toString(), "--db", location.jdbcUrl()).err()).as("never overwrites").contains("exists");

            long tagsInBackup;
            try (var copy = java.sql.DriverManager.getConnection("jdbc:sqlite:" + backup); var rows = copy.createStatement().executeQuery("SELECT count(*) FROM tags")) {
                rows.next();
                tagsInBackup = rows.getLong(1);
            }
            context.getBean(JdbcTemplate.class).update("DELETE FROM files");
            assertThat(tagsInBackup).isPositive();
        }
        DbCommandTest.Result refused = DbCommandTest.run("db", "restore", backup.toString(), "--db", location.jdbcUrl());
        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.err()).contains("without --yes");
        DbCommandTest.Result restored = DbCommandTest.run("db", "restore", backup.toString(), "--yes", "--db", location.jdbcUrl());
        assertThat(restored.exitCode()).as(restored.err()).isZero();
        assertThat(restored.out()).contains("50 files catalogued");
        try (var db = java.sql.DriverManager.getConnection(location.jdbcUrl()); var rows = db.createStatement().executeQuery("SELECT count(*) FROM files")) {
            rows.next();
            assertThat(rows.getLong(1)).isEqualTo(50);
        }
        try (var kept = Files.list(temp)) {
            assertThat(kept.map(p -> p.getFileName().toString())).as("the catalogue before the restore is kept").anyMatch(n -> n.startsWith("archivist.db.before-restore-"));
        }
        Files.writeString(temp.resolve("not-a-backup.db"), "hello");
        assertThat(DbCommandTest.run("db", "restore", temp.resolve("not-a-backup.db").toString(), "--yes", "--db", location.jdbcUrl()).err())
                .contains("not a backup that can be restored");
    }

    @Test
    void postgreSqlBackupsAreTheJobOfPgDumpAndTheCommandSaysHow() {
        DatabaseLocation location = TestDatabases.freshPostgres();
        DbCommandTest.Result result = DbCommandTest.run("db", "backup", temp.resolve("x.dump").toString(), "--db", location.jdbcUrl());
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("pg_dump --format=custom").contains("docs/deploy.md");
        assertThat(DbCommandTest.run("db", "restore", temp.resolve("x.dump").toString(), "--yes", "--db", location.jdbcUrl()).err()).contains("pg_restore");
    }
}
