package org.archivist.plans;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.archivist.ArchivistApplication;
import org.archivist.catalog.CaptureDate;
import org.archivist.catalog.Confidence;
import org.archivist.catalog.FileCatalog;
import org.archivist.catalog.FileMetadata;
import org.archivist.catalog.ItemKind;
import org.archivist.catalog.ItemProposal;
import org.archivist.catalog.LibraryService;
import org.archivist.catalog.MediaType;
import org.archivist.catalog.PeopleService;
import org.archivist.catalog.PersonSchemas;
import org.archivist.catalog.ScannedFile;
import org.archivist.catalog.TimestampSource;
import org.archivist.db.DatabaseLocation;
import org.archivist.db.Engine;
import org.archivist.db.SchemaMigrator;
import org.archivist.testing.TestDatabases;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * {@code bench/run plans [ITEMS]}: an analysis of a generated catalogue (default 200,000 items in
 * nested folders, a tenth named after one of 1,000 people, a fifth with a genre, a tenth with a
 * guessed date and a date in the name), then 100,000 accepted tag changes applied. Baselines in the
 * same run: reading the same rows the analysis reads with one plain query, and writing the same
 * 100,000 tags with one JDBC batch.
 */
public final class PlansBench {

    public static void main(String[] args) throws Exception {
        int items = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        List<String> rows = new ArrayList<>();
        for (Engine engine : List.of(Engine.SQLITE, Engine.POSTGRESQL)) rows.addAll(run(engine, items));
        System.out.printf("Plans benchmark: %,d items, %d cores%n", items, Runtime.getRuntime().availableProcessors());
        System.out.println("| engine | measure | seconds | rate | target |");
        System.out.println("| --- | --- | ---: | ---: | --- |");
        rows.forEach(System.out::println);
        System.exit(0);
    }

    private static List<String> run(Engine engine, int items) throws Exception {
        DatabaseLocation location = TestDatabases.fresh(engine);
        new SchemaMigrator(location).upgrade();
        List<String> rows = new ArrayList<>();
        String name = engine.displayName();
        try (ConfigurableApplicationContext context = ArchivistApplication.start(location)) {
            Path root = Files.createTempDirectory("plans-bench");
            long library = context.getBean(LibraryService.class).add("bench", root, Set.of(), List.of()).getId();
            PeopleService people = context.getBean(PeopleService.class);
            for (int p = 0; p < 1_000; p++) people.create(new PersonSchemas.Create("Firstname" + p + " Lastname" + p, null, null));
            System.err.printf("%s: cataloguing %,d files...%n", name, items);
            FileCatalog catalog = context.getBean(FileCatalog.class);
            List<ScannedFile> batch = new ArrayList<>();
            Instant base = Instant.parse("2015-01-01T00:00:00Z");
            for (int n = 0; n < items; n++) {
                FileMetadata metadata = new FileMetadata();
                if (n % 5 == 0) metadata.setGenre(List.of("Rock", "Jazz", "Folk", "Ambient").get(n % 4));
                boolean guessed = n % 10 == 3;
                String file = guessed ? "IMG_2019%02d%02d_1200%02d.jpg".formatted(1 + n % 12, 1 + n % 28, n % 60)
                        : n % 10 == 1 ? "firstname" + (n % 1000) + "_lastname" + (n % 1000) + " " + n + ".jpg" : "IMG_" + n + ".jpg";
                String path = "Event " + (n % 2_000) + "/Day " + (n % 7) + "/" + n + "-" + file;
                Instant at = base.plusSeconds(60L * n);
                CaptureDate date = guessed ? new CaptureDate(at, null, TimestampSource.FILESYSTEM, Confidence.LOW)
                        : new CaptureDate(at, 0, TimestampSource.EXIF, Confidence.HIGH);
                batch.add(new ScannedFile(path, 1000 + n, null, at, "image/jpeg", MediaType.IMAGE, Long.toHexString(n), null, date, metadata,
                        new ItemProposal(ItemKind.PHOTO, "photo " + n, null, null, null, null), null));
                if (batch.size() == 1_000) {
                    catalog.insertNew(library, batch);
                    batch.clear();
                }
            }
            if (!batch.isEmpty()) catalog.insertNew(library, batch);
            JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);

            long t = System.nanoTime();
            int[] read = {0};
            jdbc.query("""
                    SELECT f.id, f.item_id, f.path, f.file_name, f.confidence, m.title, m.genre, i.title
                    FROM files f JOIN items i ON i.id = f.item_id LEFT JOIN file_metadata m ON m.file_id = f.id""", r -> { read[0]++; });
            double readSeconds = (System.nanoTime() - t) / 1e9;
            rows.add(row(name, "baseline: the files, items and metadata by one query", readSeconds, read[0] / readSeconds, "rows/s", ""));

            t = System.nanoTime();
            long plan = context.getBean(AnalysisService.class).analyze(new AnalysisService.AnalysisJob("bench", AnalysisSettings.of(null, null, null, null), null));
            double analysis = (System.nanoTime() - t) / 1e9;
            long changes = jdbc.queryForObject("SELECT count(*) FROM plan_changes WHERE plan_id = ?", Long.class, plan);
            rows.add(row(name, "analysis, every rule (" + String.format(Locale.ROOT, "%,d", changes) + " changes proposed)", analysis, items / analysis,
                    "items/s", items >= 200_000 ? (analysis < 30 ? "< 30 s for 200,000 items: met" : "< 30 s for 200,000 items: NOT met") : ""));

            List<Long> tagChanges = jdbc.queryForList("SELECT id FROM plan_changes WHERE plan_id = ? AND field = 'tag' ORDER BY id LIMIT 100000", Long.class, plan);
            context.getBean(PlanReview.class).decide(plan, tagChanges, PlanReview.Filter.ALL, true);

            // Baseline: the same number of tag rows in one JDBC batch (a new tag, then removed).
            long baselineTag = jdbc.queryForObject("INSERT INTO tags (name) VALUES ('baseline') RETURNING id", Long.class);
            List<Long> itemIds = jdbc.queryForList("SELECT id FROM items ORDER BY id LIMIT " + tagChanges.size(), Long.class);
            t = System.nanoTime();
            new org.springframework.transaction.support.TransactionTemplate(context.getBean(org.springframework.transaction.PlatformTransactionManager.class))
                    .executeWithoutResult(s -> jdbc.batchUpdate("INSERT INTO item_tags (item_id, tag_id) VALUES (?, ?)", itemIds, 1000, (ps, id) -> {
                        ps.setLong(1, id);
                        ps.setLong(2, baselineTag);
                    }));
            double baseline = (System.nanoTime() - t) / 1e9;
            rows.add(row(name, "baseline: " + String.format(Locale.ROOT, "%,d", itemIds.size()) + " tag rows by one JDBC batch", baseline, itemIds.size() / baseline, "rows/s", ""));
            jdbc.update("DELETE FROM tags WHERE id = ?", baselineTag);

            t = System.nanoTime();
            var outcomes = context.getBean(PlanApplier.class).apply(plan);
            double apply = (System.nanoTime() - t) / 1e9;
            rows.add(row(name, "apply " + String.format(Locale.ROOT, "%,d", tagChanges.size()) + " accepted changes " + outcomes, apply, tagChanges.size() / apply,
                    "changes/s", tagChanges.size() >= 100_000 ? (apply < 30 ? "< 30 s for 100,000: met" : "< 30 s for 100,000: NOT met") : ""));
        }
        return rows;
    }

    private static String row(String engine, String what, double seconds, double rate, String unit, String target) {
        return String.format(Locale.ROOT, "| %s | %s | %.2f | %,.0f %s | %s |", engine, what, seconds, rate, unit, target);
    }
}
