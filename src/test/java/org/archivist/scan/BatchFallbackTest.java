package org.archivist.scan;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.archivist.catalog.FileCatalog;
import org.archivist.catalog.Library;
import org.archivist.catalog.LibraryService;
import org.archivist.db.Engine;
import org.archivist.metadata.MediaClassifier;
import org.archivist.metadata.MetadataExtractor;
import org.archivist.search.SearchIndex;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.archivist.testing.EngineTest;
import tools.jackson.databind.json.JsonMapper;

/**
 * A reader that returns a value the database refuses, among good files: the batch is written
 * again file by file, the refused file is catalogued as an error with the database's reason, and
 * the scan goes on. The refusal comes from a trigger this test adds, standing for any constraint
 * the write-path checks do not know.
 */
class BatchFallbackTest extends EngineTest {

    @TempDir
    Path root;

    /** The real extractor, except that files named poison* report the title the trigger refuses. */
    static final class PoisonReader extends MetadataExtractor {
        PoisonReader() {
            super(JsonMapper.builder().build(), Clock.systemUTC(), Duration.ofSeconds(10));
        }

        @Override
        public Extraction extract(Path file, String fileName, MediaClassifier.Classification kind, Instant created, Instant modified) {
            Extraction real = super.extract(file, fileName, kind, created, modified);
            if (fileName.startsWith("poison") && real.metadata() != null) real.metadata().setTitle("poison");
            return real;
        }
    }

    @AfterEach
    void dropTrigger() {
        if (engine == Engine.SQLITE) {
            jdbc().execute("DROP TRIGGER IF EXISTS refuse_poison");
        } else {
            jdbc().execute("DROP TRIGGER IF EXISTS refuse_poison ON file_metadata");
        }
    }

    @Test
    void aFileTheDatabaseRefusesBecomesAnErrorAndTheScanGoesOn() throws IOException {
        if (engine == Engine.SQLITE) {
            jdbc().execute("""
                    CREATE TRIGGER refuse_poison BEFORE INSERT ON file_metadata WHEN NEW.title = 'poison'
                    BEGIN SELECT RAISE(ABORT, 'poison refused by the test trigger'); END""");
        } else {
            jdbc().execute("""
                    CREATE OR REPLACE FUNCTION refuse_poison() RETURNS trigger AS $$
                    BEGIN
                        IF NEW.title = 'poison' THEN
                            RAISE EXCEPTION 'poison refused by the test trigger' USING ERRCODE = 'check_violation';
                        END IF;
                        RETURN NEW;
                    END $$ LANGUAGE plpgsql""");
            jdbc().execute("CREATE TRIGGER refuse_poison BEFORE INSERT ON file_metadata FOR EACH ROW EXECUTE FUNCTION refuse_poison()");
        }
        for (int i = 0; i < 40; i++) Files.writeString(root.resolve("note-" + i + ".txt"), "good file " + i);
        Files.writeString(root.resolve("poison-1.txt"), "refused");
        Files.writeString(root.resolve("poison-2.txt"), "refused too");
        Library library = bean(LibraryService.class).add(unique("fallback"), root, Set.of(), List.of());
        LibraryScanner scanner = new LibraryScanner(bean(LibraryService.class), bean(FileCatalog.class), new MediaClassifier(),
                new PoisonReader(), bean(SearchIndex.class), new io.micrometer.core.instrument.simple.SimpleMeterRegistry(),
                bean(org.archivist.db.SecondaryIndexes.class), 0);

        ScanReport report = scanner.scan(bean(LibraryService.class).get(library.getId()), false, ScanProgress.NONE, null);

        assertThat(report.added()).isEqualTo(42);
        assertThat(report.errors()).isEqualTo(2);
        assertThat(report.fileErrors()).extracting(FileProblem::path).containsExactlyInAnyOrder("poison-1.txt", "poison-2.txt");
        assertThat(report.fileErrors()).allSatisfy(p -> assertThat(p.reason()).contains("poison refused by the test trigger"));
        assertThat(jdbc().queryForObject("SELECT count(*) FROM files WHERE library_id = ? AND status = 'present'", Long.class,
                library.getId())).isEqualTo(40);
        assertThat(jdbc().queryForObject("""
                SELECT count(*) FROM files f JOIN file_metadata m ON m.file_id = f.id WHERE f.library_id = ?""", Long.class,
                library.getId())).as("the good files keep their metadata").isEqualTo(40);
        List<String> reasons = jdbc().queryForList("""
                SELECT scan_error FROM files WHERE library_id = ? AND status = 'error' AND quick_hash IS NOT NULL AND item_id IS NOT NULL""",
                String.class, library.getId());
        assertThat(reasons).hasSize(2).allSatisfy(r -> assertThat(r).startsWith("the catalogue refused its metadata"));

        List<FileCatalog.FileError> listed = new java.util.ArrayList<>();
        bean(FileCatalog.class).forEachError(library.getId(), listed::add);
        assertThat(listed).extracting(FileCatalog.FileError::path).containsExactly("poison-1.txt", "poison-2.txt");
    }

    @Test
    void aPathTooLongForTheIndexIsLeftOutAndTheScanSaysSo() throws IOException {
        Path deep = root;
        for (int i = 0; i < 10; i++) deep = deep.resolve("folder-" + i + "-" + "x".repeat(240));
        Files.createDirectories(deep);
        Files.writeString(deep.resolve("far.txt"), "too deep to index");
        Files.writeString(root.resolve("near.txt"), "fine");
        Library library = bean(LibraryService.class).add(unique("deep"), root, Set.of(), List.of());
        ScanReport report = bean(ScanService.class).scan(bean(LibraryService.class).get(library.getId()), false, ScanProgress.NONE);
        assertThat(report.added()).isEqualTo(1);
        assertThat(report.problems()).anyMatch(p -> p.contains("longer than 2,400 bytes"));
    }
}
