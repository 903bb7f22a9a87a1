package org.archivist.plans;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.archivist.catalog.Library;
import org.archivist.catalog.LibraryService;
import org.archivist.scan.ScanProgress;
import org.archivist.scan.ScanService;
import org.archivist.testing.Corpus;
import org.archivist.testing.EngineTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tools.jackson.databind.JsonNode;

/**
 * The rules on the real corpus (its music and documents, scanned), against what ExifTool reads
 * from the same files (reference/exiftool.json): the genre tags are exactly the files' genres and
 * e-book subjects (ID3's numbered genres left out), and every title proposed is one ExifTool reads.
 */
class AnalysisCorpusTest extends EngineTest {

    @TempDir
    Path temp;

    @Test
    void genreTagsAndTitlesFromTheCorpusAreWhatExiftoolReadsThere() throws Exception {
        Path root = Files.createDirectories(temp.resolve("corpus"));
        Map<String, String> corpusPath = new TreeMap<>();
        for (String kind : List.of("audio", "documents")) {
            try (var files = Files.list(Corpus.media().resolve(kind))) {
                for (Path file : files.toList()) {
                    Files.copy(file, root.resolve(file.getFileName().toString()));
                    corpusPath.put(file.getFileName().toString(), "media/" + kind + "/" + file.getFileName());
                }
            }
        }
        Library library = bean(LibraryService.class).add(unique("corpus-rules"), root, Set.of(), List.of());
        bean(ScanService.class).scan(bean(LibraryService.class).get(library.getId()), false, ScanProgress.NONE);
        // The scan gives the genres as tags itself.
        Map<String, Set<String>> scanned = new TreeMap<>();
        jdbc().query("""
                SELECT f.file_name, t.name FROM files f JOIN item_tags it ON it.item_id = f.item_id JOIN tags t ON t.id = it.tag_id
                WHERE f.library_id = ? AND t.category = 'genre'""", rows -> {
            scanned.computeIfAbsent(rows.getString(1), k -> new TreeSet<>()).add(rows.getString(2));
        }, library.getId());
        // As a catalogue from before titles and genres were read: every title its file's name again, no genre tags.
        jdbc().update("UPDATE items SET title = (SELECT min(f.file_name) FROM files f WHERE f.item_id = items.id)"
                + " WHERE id IN (SELECT item_id FROM files WHERE library_id = ?)", library.getId());
        jdbc().update("DELETE FROM item_tags WHERE item_id IN (SELECT item_id FROM files WHERE library_id = ?)"
                + " AND tag_id IN (SELECT id FROM tags WHERE category = 'genre')", library.getId());

        long plan = bean(AnalysisService.class).analyze(new AnalysisService.AnalysisJob(unique("corpus"), AnalysisSettings.of(library.getId(),
                Map.of("genre_tags", PlanValues.JSON.createObjectNode(), "title_from_metadata", PlanValues.JSON.createObjectNode()), null, null), null));
        Map<String, Set<String>> genres = new TreeMap<>();
        Map<String, String> titles = new TreeMap<>();
        jdbc().query("""
                SELECT f.file_name, c.field, CAST(c.proposed_value AS TEXT) FROM plan_changes c JOIN files f ON f.item_id = c.item_id
                WHERE c.plan_id = ? ORDER BY c.id""", rows -> {
            JsonNode value = PlanValues.JSON.readTree(rows.getString(3));
            if (rows.getString(2).equals("tag")) {
                assertThat(value.path("category").asString()).isEqualTo("genre");
                genres.computeIfAbsent(rows.getString(1), k -> new TreeSet<>()).add(value.path("name").asString());
            } else {
                titles.put(rows.getString(1), value.asString());
            }
        }, plan);

        Map<String, JsonNode> exiftool = Corpus.exiftool();
        Map<String, Set<String>> expectedGenres = new TreeMap<>();
        List<String> titled = new ArrayList<>();
        for (Map.Entry<String, String> file : corpusPath.entrySet()) {
            JsonNode read = exiftool.get(file.getValue());
            if (read == null) continue;
            Set<String> expected = new TreeSet<>();
            boolean book = file.getKey().endsWith(".epub");
            read.properties().forEach(field -> {
                String key = field.getKey();
                boolean genre = key.endsWith(":Genre") || book && key.endsWith(":Subject");
                if (genre && field.getValue().isString() && !field.getValue().asString().matches("\\(?\\d+\\)?") && !field.getValue().asString().isBlank()) {
                    expected.add(field.getValue().asString());
                }
            });
            if (!expected.isEmpty()) expectedGenres.put(file.getKey(), expected);
            // Every title proposed is one ExifTool reads from the file.
            if (titles.containsKey(file.getKey())) {
                List<String> theirs = new ArrayList<>();
                read.properties().forEach(field -> {
                    if (field.getKey().endsWith(":Title") && field.getValue().isString()) theirs.add(field.getValue().asString().strip());
                });
                assertThat(theirs).as(file.getKey()).contains(titles.get(file.getKey()));
                titled.add(file.getKey());
            }
        }
        assertThat(genres).isEqualTo(expectedGenres);
        assertThat(scanned).as("the scan's own genre tags").isEqualTo(expectedGenres);
        assertThat(genres).containsEntry("alice.epub", Set.of("Fantasy")).containsEntry("silence-44-s.flac", Set.of("Silence"));
        assertThat(titled).as("files whose metadata names a title").contains("alice.epub", "silence-44-s.mp3", "with-id3.aif", "canvas.pdf");
    }
}
