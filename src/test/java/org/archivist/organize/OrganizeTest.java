package org.archivist.organize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.archivist.catalog.ItemKind;
import org.archivist.catalog.Library;
import org.archivist.catalog.LibraryService;
import org.archivist.db.SqlValues;
import org.archivist.fingerprint.Sha256;
import org.archivist.scan.ScanProgress;
import org.archivist.scan.ScanReport;
import org.archivist.scan.ScanService;
import org.archivist.testing.EngineTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Organizing a generated tree in place: the preview, the moves, sidecars, conflicts, a rescan that finds nothing, undo. */
class OrganizeTest extends EngineTest {

    @TempDir
    Path temp;

    /** A photo taken at 23:30 in New York (UTC-5) is on the 14th there, and on the 15th in UTC: it belongs to the 14th. */
    @Test
    void thePreviewListsEveryMoveConflictAndSkipAndNothingMovesUntilApplied() throws Exception {
        Path root = temp.resolve("inbox");
        Library library = tree(root);
        OrganizeRuns.Run run = bean(OrganizePreview.class).preview(library.getId());
        Map<String, String> moves = moves(run, OrganizeRuns.State.PLANNED);
        assertThat(moves).containsEntry("camera/evening.jpg", "2024/2024-07-14/evening.jpg")
                .containsEntry("camera/evening.xmp", "2024/2024-07-14/evening.xmp")
                .containsEntry("camera/evening.jpg.aae", "2024/2024-07-14/evening.jpg.aae")
                .containsEntry("phone/IMG_1.HEIC", "2024/2024-07-14/IMG_1.heic")
                .containsEntry("phone/IMG_1.MOV", "2024/2024-07-14/IMG_1.mov")
                .containsEntry("a/same.jpg", "2023/2023-01-02/same.jpg")
                .containsEntry("b/same.jpg", "2023/2023-01-02/same-1.jpg")
                .containsEntry("nodate.jpg", "unknown/unknown-00-00/nodate.jpg")
                .containsEntry("c/taken.jpg", "2022/2022-05-05/taken-1.jpg");
        assertThat(moves).doesNotContainKey("notes/readme.txt");
        // A camera's movie with its thumbnail and subtitles: the sidecars go where the movie goes.
        String movie = moves.get("video/MVI_7.MOV");
        assertThat(movie).as("the movie moves").isNotNull();
        String movieStem = movie.substring(0, movie.lastIndexOf('.'));
        assertThat(moves.get("video/MVI_7.THM")).isEqualToIgnoringCase(movieStem + ".thm");
        assertThat(moves.get("video/MVI_7.srt")).isEqualToIgnoringCase(movieStem + ".srt");
        assertThat(moves(run, OrganizeRuns.State.DUPLICATE)).containsEntry("d/twin.jpg", "2022/2022-05-05/twin.jpg");
        assertThat(moves(run, OrganizeRuns.State.UNCHANGED)).containsKey("notes/readme.txt");
        OrganizeRuns.Move second = bean(OrganizeRuns.class).moves(run.id(), OrganizeRuns.State.PLANNED, 0, 100).stream()
                .filter(m -> m.sourcePath().endsWith("b/same.jpg")).findFirst().orElseThrow();
        assertThat(second.reason()).contains("another file of this run").contains("same-1.jpg");
        assertThat(Files.exists(root.resolve("camera/evening.jpg"))).isTrue();
        assertThat(Files.exists(root.resolve("2024"))).isFalse();
    }

    @Test
    void applyMovesEveryFileWithItsSidecarsARescanFindsNothingAndUndoPutsItAllBack() throws Exception {
        Path root = temp.resolve("inbox");
        Library library = tree(root);
        Map<String, String> before = contents(root);
        OrganizeRuns.Run run = bean(OrganizePreview.class).preview(library.getId());
        OrganizeApplier.Report report = bean(OrganizeApplier.class).applyNow(run.id());
        assertThat(report.counts()).containsEntry("done", 12L).doesNotContainKey("failed").doesNotContainKey("moving");
        Map<String, String> after = contents(root);
        assertThat(after).containsKeys("2024/2024-07-14/evening.jpg", "2024/2024-07-14/evening.xmp", "2024/2024-07-14/IMG_1.mov",
                "2023/2023-01-02/same-1.jpg", "2022/2022-05-05/taken-1.jpg", "d/twin.jpg", "notes/readme.txt");
        assertThat(Files.exists(root.resolve("camera"))).as("emptied folders are removed").isFalse();
        assertThat(Files.exists(root.resolve("d"))).as("the duplicate stays where it was").isTrue();
        // Every file is somewhere, intact: the same multiset of contents.
        assertThat(after.values()).containsExactlyInAnyOrderElementsOf(before.values());
        assertCatalogueEqualsDisk(library, root);
        ScanReport rescan = bean(ScanService.class).scan(bean(LibraryService.class).get(library.getId()), false, ScanProgress.NONE);
        assertThat(List.of(rescan.added(), rescan.missing(), rescan.moved(), rescan.changed())).as("a rescan after organizing writes nothing")
                .containsOnly(0L);
        assertThat(jdbc().queryForObject("SELECT output_path FROM files WHERE library_id = ? AND path = ?", String.class, library.getId(),
                "2024/2024-07-14/evening.jpg")).isEqualTo(root.resolve("2024/2024-07-14/evening.jpg").toString());
        assertThatThrownBy(() -> bean(OrganizeApplier.class).applyNow(run.id())).hasMessageContaining("only a preview can be applied");

        OrganizeRuns.Run undo = bean(OrganizeUndo.class).undo(run.id());
        bean(OrganizeApplier.class).applyNow(undo.id());
        assertThat(contents(root)).isEqualTo(before);
        assertThat(bean(OrganizeRuns.class).run(run.id()).status()).isEqualTo("undone");
        assertCatalogueEqualsDisk(library, root);
    }

    @Test
    void undoRemovesCopiesStillAsCopiedKeepsOneEditedSinceAndLeavesAMoveWhosePlaceIsTaken() throws Exception {
        Path root = temp.resolve("inbox");
        for (String name : List.of("one", "two", "three")) write(root.resolve("in/" + name + ".jpg"), name.length() + name.charAt(0));
        Library library = bean(LibraryService.class).add(unique("organize"), root, Set.of(), List.of());
        bean(ScanService.class).scan(bean(LibraryService.class).get(library.getId()), false, ScanProgress.NONE);
        Map<String, String> originals = contents(root);
        Path copies = temp.resolve("copies");
        bean(OrganizeSettingsStore.class).save(library.getId(), OrganizeSettings.of("copy", copies.toString(), Map.of("photo", "{name}.{ext}"), false));
        OrganizeRuns.Run copied = bean(OrganizePreview.class).preview(library.getId());
        assertThat(bean(OrganizeApplier.class).applyNow(copied.id()).counts()).containsEntry("done", 3L);
        assertThat(contents(copies).values()).containsExactlyInAnyOrderElementsOf(originals.values());

        // Someone edits one copy: undo takes the other two away and keeps that one, reported; the originals never move.
        Files.writeString(copies.resolve("two.jpg"), "edited since", java.nio.file.StandardOpenOption.APPEND);
        OrganizeRuns.Run undo = bean(OrganizeUndo.class).undo(copied.id());
        OrganizeApplier.Report undone = bean(OrganizeApplier.class).applyNow(undo.id());
        assertThat(undone.counts()).containsEntry("done", 2L).containsEntry("skipped", 1L);
        assertThat(bean(OrganizeRuns.class).moves(undo.id(), OrganizeRuns.State.SKIPPED, 0, 10)).singleElement()
                .satisfies(m -> assertThat(m.reason()).contains("changed since it was copied"));
        assertThat(contents(copies).keySet()).containsExactly("two.jpg");
        assertThat(contents(root)).isEqualTo(originals);
        assertThat(bean(OrganizeRuns.class).run(copied.id()).status()).as("something stayed: the run is still applied").isEqualTo("applied");

        // A move whose old place is taken again by the time of the undo stays where it went.
        bean(OrganizeSettingsStore.class).save(library.getId(), OrganizeSettings.of("move", null, Map.of("photo", "sorted/{name}.{ext}"), false));
        OrganizeRuns.Run moved = bean(OrganizePreview.class).preview(library.getId());
        assertThat(bean(OrganizeApplier.class).applyNow(moved.id()).counts()).containsEntry("done", 3L);
        write(root.resolve("in/one.jpg"), 99);
        OrganizeRuns.Run back = bean(OrganizeUndo.class).undo(moved.id());
        OrganizeApplier.Report returned = bean(OrganizeApplier.class).applyNow(back.id());
        assertThat(returned.counts()).containsEntry("done", 2L);
        assertThat(root.resolve("sorted/one.jpg")).as("its place was taken: it stays").exists();
        assertThat(new Sha256().of(root.resolve("in/one.jpg"))).as("the newcomer is not overwritten").isNotEqualTo(originals.get("in/one.jpg"));
        assertThat(root.resolve("in/two.jpg")).exists();
    }

    @Test
    void aPathOverTheCatalogueLimitIsSkippedWithTheReason() throws Exception {
        Path root = temp.resolve("inbox");
        String name = "n".repeat(200);
        write(root.resolve(name + ".jpg"), 1);
        Library library = bean(LibraryService.class).add(unique("organize"), root, Set.of(), List.of());
        bean(ScanService.class).scan(bean(LibraryService.class).get(library.getId()), false, ScanProgress.NONE);
        // Twelve folders of the 200-byte name and the name again: over the 2,400 bytes a path may have in the catalogue.
        bean(OrganizeSettingsStore.class).save(library.getId(), OrganizeSettings.of("move", null,
                Map.of("photo", "{name}/".repeat(12) + "{name}.{ext}"), false));
        OrganizeRuns.Run run = bean(OrganizePreview.class).preview(library.getId());
        assertThat(bean(OrganizeRuns.class).moves(run.id(), OrganizeRuns.State.SKIPPED, 0, 10)).singleElement()
                .satisfies(m -> assertThat(m.reason()).contains("bytes, over the 2400 the catalogue keeps"));
    }

    @Test
    void layoutsAndDestinationsAreCheckedNamingTheFieldAndTheReason() throws Exception {
        Path root = temp.resolve("lib");
        Files.createDirectories(root);
        Library library = bean(LibraryService.class).add(unique("organize"), root, Set.of(), List.of());
        OrganizeSettingsStore store = bean(OrganizeSettingsStore.class);
        assertThatThrownBy(() -> store.save(library.getId(), OrganizeSettings.of("move", null, Map.of("photo", "{yr}/{name}"), false)))
                .hasMessageContaining("templates.photo").hasMessageContaining("unknown variable {yr}");
        assertThatThrownBy(() -> store.save(library.getId(), OrganizeSettings.of("move", null, Map.of("photo", "{year/{name}"), false)))
                .hasMessageContaining("never closed");
        assertThatThrownBy(() -> store.save(library.getId(), OrganizeSettings.of("move", null, Map.of("photo", "../{name}"), false)))
                .hasMessageContaining("stays inside");
        assertThatThrownBy(() -> store.save(library.getId(), OrganizeSettings.of("shuffle", null, Map.of(), false))).hasMessageContaining("mode");
        assertThatThrownBy(() -> store.save(library.getId(), OrganizeSettings.of("move", root.resolve("sorted").toString(), Map.of(), false)))
                .hasMessageContaining("inside the library's folder");
        assertThatThrownBy(() -> store.save(library.getId(), OrganizeSettings.of("move", temp.toString(), Map.of(), false)))
                .hasMessageContaining("holds the library's folder");
        assertThatThrownBy(() -> store.save(library.getId(), OrganizeSettings.of("copy", null, Map.of(), false))).hasMessageContaining("twice");
        assertThatThrownBy(() -> store.save(library.getId(), OrganizeSettings.of("move", temp.resolve("elsewhere").toString(), Map.of(), false)))
                .hasMessageContaining("outside every library");
        OrganizeSettings saved = store.save(library.getId(), OrganizeSettings.of("copy", temp.resolve("elsewhere").toString(),
                Map.of("photo", "{make|Unknown}/{year|unknown}/{name}"), false));
        assertThat(saved.template(ItemKind.PHOTO)).isEqualTo("{make|Unknown}/{year|unknown}/{name}");
        assertThat(saved.mode()).isEqualTo(OrganizeSettings.Mode.COPY);
    }

    /**
     * inbox/camera/evening.jpg (+ .xmp, .jpg.aae) 2024-07-14 23:30 at UTC-5; phone/IMG_1.HEIC + IMG_1.MOV (a Live Photo);
     * a/same.jpg and b/same.jpg, two files for one name; nodate.jpg; c/taken.jpg whose name is taken by other content,
     * d/twin.jpg whose is taken by the same; video/MVI_7.MOV with its .THM and .srt; notes/readme.txt, which stays.
     */
    private Library tree(Path root) throws Exception {
        write(root.resolve("camera/evening.jpg"), 1);
        write(root.resolve("camera/evening.xmp"), 2);
        write(root.resolve("camera/evening.jpg.aae"), 3);
        write(root.resolve("phone/IMG_1.HEIC"), 4);
        write(root.resolve("phone/IMG_1.MOV"), 5);
        write(root.resolve("a/same.jpg"), 6);
        write(root.resolve("b/same.jpg"), 7);
        write(root.resolve("nodate.jpg"), 8);
        write(root.resolve("c/taken.jpg"), 9);
        write(root.resolve("2022/2022-05-05/taken.jpg"), 10);
        write(root.resolve("d/twin.jpg"), 11);
        write(root.resolve("2022/2022-05-05/twin.jpg"), 11);
        write(root.resolve("video/MVI_7.MOV"), 12);
        write(root.resolve("video/MVI_7.THM"), 13);
        write(root.resolve("video/MVI_7.srt"), 14);
        Files.createDirectories(root.resolve("notes"));
        Files.writeString(root.resolve("notes/readme.txt"), "notes");
        Library library = bean(LibraryService.class).add(unique("organize"), root, Set.of(), List.of());
        bean(ScanService.class).scan(bean(LibraryService.class).get(library.getId()), false, ScanProgress.NONE);
        capture(library, "camera/evening.jpg", "2024-07-15T04:30:00Z", -300);
        capture(library, "phone/IMG_1.HEIC", "2024-07-14T10:00:00Z", 0);
        capture(library, "phone/IMG_1.MOV", "2024-07-14T10:00:00Z", 0);
        capture(library, "a/same.jpg", "2023-01-02T10:00:00Z", null);
        capture(library, "b/same.jpg", "2023-01-02T11:00:00Z", null);
        capture(library, "c/taken.jpg", "2022-05-05T11:00:00Z", 120);
        capture(library, "d/twin.jpg", "2022-05-05T11:00:00Z", 120);
        capture(library, "2022/2022-05-05/taken.jpg", "2022-05-05T11:00:00Z", 120);
        capture(library, "2022/2022-05-05/twin.jpg", "2022-05-05T11:00:00Z", 120);
        capture(library, "video/MVI_7.MOV", "2021-03-03T09:00:00Z", 60);
        jdbc().update("UPDATE files SET detected_at = NULL, detected_offset_minutes = NULL WHERE library_id = ? AND path = 'nodate.jpg'", library.getId());
        return library;
    }

    private void capture(Library library, String path, String at, Integer offset) {
        SqlValues values = bean(SqlValues.class);
        int updated = jdbc().update("UPDATE files SET detected_at = ?, detected_offset_minutes = ? WHERE library_id = ? AND path = ?", ps -> {
            values.setInstant(ps, 1, Instant.parse(at));
            SqlValues.setNullable(ps, 2, offset);
            ps.setLong(3, library.getId());
            ps.setString(4, path);
        });
        assertThat(updated).as(path + " is catalogued").isEqualTo(1);
    }

    static void write(Path file, int seed) throws Exception {
        Files.createDirectories(file.getParent());
        byte[] content = new byte[5_000 + seed];
        new SplittableRandom(seed).nextBytes(content);
        Files.write(file, content);
    }

    /** Source -> target of the run's moves in a state, relative to the library root. */
    private Map<String, String> moves(OrganizeRuns.Run run, OrganizeRuns.State state) {
        Map<String, String> moves = new TreeMap<>();
        Path root = Path.of(run.sourceRoot());
        for (OrganizeRuns.Move move : bean(OrganizeRuns.class).moves(run.id(), state, 0, 1000)) {
            moves.put(root.relativize(Path.of(move.sourcePath())).toString(), move.targetPath() == null ? null : root.relativize(Path.of(move.targetPath())).toString());
        }
        return moves;
    }

    /** Every file under the folder by relative path, with its SHA-256. */
    static Map<String, String> contents(Path root) throws Exception {
        Map<String, String> contents = new TreeMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) contents.put(root.relativize(file).toString(), new Sha256().of(file));
        }
        return contents;
    }

    /** Every present catalogue row is a file on disk at its path, and every file on disk has a row. */
    void assertCatalogueEqualsDisk(Library library, Path root) throws Exception {
        assertCatalogue(jdbc(), library, root);
    }

    void assertCatalogue(org.springframework.jdbc.core.JdbcTemplate jdbc, Library library, Path root) throws Exception {
        List<String> catalogued = jdbc.queryForList("SELECT path FROM files WHERE library_id = ? AND status <> 'missing' ORDER BY path", String.class, library.getId());
        assertThat(new java.util.TreeSet<>(catalogued)).isEqualTo(contents(root).keySet());
        assertThat(jdbc.queryForObject("SELECT count(*) FROM files WHERE library_id = ? AND status = 'missing'", Long.class, library.getId())).isZero();
    }
}
