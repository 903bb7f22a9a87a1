package org.archivist.plans;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.archivist.catalog.CaptureDate;
import org.archivist.catalog.Confidence;
import org.archivist.catalog.FileCatalog;
import org.archivist.catalog.FileMetadata;
import org.archivist.catalog.ItemKind;
import org.archivist.catalog.ItemProposal;
import org.archivist.catalog.LibraryService;
import org.archivist.catalog.MediaType;
import org.archivist.catalog.ScannedFile;
import org.archivist.catalog.TimestampSource;
import org.archivist.testing.EngineTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A plan applied while a scan rewrites the same files stays consistent: the plan proposes capture
 * dates from the file names of 2,000 photos whose dates were guessed, and while it applies, a scan
 * finds every one of them changed, now with a date from EXIF, and writes it. Each change either
 * applied before the scan's write (which then has the last word) or saw the scan's date and was
 * skipped as stale: no file ends with the plan's date over a date the plan never saw.
 */
class PlanDuringScanTest extends EngineTest {

    private static final int FILES = 2_000;

    @TempDir
    java.nio.file.Path temp;

    private static ScannedFile photo(String path, CaptureDate date) {
        String name = path.substring(path.lastIndexOf('/') + 1);
        return new ScannedFile(path, 1000, null, Instant.parse("2024-01-01T00:00:00Z"), "image/jpeg", MediaType.IMAGE,
                Long.toHexString(path.hashCode()), null, date, new FileMetadata(),
                new ItemProposal(ItemKind.PHOTO, name.substring(0, name.lastIndexOf('.')), null, null, null, null), null);
    }

    @Test
    void everyChangeIsAppliedBeforeTheScansWriteOrSeenAsStaleAfterIt() throws Exception {
        long library = bean(LibraryService.class).add(unique("racing"), temp, Set.of(), List.of()).getId();
        CaptureDate guessed = new CaptureDate(Instant.parse("2024-01-01T00:00:00Z"), null, TimestampSource.FILESYSTEM, Confidence.LOW);
        CaptureDate exif = new CaptureDate(Instant.parse("2018-03-04T05:06:07Z"), 0, TimestampSource.EXIF, Confidence.HIGH);
        List<String> paths = new ArrayList<>();
        for (int n = 0; n < FILES; n++) {
            paths.add(String.format("f%d/IMG_2019%02d%02d_%02d%02d%02d.jpg", n, 1 + n % 12, 1 + (n / 12) % 28, n % 24, (n / 7) % 60, n % 60));
        }
        bean(FileCatalog.class).insertNew(library, paths.stream().map(path -> photo(path, guessed)).toList());
        long plan = bean(AnalysisService.class).analyze(new AnalysisService.AnalysisJob("racing", AnalysisSettings.of(library,
                Map.of(FileNameDateRule.NAME, PlanValues.JSON.createObjectNode()), null, null), null));
        assertThat(bean(PlanReview.class).decide(plan, null, PlanReview.Filter.ALL, true)).isEqualTo(FILES);

        Map<String, Long> ids = new LinkedHashMap<>();
        jdbc().query("SELECT path, id FROM files WHERE library_id = ?", rows -> {
            ids.put(rows.getString(1), rows.getLong(2));
        }, library);
        CountDownLatch start = new CountDownLatch(1);
        // The scan rewrites the files in batches of 50, from the last to the first, as the plan applies from the first.
        CompletableFuture<Void> scan = CompletableFuture.runAsync(() -> {
            await(start);
            FileCatalog catalog = bean(FileCatalog.class);
            for (int to = paths.size(); to > 0; to -= 50) {
                Map<Long, ScannedFile> batch = new LinkedHashMap<>();
                for (String path : paths.subList(Math.max(0, to - 50), to)) batch.put(ids.get(path), photo(path, exif));
                catalog.updateChanged(batch);
            }
        });
        CompletableFuture<Map<String, Integer>> apply = CompletableFuture.supplyAsync(() -> {
            await(start);
            return bean(PlanApplier.class).apply(plan);
        });
        start.countDown();
        scan.get(120, TimeUnit.SECONDS);
        Map<String, Integer> outcomes = apply.get(120, TimeUnit.SECONDS);
        System.out.println(engine + ": outcomes of a plan applied during a scan " + outcomes);

        assertThat(outcomes.getOrDefault("applied", 0) + outcomes.getOrDefault("stale", 0)).as("every change applied or stale").isEqualTo(FILES);
        assertThat(jdbc().queryForObject("SELECT count(*) FROM files WHERE library_id = ? AND timestamp_source = 'exif'", Integer.class, library))
                .as("the scan's date everywhere: written after the plan's, or seen by the plan and left").isEqualTo(FILES);
        assertThat(jdbc().queryForObject("""
                SELECT count(*) FROM plan_changes c JOIN files f ON f.item_id = c.item_id
                WHERE c.plan_id = ? AND c.outcome = 'stale' AND f.timestamp_source <> 'exif'""", Integer.class, plan)).isZero();
        // Undo finds every applied change overwritten by the scan since, and keeps the scan's dates.
        Map<String, Integer> undone = bean(PlanApplier.class).undo(plan);
        assertThat(undone.getOrDefault("kept", 0)).isEqualTo(outcomes.getOrDefault("applied", 0));
        assertThat(jdbc().queryForObject("SELECT count(*) FROM files WHERE library_id = ? AND timestamp_source = 'exif'", Integer.class, library))
                .isEqualTo(FILES);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
