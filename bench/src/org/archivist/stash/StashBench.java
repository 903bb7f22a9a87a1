package org.archivist.stash;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.archivist.ArchivistApplication;
import org.archivist.db.DatabaseLocation;
import org.archivist.db.Engine;
import org.archivist.db.SchemaMigrator;
import org.archivist.testing.TestDatabases;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code bench/run stash [SCENES]}: importing 50,000 scenes (default) from the test Stash server
 * (a real HTTP GraphQL server) into SQLite and PostgreSQL. Baseline in the same run: fetching the
 * same pages from the same server with the same client, writing nothing.
 */
public final class StashBench {

    public static void main(String[] args) throws Exception {
        int scenes = args.length > 0 ? Integer.parseInt(args[0]) : 50_000;
        List<String> rows = new ArrayList<>();
        for (Engine engine : List.of(Engine.SQLITE, Engine.POSTGRESQL)) rows.addAll(run(engine, scenes));
        System.out.printf("Stash import benchmark: %,d scenes, pages of 1,000, %d cores%n", scenes, Runtime.getRuntime().availableProcessors());
        System.out.println("| engine | measure | seconds | scenes/s | target |");
        System.out.println("| --- | --- | ---: | ---: | --- |");
        rows.forEach(System.out::println);
        System.exit(0);
    }

    private static List<String> run(Engine engine, int count) throws Exception {
        DatabaseLocation location = TestDatabases.fresh(engine);
        new SchemaMigrator(location).upgrade();
        List<String> rows = new ArrayList<>();
        try (FakeStash stash = new FakeStash(); ConfigurableApplicationContext context = ArchivistApplication.start(location)) {
            Instant t = Instant.parse("2026-11-03T00:00:00Z");
            for (int n = 0; n < count; n++) {
                var scene = stash.scene("b" + n, "Bench " + n, t.plusSeconds(n / 7), List.of(FakeStash.file("/bench/" + n + ".mp4", null, null)));
                // A hundred performers and fifty tags across the scenes, as a real library has.
                scene.put("performers", List.of(Map.of("id", "pf-" + n % 100, "name", "Performer " + n % 100, "alias_list", List.of(), "updated_at", t.toString())));
                scene.put("tags", List.of(Map.of("id", "tg-" + n % 50, "name", "Tag " + n % 50, "aliases", List.of(), "updated_at", t.toString())));
            }
            StashSettings settings = context.getBean(StashSettings.class);
            settings.set(stash.url(), FakeStash.KEY, 60);
            StashClient client = context.getBean(StashClient.class);
            long started = System.nanoTime();
            int fetched = 0;
            for (int page = 1; fetched < count; page++) fetched += client.page(settings.connection(), StashTypes.SCENES, page, 1000, null).entries().size();
            double fetch = (System.nanoTime() - started) / 1e9;
            rows.add(row(engine.displayName(), "baseline: the same pages fetched and decoded, nothing written", fetch, count, ""));
            started = System.nanoTime();
            Map<String, Object> counts = context.getBean(StashImporter.class).importNow(true);
            double imported = (System.nanoTime() - started) / 1e9;
            rows.add(row(engine.displayName(), "import " + counts.get("scenes") + " scenes (" + counts.get("unmatched") + " without a local file)", imported, count,
                    count >= 50_000 ? (imported < 60 ? "< 60 s for 50,000: met" : "< 60 s for 50,000: NOT met") : ""));
        }
        return rows;
    }

    private static String row(String engine, String what, double seconds, int scenes, String target) {
        return String.format(Locale.ROOT, "| %s | %s | %.2f | %,.0f | %s |", engine, what, seconds, scenes / seconds, target);
    }
}
