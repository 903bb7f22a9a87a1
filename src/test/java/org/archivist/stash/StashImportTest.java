package org.archivist.stash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.archivist.catalog.Library;
import org.archivist.catalog.LibraryService;
import org.archivist.scan.ScanProgress;
import org.archivist.scan.ScanService;
import org.archivist.testing.Corpus;
import org.archivist.testing.EngineTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Importing from a Stash server (a real GraphQL server started by the test, with Stash's type and
 * field names) holding scenes that point at corpus videos: matching by each fingerprint and by
 * path, performers with aliases, tags, studios with parents, incremental imports, every way the
 * server can fail (nothing half-written), and paging.
 */
class StashImportTest extends EngineTest {

    @TempDir
    Path temp;

    private FakeStash stash;

    @BeforeEach
    void startStash() throws Exception {
        stash = new FakeStash();
        // A generous wait: a page of 1,000 scenes on a loaded machine (two test JVMs on two cores) can take seconds.
        // The test of a slow server sets its own short one.
        bean(StashSettings.class).set(stash.url(), FakeStash.KEY, 30);
        // A failed import is retried as every job is; here without waiting between attempts.
        bean(org.archivist.jobs.JobRunner.class).setFirstBackOff(java.time.Duration.ofMillis(10));
        // Another test of this JVM may have imported into the shared database: start from nothing of Stash's.
        jdbc().update("UPDATE items SET stash_id = NULL WHERE stash_id IS NOT NULL");
        jdbc().update("DELETE FROM settings WHERE key = 'stash.last_import'");
    }

    @AfterEach
    void stopStash() {
        stash.close();
    }

    private Map<String, Object> importNow() {
        return bean(StashImporter.class).importNow(false);
    }

    private Library videos() throws Exception {
        Path root = Files.createDirectories(temp.resolve("videos"));
        for (String name : List.of("sample_640x360.mov", "with-gps.mp4", "keyed.mp4")) {
            Path source = Corpus.media().resolve("video").resolve(name);
            org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(source), "the corpus has no " + source + "; skipping");
            Files.copy(source, root.resolve(name));
        }
        Library library = bean(LibraryService.class).add(unique("stash"), root, Set.of(), List.of());
        bean(ScanService.class).scan(bean(LibraryService.class).get(library.getId()), false, ScanProgress.NONE);
        return library;
    }

    private long fileItem(Library library, String name) {
        return jdbc().queryForObject("SELECT item_id FROM files WHERE library_id = ? AND file_name = ?", Long.class, library.getId(), name);
    }

    @Test
    void scenesAreMatchedByOshashPerceptualHashAndPathAndBecomeScenesWithPeopleTagsAndStudios() throws Exception {
        Library library = videos();
        List<String> names = jdbc().queryForList("SELECT file_name FROM files WHERE library_id = ? ORDER BY file_name", String.class, library.getId());
        assertThat(names).as("three corpus videos").hasSize(3);
        String oshash = jdbc().queryForObject("SELECT quick_hash FROM files WHERE library_id = ? AND file_name = ?", String.class, library.getId(), names.get(0));
        // The second file's perceptual hash, and Stash's of it two bits away, written as Stash writes it: unpadded hex of an unsigned value.
        long phash = 0x0F3C5A9600FF1234L;
        jdbc().update("UPDATE files SET phash = ? WHERE library_id = ? AND file_name = ?", phash, library.getId(), names.get(1));
        String stashPhash = Long.toHexString(phash ^ 0b101);
        String root = bean(LibraryService.class).get(library.getId()).getRootPath();
        Instant t = Instant.parse("2026-11-01T10:00:00Z");
        stash.scene("101", "By oshash", t, List.of(FakeStash.file("/stash/elsewhere/a.mov", oshash.toUpperCase().replaceFirst("^0+", ""), null)));
        stash.scene("102", "By phash", t.plusSeconds(1), List.of(FakeStash.file("/stash/elsewhere/b.m4v", "ffffffffffffffff", stashPhash)));
        stash.scene("103", "By path", t.plusSeconds(2), List.of(FakeStash.file(root + "/" + names.get(2), null, null)));
        stash.scene("104", "Nowhere here", t.plusSeconds(3), List.of(FakeStash.file("/stash/other/d.mp4", "9e3779b97f4a7c15", "d1c2b3a4f5e6978a")));

        // A performer, a tag and a studio (with its parent) that no scene names yet.
        stash.performers.add(Map.of("id", "pf-9", "name", "Grace Hopper", "disambiguation", "admiral", "alias_list", List.of("Amazing Grace"),
                "updated_at", t.toString()));
        stash.tags.add(Map.of("id", "tg-9", "name", "Archive footage", "aliases", List.of(), "updated_at", t.toString()));
        stash.studios.add(Map.of("id", "st-9", "name", "Harbour Docs", "aliases", List.of(), "updated_at", t.toString(),
                "parent_studio", Map.of("id", "st-0", "name", "Harbour Group", "aliases", List.of(), "updated_at", t.toString())));

        Map<String, Object> counts = importNow();
        assertThat(counts).containsEntry("performers", 2L).containsEntry("tags", 2L).containsEntry("studios", 3L);
        assertThat(jdbc().queryForObject("SELECT disambiguation FROM people WHERE stash_id = 'pf-9'", String.class)).isEqualTo("admiral");
        assertThat(jdbc().queryForList("SELECT a.alias FROM person_aliases a JOIN people p ON p.id = a.person_id WHERE p.stash_id = 'pf-9'", String.class))
                .containsExactly("Amazing Grace");
        assertThat(jdbc().queryForObject("SELECT name FROM tags WHERE stash_id = 'tg-9'", String.class)).isEqualTo("Archive footage");
        assertThat(jdbc().queryForObject("SELECT p.stash_id FROM studios s JOIN studios p ON p.id = s.parent_id WHERE s.stash_id = 'st-9'", String.class))
                .isEqualTo("st-0");
        assertThat(counts).containsEntry("matchedByOshash", 1).containsEntry("matchedByPhash", 1).containsEntry("matchedByPath", 1)
                .containsEntry("unmatched", 1).containsEntry("scenes", 4L);
        assertThat(jdbc().queryForObject("SELECT stash_id FROM items WHERE id = ?", String.class, fileItem(library, names.get(0)))).isEqualTo("101");
        assertThat(jdbc().queryForObject("SELECT stash_id FROM items WHERE id = ?", String.class, fileItem(library, names.get(1)))).isEqualTo("102");
        assertThat(jdbc().queryForObject("SELECT stash_id FROM items WHERE id = ?", String.class, fileItem(library, names.get(2)))).isEqualTo("103");
        Map<String, Object> unmatched = jdbc().queryForMap("SELECT kind, title, details FROM items WHERE stash_id = '104'");
        assertThat(unmatched).containsEntry("kind", "scene").containsEntry("title", "Nowhere here").containsEntry("details", "Details of Nowhere here");
        long item = fileItem(library, names.get(0));
        assertThat(jdbc().queryForObject("SELECT kind FROM items WHERE id = ?", String.class, item)).isEqualTo("scene");
        assertThat(jdbc().queryForObject("SELECT title FROM items WHERE id = ?", String.class, item)).isEqualTo("By oshash");
        assertThat(jdbc().queryForObject("""
                SELECT p.name FROM item_people ip JOIN people p ON p.id = ip.person_id WHERE ip.item_id = ? AND ip.role = 'performer'""", String.class, item))
                .isEqualTo("Ada Lovelace");
        assertThat(jdbc().queryForList("SELECT a.alias FROM person_aliases a JOIN people p ON p.id = a.person_id WHERE p.stash_id = 'pf-1'", String.class))
                .containsExactly("Countess of Lovelace");
        assertThat(jdbc().queryForObject("SELECT t.name FROM item_tags it JOIN tags t ON t.id = it.tag_id WHERE it.item_id = ?", String.class, item))
                .isEqualTo("Outdoor");
        assertThat(jdbc().queryForObject("SELECT p.name FROM items i JOIN studios s ON s.id = i.studio_id JOIN studios p ON p.id = s.parent_id WHERE i.id = ?",
                String.class, item)).as("the studio's parent").isEqualTo("Harbour Group");

        // Incremental: nothing new reads nothing; a scene changed in Stash is read again, alone.
        // Nothing new: at most the scenes of the last second are read again (Stash's timestamps are whole seconds), and known.
        assertThat(importNow()).doesNotContainKeys("unmatched", "matchedByOshash", "matchedByPhash", "matchedByPath");
        stash.scenes.get(3).put("title", "Renamed in Stash");
        stash.scenes.get(3).put("updated_at", t.plusSeconds(60).toString());
        assertThat(importNow()).containsEntry("scenes", 1L).containsEntry("known", 1);
        assertThat(jdbc().queryForObject("SELECT title FROM items WHERE stash_id = '104'", String.class)).isEqualTo("Renamed in Stash");
        assertThat(jdbc().queryForObject("SELECT count(*) FROM items WHERE stash_id IS NOT NULL", Integer.class)).as("nothing twice").isEqualTo(4);
        // Each listing has its own cursor: a performer changed later (t+120) than a scene edited while
        // the import read the later listings (t+90) does not hide that scene from the next import.
        stash.performers.set(0, Map.of("id", "pf-9", "name", "Grace Hopper", "disambiguation", "admiral", "alias_list", List.of("Amazing Grace"),
                "updated_at", t.plusSeconds(120).toString()));
        importNow();
        stash.scenes.get(3).put("title", "Renamed while performers were read");
        stash.scenes.get(3).put("updated_at", t.plusSeconds(90).toString());
        assertThat(importNow()).containsEntry("scenes", 1L);
        assertThat(jdbc().queryForObject("SELECT title FROM items WHERE stash_id = '104'", String.class)).isEqualTo("Renamed while performers were read");
        assertThat(jdbc().queryForObject("SELECT count(*) FROM people WHERE stash_id = 'pf-1'", Integer.class)).isEqualTo(1);
    }

    @Test
    void everyWayTheServerFailsIsAClearErrorAndWritesNothing() {
        stash.scene("201", "Only one", Instant.parse("2026-11-02T10:00:00Z"), List.of(FakeStash.file("/x/y.mp4", null, null)));
        int before = jdbc().queryForObject("SELECT count(*) FROM items WHERE stash_id IS NOT NULL", Integer.class);

        bean(StashSettings.class).set(stash.url(), "a-wrong-key", 2);
        assertThatThrownBy(this::importNow).hasMessageContaining("refused the API key (401)");
        bean(StashSettings.class).set(stash.url(), FakeStash.KEY, 2);
        stash.mode = FakeStash.Mode.SLOW;
        assertThatThrownBy(this::importNow).hasMessageContaining("did not answer within 2 s");
        stash.mode = FakeStash.Mode.MALFORMED;
        assertThatThrownBy(this::importNow).hasMessageContaining("not GraphQL JSON");
        stash.mode = FakeStash.Mode.GRAPHQL_ERRORS;
        assertThatThrownBy(this::importNow).hasMessageContaining("GraphQL errors: pq: database is locked");
        stash.close();
        assertThatThrownBy(this::importNow).hasMessageContaining("does not answer");
        assertThatThrownBy(() -> bean(StashSettings.class).set("ftp://nas.local", null)).hasMessageStartingWith("url: 'ftp://nas.local' is not an http or https address");
        assertThat(jdbc().queryForObject("SELECT count(*) FROM items WHERE stash_id IS NOT NULL", Integer.class)).isEqualTo(before);
        assertThat(bean(StashSettings.class).shown().lastImport()).as("the next import starts where the last good one ended").isNull();
        assertThat(bean(StashSettings.class).shown().apiKey()).as("never shown whole").isEqualTo("••••6789");
    }

    @Test
    void anImportThatFailsHalfwayKeepsWholePagesAndTheNextOneEndsItWithNothingTwice() {
        Instant t = Instant.parse("2026-11-05T00:00:00Z");
        for (int n = 0; n < 2_500; n++) stash.scene("h" + n, "Halfway " + n, t.plusSeconds(n), List.of(FakeStash.file("/stash/h/" + n + ".mp4", null, null)));
        // The first two pages of 1,000 are answered, then the server goes away.
        stash.answeredBeforeFailing = 2;
        assertThatThrownBy(this::importNow).hasMessageContaining("answered 503 Service Unavailable");
        // Two pages: the first 1,000 scenes, and the next page from a second before the newest read (one scene read again).
        List<Integer> written = jdbc().queryForList("SELECT stash_id FROM items WHERE stash_id LIKE 'h%'", String.class).stream()
                .map(id -> Integer.parseInt(id.substring(1))).sorted().toList();
        assertThat(written).as("whole pages in the order Stash gave them, no half of one").hasSize(1_999)
                .isEqualTo(java.util.stream.IntStream.range(0, 1_999).boxed().toList());
        assertThat(bean(StashSettings.class).shown().lastImport()).as("the cursor moves only at the end of an import").isNull();
        stash.answeredBeforeFailing = Integer.MAX_VALUE;
        assertThat(importNow()).containsEntry("known", 1_999).containsEntry("unmatched", 501);
        assertThat(jdbc().queryForObject("SELECT count(*) FROM items WHERE stash_id LIKE 'h%'", Integer.class)).as("nothing twice").isEqualTo(2_500);
    }

    @Test
    @SuppressWarnings("unchecked")
    void acceptedChangesGoBackToStashAfterAPreviewAndAConflictIsNeverOverwritten() {
        // Stash's clock is a month behind ours: its scenes' times and its edits are all a month ago.
        Instant t = Instant.now().minus(java.time.Duration.ofDays(30)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        stash.scene("301", "Scene 301", t, List.of(FakeStash.file("/stash/301.mp4", null, null)));
        stash.scene("302", "Scene 302", t.plusSeconds(1), List.of(FakeStash.file("/stash/302.mp4", null, null)));
        stash.scene("303", "Scene 303", t.plusSeconds(2), List.of(FakeStash.file("/stash/303.mp4", null, null)));
        stash.tags.add(Map.of("id", "tg-2", "name", "Evening", "aliases", List.of(), "updated_at", t.toString()));
        importNow();
        long first = jdbc().queryForObject("SELECT id FROM items WHERE stash_id = '301'", Long.class);
        long second = jdbc().queryForObject("SELECT id FROM items WHERE stash_id = '302'", Long.class);
        long third = jdbc().queryForObject("SELECT id FROM items WHERE stash_id = '303'", Long.class);
        var text = (java.util.function.Function<String, tools.jackson.databind.JsonNode>) v -> tools.jackson.databind.json.JsonMapper.builder().build()
                .getNodeFactory().stringNode(v);
        var mapper = tools.jackson.databind.json.JsonMapper.builder().build();
        var plans = bean(org.archivist.plans.PlanService.class);
        long plan = plans.create(new org.archivist.plans.PlanSchemas.Create("push " + unique("p"), null, null, List.of(
                new org.archivist.plans.PlanSchemas.ChangeCreate(first, "title", org.archivist.plans.ChangeAction.SET, text.apply("Scene 301"), text.apply("Better 301"), 0.9),
                new org.archivist.plans.PlanSchemas.ChangeCreate(first, "tag", org.archivist.plans.ChangeAction.REMOVE, null, mapper.readTree("{\"name\": \"Outdoor\"}"), 0.9),
                new org.archivist.plans.PlanSchemas.ChangeCreate(first, "tag", org.archivist.plans.ChangeAction.ADD, null, mapper.readTree("{\"name\": \"Night " + unique("") + "\"}"), 0.9),
                new org.archivist.plans.PlanSchemas.ChangeCreate(first, "tag", org.archivist.plans.ChangeAction.ADD, null, mapper.readTree("{\"name\": \"Evening\"}"), 0.9),
                new org.archivist.plans.PlanSchemas.ChangeCreate(second, "title", org.archivist.plans.ChangeAction.SET, text.apply("Scene 302"), text.apply("Better 302"), 0.9),
                new org.archivist.plans.PlanSchemas.ChangeCreate(third, "details", org.archivist.plans.ChangeAction.SET, text.apply("Details of Scene 303"),
                        mapper.nullNode(), 0.9))))
                .getId();
        plans.submitForReview(plan);
        bean(org.archivist.plans.PlanReview.class).decide(plan, null, org.archivist.plans.PlanReview.Filter.ALL, true);
        bean(org.archivist.plans.PlanApplier.class).apply(plan);

        StashPush.Preview preview = bean(StashPush.class).preview(plan);
        assertThat(preview.updates()).hasSize(3);
        StashPush.SceneUpdate update = preview.updates().get(0);
        assertThat(update.sceneId()).isEqualTo("301");
        assertThat(update.set()).containsEntry("title", "Better 301");
        assertThat(update.removeTags()).containsExactly("tg-1");
        assertThat(update.addTags()).containsExactly("tg-2");
        assertThat(preview.skipped()).singleElement().asString().contains("is not in Stash");
        assertThat(stash.mutations).as("a preview sends nothing").isEmpty();

        // Stash goes away after the first scene's read and mutation: the push fails with the reason; the
        // first scene has all of its update (one mutation), the others none of theirs.
        stash.answeredBeforeFailing = stash.requests + 2;
        assertThatThrownBy(() -> bean(StashPush.class).pushNow(plan)).hasMessageContaining("answered 503");
        assertThat(jdbc().queryForObject("SELECT status FROM jobs WHERE type = 'stash_push' ORDER BY id DESC LIMIT 1", String.class)).isEqualTo("failed");
        assertThat(stash.mutations).as("one mutation a scene").hasSize(1);
        assertThat(stash.scenes.get(0).get("title")).isEqualTo("Better 301");
        assertThat((List<Map<String, Object>>) stash.scenes.get(0).get("tags")).extracting(tag -> tag.get("id")).containsExactly("tg-2");
        assertThat(stash.scenes.get(2).get("details")).isEqualTo("Details of Scene 303");
        stash.answeredBeforeFailing = Integer.MAX_VALUE;
        stash.mutations.clear();

        // Someone edits scene 302 in Stash after the import, on a Stash whose clock is a month behind
        // ours: it is a conflict all the same (only Stash's own times are compared), not overwritten.
        stash.scenes.get(1).put("title", "Edited in Stash");
        stash.scenes.get(1).put("updated_at", t.plusSeconds(2).toString());
        StashPush.Report report = bean(StashPush.class).pushNow(plan);
        assertThat(report.sent()).as("301 again (our own write is no conflict) and 303").isEqualTo(2);
        assertThat(jdbc().queryForObject("SELECT status || ' ' || processed_items || '/' || total_items FROM jobs WHERE type = 'stash_push' ORDER BY id DESC LIMIT 1",
                String.class)).as("a push is a job with progress").isEqualTo("completed 3/3");
        assertThat(report.conflicts()).singleElement().asString().contains("scene 302 changed in Stash");
        assertThat(stash.scenes.get(0).get("title")).isEqualTo("Better 301");
        assertThat(stash.mutations).as("the title and a tag list with an add and a remove in one bulk update, by SET")
                .filteredOn(m -> m.containsKey("ids") && m.get("ids").toString().contains("301")).singleElement()
                .satisfies(m -> assertThat(m).containsEntry("title", "Better 301").containsEntry("tag_ids", Map.of("ids", List.of("tg-2"), "mode", "SET")));
        assertThat(stash.mutations).as("a cleared field goes by sceneUpdate, with the whole lists it does not change left out")
                .filteredOn(m -> "303".equals(m.get("id"))).singleElement()
                .satisfies(m -> assertThat(m).containsEntry("details", null).doesNotContainKeys("tag_ids", "performer_ids"));
        assertThat(stash.scenes.get(2).get("details")).isNull();
        assertThat((List<Map<String, Object>>) stash.scenes.get(0).get("tags")).extracting(tag -> tag.get("id")).containsExactly("tg-2");
        assertThat(stash.scenes.get(1).get("title")).isEqualTo("Edited in Stash");

        // Our own push is no edit by someone else: pushed again, scene 301 is sent again, not held as a conflict.
        StashPush.Report again = bean(StashPush.class).pushNow(plan);
        assertThat(again.sent()).isEqualTo(2);
        assertThat(again.conflicts()).singleElement().asString().contains("scene 302");
    }

    @Test
    void fiftyThousandScenesComeThroughPaging() {
        // Paging is the client's and the same on both engines: once, on the default one (bench/run stash measures both).
        org.junit.jupiter.api.Assumptions.assumeTrue(engine == org.archivist.db.Engine.SQLITE,
                "50,000 scenes through paging run on SQLite; bench/run stash imports them on both engines");
        Instant t = Instant.parse("2026-11-03T00:00:00Z");
        for (int n = 0; n < 50_000; n++) {
            stash.scene("p" + n, "Paged " + n, t.plusSeconds(n / 7), List.of(FakeStash.file("/paged/" + n + ".mp4", null, null)));
        }
        long started = System.nanoTime();
        Map<String, Object> counts = importNow();
        System.out.printf("%s: 50,000 scenes imported in %.1f s, %d requests%n", engine, (System.nanoTime() - started) / 1e9, stash.requests);
        assertThat(counts).containsEntry("scenes", 50_000L).containsEntry("unmatched", 50_000);
        assertThat(jdbc().queryForObject("SELECT count(*) FROM items WHERE stash_id LIKE 'p%'", Integer.class)).isEqualTo(50_000);
        assertThat(stash.requests).as("pages of 1,000 (each after the first starts a second early), and one of performers, tags and studios each").isBetween(53, 63);
        // 50,000 items without files would weigh on the tests that share this database after this one.
        jdbc().update("DELETE FROM items WHERE stash_id LIKE 'p%'");
    }
}
