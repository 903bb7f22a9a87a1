package org.archivist.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.archivist.cli.DbCommandTest.Result;
import org.archivist.db.Engine;
import org.archivist.testing.Corpus;
import org.archivist.testing.TestDatabases;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code library}, {@code scan}, {@code hash}, {@code show} and {@code jobs}, run as a person would, on a fresh database. */
class ScanCommandsTest {

    @TempDir
    Path temp;

    @Test
    void aFolderIsAddedScannedHashedShownAndItsJobsListed() throws IOException {
        String db = TestDatabases.fresh(Engine.SQLITE).jdbcUrl();
        Path photos = Files.createDirectories(temp.resolve("photos"));
        Files.copy(Corpus.media().resolve("images/Oppo R7 Plus.jpg"), photos.resolve("oppo.jpg"));
        Files.writeString(photos.resolve("readme.txt"), "holiday 2018");

        Result added = DbCommandTest.run("library", "add", "holiday", photos.toString(), "--include", "image", "--db", db);
        assertThat(added.exitCode()).as(added.err()).isZero();
        assertThat(DbCommandTest.run("library", "add", "holiday", photos.toString(), "--db", db).err()).contains("already exists");
        assertThat(DbCommandTest.run("library", "add", "x", photos.toString(), "--include", "pictures", "--db", db).err())
                .contains("--include").contains("pictures");

        Result scan = DbCommandTest.run("scan", "--library", "holiday", "--json", "--db", db);
        assertThat(scan.exitCode()).as(scan.err()).isZero();
        assertThat(scan.out()).contains("\"new\" : 2").contains("\"library\" : \"holiday\"");

        Result again = DbCommandTest.run("scan", photos.toString(), "--db", db);
        assertThat(again.out()).contains("scan holiday: 2 files seen, 0 new").contains("2 unchanged");

        Result hash = DbCommandTest.run("hash", "--db", db);
        assertThat(hash.out()).as("the note was read whole, and hashed, by the scan").contains("hash holiday: 1 files hashed");

        Result show = DbCommandTest.run("show", photos.resolve("oppo.jpg").toString(), "--db", db);
        assertThat(show.exitCode()).as(show.err()).isZero();
        assertThat(show.out()).contains("\"cameraMake\" : \"OPPO\"").contains("\"confidence\" : \"low\"")
                .contains("EXIF:DateTimeOriginal").contains("EXIF:CreateDate").contains("\"sha256\" : \"");
        assertThat(DbCommandTest.run("show", temp.resolve("elsewhere.jpg").toString(), "--db", db).exitCode()).isEqualTo(1);

        Result jobs = DbCommandTest.run("jobs", "list", "--db", db);
        assertThat(jobs.out()).contains("scan").contains("hash").contains("completed");
        assertThat(DbCommandTest.run("jobs", "show", "1", "--db", db).out()).contains("status:    completed").contains("seen=2");
        assertThat(DbCommandTest.run("jobs", "cancel", "1", "--db", db).err()).contains("completed");

        assertThat(DbCommandTest.run("library", "list", "--db", db).out()).contains("holiday").contains("2 files");
        Files.move(photos, temp.resolve("unplugged"));
        Result offline = DbCommandTest.run("scan", "--db", db);
        assertThat(offline.exitCode()).isEqualTo(1);
        assertThat(offline.out()).contains("STOPPED").contains("missing");
        assertThat(DbCommandTest.run("library", "list", "--db", db).out()).contains("OFFLINE");

        Result removed = DbCommandTest.run("library", "remove", "holiday", "--db", db);
        assertThat(removed.out()).contains("2 catalogue rows");
        assertThat(temp.resolve("unplugged/oppo.jpg")).exists();
    }
}
