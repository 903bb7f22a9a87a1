package org.archivist.scan;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.archivist.catalog.Library;
import org.archivist.catalog.LibraryService;
import org.archivist.testing.Corpus;
import org.archivist.testing.EngineTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Scans of real folders into a real catalogue, on SQLite and on PostgreSQL. */
class ScanTest extends EngineTest {

    @TempDir
    Path temp;

    private Library library(Path root) {
        return bean(LibraryService.class).add(unique("lib"), root, Set.of(), List.of());
    }

    private ScanReport scan(Library library) {
        return bean(ScanService.class).scan(bean(LibraryService.class).get(library.getId()), false, ScanProgress.NONE);
    }

    private long count(String sql, Object... args) {
        return jdbc().queryForObject(sql, Long.class, args);
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path source : files.toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) Files.createDirectories(target);
                else Files.copy(source, target);
            }
        }
    }

    @Test
    void theCorpusIsCataloguedWithItemsPeopleAndGenresAndARescanWritesNothing() throws IOException {
        Path root = temp.resolve("corpus");
        copyTree(Corpus.media(), root);
        Library library = library(root);

        ScanReport first = scan(library);
        assertThat(first.added()).isEqualTo(110);
        assertThat(first.errors()).as("only the MP3 that ffprobe cannot read either").isEqualTo(1);
        long id = library.getId();
        assertThat(count("SELECT count(*) FROM files WHERE library_id = ?", id)).isEqualTo(110);
        assertThat(count("SELECT count(*) FROM files WHERE library_id = ? AND item_id IS NULL", id)).isZero();
        assertThat(count("SELECT count(*) FROM files WHERE library_id = ? AND quick_hash IS NULL", id)).isZero();
        assertThat(count("SELECT count(*) FROM files WHERE library_id = ? AND status = 'error' AND scan_error IS NOT NULL", id)).isEqualTo(1);
        assertThat(jdbc().queryForObject("SELECT media_type FROM files WHERE library_id = ? AND path = ?", String.class,
                id, "images/this-is-a-jpeg.png")).isEqualTo("image");
        assertThat(jdbc().queryForObject("SELECT mime_type FROM files WHERE library_id = ? AND path = ?", String.class,
                id, "images/this-is-a-jpeg.png")).isEqualTo("image/jpeg");
        assertThat(count("SELECT count(*) FROM files f JOIN items i ON i.id = f.item_id WHERE f.library_id = ? AND i.kind = 'book'", id))
                .isEqualTo(5);
        assertThat(count("""
                SELECT count(*) FROM files f JOIN item_people ip ON ip.item_id = f.item_id JOIN people p ON p.id = ip.person_id
                WHERE f.library_id = ? AND ip.role = 'author'""", id)).isPositive();
        assertThat(count("""
                SELECT count(*) FROM files f JOIN item_tags it ON it.item_id = f.item_id JOIN tags t ON t.id = it.tag_id
                WHERE f.library_id = ? AND t.category = 'genre'""", id)).isPositive();
        assertThat(jdbc().queryForObject("SELECT detected_offset_minutes FROM files WHERE library_id = ? AND path = ?", Integer.class,
                id, "video/Sony ILCE-7M3 (A7M3).mts")).isEqualTo(120);

        org.archivist.fingerprint.HashService.HashReport hashes = bean(org.archivist.fingerprint.HashService.class)
                .hash(bean(LibraryService.class).get(id), 2, done -> { });
        long readWholeByTheScan;
        try (var media = Files.walk(Corpus.media())) {
            readWholeByTheScan = media.filter(Files::isRegularFile).filter(p -> p.toFile().length() <= 2 * org.archivist.fingerprint.OsHash.CHUNK).count();
        }
        assertThat(readWholeByTheScan).as("the corpus has small files").isPositive();
        assertThat(hashes.hashed()).as("the scan hashed the files it read whole").isEqualTo(110 - readWholeByTheScan);
        Map<String, String> expected = new java.util.HashMap<>();
        for (String line : Files.readAllLines(Corpus.root().resolve("reference/sources.tsv")).subList(1, 111)) {
            String[] cells = line.split("\t");
            expected.put(cells[0].substring("media/".length()), cells[4]);
        }
        jdbc().query("SELECT path, sha256 FROM files WHERE library_id = ?",
                rows -> { assertThat(rows.getString("sha256")).as(rows.getString("path")).isEqualTo(expected.get(rows.getString("path"))); }, id);
        assertThat(bean(org.archivist.fingerprint.HashService.class).hash(bean(LibraryService.class).get(id), 1, done -> { }).hashed())
                .as("a second run finds nothing left to hash").isZero();

        String lastWrite = jdbc().queryForObject("SELECT max(updated_at) FROM files WHERE library_id = ?", String.class, id);
        ScanReport again = scan(library);
        assertThat(again.unchanged()).isEqualTo(110);
        assertThat(again.added() + again.changed() + again.moved() + again.missing()).isZero();
        assertThat(jdbc().queryForObject("SELECT max(updated_at) FROM files WHERE library_id = ?", String.class, id))
                .as("a rescan with nothing changed writes no file row").isEqualTo(lastWrite);
    }

    @Test
    void aMovedFileKeepsItsRowItemAndTags() throws IOException {
        Path root = Files.createDirectories(temp.resolve("moves/a"));
        Files.copy(Corpus.media().resolve("images/Canon_40D.jpg"), root.resolve("canon.jpg"));
        Files.writeString(root.resolve("notes.txt"), "kept in place");
        Library library = library(temp.resolve("moves"));
        scan(library);
        Map<String, Object> before = jdbc().queryForMap("SELECT id, item_id FROM files WHERE library_id = ? AND path = 'a/canon.jpg'", library.getId());
        long tag = jdbc().queryForObject("INSERT INTO tags (name) VALUES (?) RETURNING id", Long.class, unique("favourite"));
        jdbc().update("INSERT INTO item_tags (item_id, tag_id) VALUES (?, ?)", before.get("item_id"), tag);

        Files.createDirectories(temp.resolve("moves/b"));
        Files.move(root.resolve("canon.jpg"), temp.resolve("moves/b/renamed canon.jpg"));
        ScanReport report = scan(library);

        assertThat(report.moved()).isEqualTo(1);
        assertThat(report.added()).isZero();
        assertThat(report.missing()).isZero();
        Map<String, Object> after = jdbc().queryForMap("SELECT id, item_id, status, original_path FROM files WHERE library_id = ? AND path = 'b/renamed canon.jpg'",
                library.getId());
        assertThat(((Number) after.get("id")).longValue()).isEqualTo(((Number) before.get("id")).longValue());
        assertThat(((Number) after.get("item_id")).longValue()).isEqualTo(((Number) before.get("item_id")).longValue());
        assertThat(after.get("status")).isEqualTo("present");
        assertThat(after.get("original_path")).isEqualTo("a/canon.jpg");
        assertThat(count("SELECT count(*) FROM item_tags WHERE item_id = ? AND tag_id = ?", before.get("item_id"), tag)).isEqualTo(1);
    }

    @Test
    void aSmallFileKeepsTheSha256OfItsCurrentBytes() throws IOException {
        Path root = Files.createDirectories(temp.resolve("rewritten"));
        Path note = Files.writeString(root.resolve("note.txt"), "first draft");
        Library library = library(root);
        scan(library);
        String sha = "SELECT sha256 FROM files WHERE library_id = ? AND path = 'note.txt'";
        assertThat(jdbc().queryForObject(sha, String.class, library.getId())).isEqualTo(org.archivist.fingerprint.Sha256.ofContent("first draft".getBytes()));

        Files.writeString(note, "second draft, longer");
        Files.setLastModifiedTime(note, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 60_000));
        assertThat(scan(library).changed()).isEqualTo(1);
        assertThat(jdbc().queryForObject(sha, String.class, library.getId())).isEqualTo(org.archivist.fingerprint.Sha256.ofContent("second draft, longer".getBytes()));
    }

    @Test
    void theOfflineGuardChangesNothingWhenTheRootIsGoneEmptiedOrHalfLost() throws IOException {
        Path root = Files.createDirectories(temp.resolve("guarded"));
        for (int i = 0; i < 10; i++) Files.writeString(root.resolve("file" + i + ".txt"), "content " + i);
        Library library = library(root);
        scan(library);
        String state = "SELECT count(*) FROM files WHERE library_id = ? AND status = 'present'";
        assertThat(count(state, library.getId())).isEqualTo(10);

        Path away = temp.resolve("unmounted");
        Files.move(root, away);
        assertThat(scan(library).offline()).contains("missing");
        assertThat(bean(LibraryService.class).get(library.getId()).isOffline()).isTrue();
        assertThat(count(state, library.getId())).isEqualTo(10);

        Files.createDirectories(root);
        assertThat(scan(library).offline()).contains("empty");
        assertThat(count(state, library.getId())).isEqualTo(10);

        Files.delete(root);
        Files.move(away, root);
        for (int i = 0; i < 6; i++) Files.delete(root.resolve("file" + i + ".txt"));
        assertThat(scan(library).offline()).contains("more than half");
        assertThat(count(state, library.getId())).isEqualTo(10);

        ScanReport accepted = bean(ScanService.class).scan(bean(LibraryService.class).get(library.getId()), true, ScanProgress.NONE);
        assertThat(accepted.offline()).isNull();
        assertThat(accepted.missing()).isEqualTo(6);
        assertThat(count("SELECT count(*) FROM files WHERE library_id = ? AND status = 'missing'", library.getId()))
                .as("rows of vanished files are kept").isEqualTo(6);
        assertThat(bean(LibraryService.class).get(library.getId()).isOffline()).isFalse();

        Files.writeString(root.resolve("file0.txt"), "content 0");
        Files.setLastModifiedTime(root.resolve("file0.txt"), Files.getLastModifiedTime(root.resolve("file9.txt")));
        ScanReport back = scan(library);
        assertThat(back.returned() + back.changed()).isEqualTo(1);
        assertThat(count(state, library.getId())).isEqualTo(5);
    }

    @Test
    void badFilesGetARecordedErrorAndTheScanGoesOn() throws IOException, InterruptedException {
        Path root = Files.createDirectories(temp.resolve("bad"));
        Files.write(root.resolve("empty.jpg"), new byte[0]);
        byte[] jpeg = Files.readAllBytes(Corpus.media().resolve("images/Canon_40D.jpg"));
        Files.write(root.resolve("truncated.jpg"), java.util.Arrays.copyOf(jpeg, 3000));
        byte[] noise = new byte[50_000];
        new java.util.Random(7).nextBytes(noise);
        Files.write(root.resolve("corrupt.mp4"), noise);
        Files.write(root.resolve("a photo named.pdf"), jpeg);
        byte[] pdfHead = "%PDF-1.7\n1 0 obj <<< broken".getBytes();
        Files.write(root.resolve("broken.pdf"), pdfHead);
        Files.write(root.resolve("épreuve 写真 (1).jpg"), jpeg);
        Files.write(root.resolve("not-a-book.epub"), "PK\u0003\u0004 not really".getBytes());
        Path locked = Files.write(root.resolve("locked.jpg"), jpeg);
        Files.setPosixFilePermissions(locked, Set.of());
        // A name that is not valid UTF-8 can only be made from bytes, through the shell.
        new ProcessBuilder("sh", "-c", "printf 'x' > \"$(printf 'bad-\\377-name.txt')\"").directory(root.toFile()).start().waitFor();
        Library library = library(root);

        ScanReport report = scan(library);

        Map<String, String> errors = new java.util.TreeMap<>();
        jdbc().query("SELECT path, status, scan_error FROM files WHERE library_id = ?", rows -> {
            errors.put(rows.getString("path"), rows.getString("status") + ": " + rows.getString("scan_error"));
        }, library.getId());
        assertThat(errors).as("every file catalogued").hasSize(9);
        assertThat(report.added()).isEqualTo(9);
        assertThat(errors.get("empty.jpg")).startsWith("error:").contains("empty");
        assertThat(errors.get("broken.pdf")).startsWith("error:").contains("metadata unreadable");
        assertThat(errors.get("not-a-book.epub")).startsWith("error:");
        assertThat(errors.get("a photo named.pdf")).isEqualTo("present: null");
        assertThat(errors.get("épreuve 写真 (1).jpg")).isEqualTo("present: null");
        assertThat(errors.entrySet()).anyMatch(e -> e.getKey().startsWith("bad-") && e.getValue().contains("not valid UTF-8"));
        assertThat(jdbc().queryForObject("SELECT media_type FROM files WHERE library_id = ? AND path = 'a photo named.pdf'", String.class,
                library.getId())).isEqualTo("image");
        boolean root_ = "root".equals(System.getProperty("user.name"));
        if (!root_) assertThat(errors.get("locked.jpg")).contains("permission denied");
    }

    @Test
    void aLibraryOnlyReadsMetadataOfTheKindsItIncludes() throws IOException {
        Path root = Files.createDirectories(temp.resolve("kinds"));
        Files.copy(Corpus.media().resolve("images/Canon_40D.jpg"), root.resolve("photo.jpg"));
        Library library = bean(LibraryService.class).add(unique("only-audio"), root, Set.of(org.archivist.catalog.MediaType.AUDIO), List.of("**/*.tmp"));
        Files.writeString(root.resolve("skip.tmp"), "x");
        ScanReport report = scan(library);
        assertThat(report.seen()).as("excluded by glob").isEqualTo(1);
        assertThat(count("SELECT count(*) FROM file_metadata m JOIN files f ON f.id = m.file_id WHERE f.library_id = ? AND m.camera_make IS NOT NULL",
                library.getId())).isZero();
    }
}
