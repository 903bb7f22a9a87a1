package org.archivist.organize;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.archivist.catalog.Library;
import org.archivist.catalog.LibraryService;
import org.archivist.scan.ScanProgress;
import org.archivist.scan.ScanService;
import org.archivist.testing.Corpus;
import org.archivist.testing.EngineTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The corpus organized with the default layouts (copied: the corpus stays as it is): every photo
 * whose EXIF DateTimeOriginal is a wall-clock time lands in that day's folder, music under its
 * artist and album, books under their author, everything else where it was.
 */
class OrganizeCorpusTest extends EngineTest {

    @TempDir
    Path temp;

    @Test
    void theCorpusOrganizedWithTheDefaultsMatchesTheExpectedTree() throws Exception {
        Path media = Corpus.media();
        Path corpus = temp.resolve("corpus");
        // A copy of the corpus, so that the library's root is ours alone in this shared database.
        try (Stream<Path> files = Files.walk(media)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Path copy = corpus.resolve(media.relativize(file).toString());
                Files.createDirectories(copy.getParent());
                Files.copy(file, copy);
            }
        }
        Library library = bean(LibraryService.class).add(unique("corpus"), corpus, Set.of(), List.of());
        bean(ScanService.class).scan(bean(LibraryService.class).get(library.getId()), false, ScanProgress.NONE);
        Path sorted = temp.resolve("sorted");
        bean(OrganizeSettingsStore.class).save(library.getId(), OrganizeSettings.of("copy", sorted.toString(), Map.of(), false));
        OrganizeRuns.Run run = bean(OrganizePreview.class).preview(library.getId());
        OrganizeApplier.Report report = bean(OrganizeApplier.class).applyNow(run.id());
        assertThat(report.counts()).doesNotContainKey("failed");
        Map<String, String> tree = OrganizeTest.contents(sorted);

        List<String> expected = new ArrayList<>();
        List<String> lines = Files.readAllLines(Corpus.root().resolve("reference/summary.tsv"));
        List<String> header = List.of(lines.get(0).split("\t"));
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split("\t", -1);
            Map<String, String> row = new java.util.HashMap<>();
            for (int i = 0; i < header.size() && i < cells.length; i++) row.put(header.get(i), cells[i]);
            String tag = row.get("first_valid_date_tag");
            if (!"images".equals(row.get("kind")) || tag == null || !tag.startsWith("EXIF:DateTimeOriginal=")) continue;
            String value = tag.substring(tag.indexOf('=') + 1);
            String day = value.substring(0, 4) + "/" + value.substring(0, 4) + "-" + value.substring(5, 7) + "-" + value.substring(8, 10);
            String name = Path.of(row.get("file")).getFileName().toString();
            String stem = name.substring(0, name.lastIndexOf('.'));
            expected.add(day + "/" + stem + name.substring(stem.length()).toLowerCase(java.util.Locale.ROOT));
        }
        assertThat(expected).as("the corpus has EXIF-dated photos").hasSizeGreaterThan(20);
        assertThat(tree.keySet()).containsAll(expected);
        assertThat(tree).as("every file once, nothing lost").hasSize(run.counts().getOrDefault("planned", 0L).intValue());
        // Music by album artist (or artist), album, track and title; books by author; two books of one title apart.
        assertThat(tree).containsKeys("Anais Mitchell/Hymns for the Exiled/03 cosmic american.mp3", "piman/Quod Libet Test Data/02 Silence.flac",
                "Unknown Artist/Unknown Album/no-tags.mp3", "Lewis Carroll/Alice's Adventures in Wonderland.epub",
                "Lewis Carroll/Alice's Adventures in Wonderland-1.epub", "Karl Fogel/Producing Open Source Software.epub");
        // Documents stay in their folder (the default for documents and other files is where they are).
        assertThat(tree.keySet()).filteredOn(path -> path.endsWith(".pdf")).isNotEmpty().allMatch(path -> path.startsWith("documents/"));
    }
}
