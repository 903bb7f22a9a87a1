package org.archivist.plans;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.archivist.catalog.CaptureDate;
import org.archivist.catalog.Confidence;
import org.archivist.catalog.FileCatalog;
import org.archivist.catalog.FileMetadata;
import org.archivist.catalog.ItemFields;
import org.archivist.catalog.ItemKind;
import org.archivist.catalog.ItemProposal;
import org.archivist.catalog.LibraryService;
import org.archivist.catalog.MediaType;
import org.archivist.catalog.PeopleService;
import org.archivist.catalog.PersonSchemas;
import org.archivist.catalog.ScannedFile;
import org.archivist.catalog.StudioSchemas;
import org.archivist.catalog.TimestampSource;
import org.archivist.testing.EngineTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tools.jackson.databind.JsonNode;

/**
 * Analysis on a generated catalogue: each rule's proposals and confidences, review, apply with
 * locks and stale values, a run stopped between two batches and run again, and undo.
 */
class AnalysisPlanTest extends EngineTest {

    @TempDir
    java.nio.file.Path temp;

    private long library;
    private String tag;

    private ScannedFile file(String path, CaptureDate date, String metadataTitle, String genre) {
        FileMetadata metadata = new FileMetadata();
        metadata.setTitle(metadataTitle);
        metadata.setGenre(genre);
        String name = path.substring(path.lastIndexOf('/') + 1);
        String stem = name.substring(0, name.lastIndexOf('.'));
        boolean audio = path.endsWith(".mp3");
        boolean book = path.endsWith(".epub");
        return new ScannedFile(path, 1000, null, Instant.parse("2024-01-01T00:00:00Z"), audio ? "audio/mpeg" : book ? "application/epub+zip" : "image/jpeg",
                audio ? MediaType.AUDIO : book ? MediaType.BOOK : MediaType.IMAGE, Long.toHexString(path.hashCode()), null, date, metadata,
                new ItemProposal(audio ? ItemKind.TRACK : book ? ItemKind.BOOK : ItemKind.PHOTO, stem, null, null, null, null), null);
    }

    private long itemOf(String path) {
        return jdbc().queryForObject("SELECT item_id FROM files WHERE library_id = ? AND path = ?", Long.class, library, path);
    }

    /** A small library with something for every rule; {@code tag} makes this test's names unique in the shared database. */
    private void catalogue(int bulk) {
        tag = unique("t").replace("-", "");
        library = bean(LibraryService.class).add(unique("plans"), temp, Set.of(), List.of()).getId();
        CaptureDate exif = new CaptureDate(Instant.parse("2019-07-14T18:30:12Z"), 0, TimestampSource.EXIF, Confidence.HIGH);
        CaptureDate guessed = new CaptureDate(Instant.parse("2024-01-01T00:00:00Z"), null, TimestampSource.FILESYSTEM, Confidence.LOW);
        List<ScannedFile> files = new ArrayList<>(List.of(
                file("Holidays" + tag + "/Iceland 2019/beach.jpg", exif, null, null),
                file("DCIM/100APPLE/IMG_0001.jpg", exif, null, null),
                file("misc/IMG_20190714_183012.jpg", guessed, null, null),
                file("misc/2019-07-14.jpg", CaptureDate.NONE, null, null),
                file("misc/ada_lovelace" + tag + " portrait.jpg", exif, null, null),
                file("misc/Cher" + tag + " live.jpg", exif, null, null),
                file("misc/Adam" + tag + ".jpg", exif, null, null),
                file("Harbour Films " + tag + "/clip.jpg", exif, null, null),
                file("music/song.mp3", CaptureDate.NONE, "Real Title " + tag, "Rock" + tag + "; Pop" + tag + "; (17)"),
                file("misc/tagged.jpg", exif, null, null),
                file("misc/untagged.jpg", exif, null, null)));
        for (int n = 0; n < bulk; n++) files.add(file("Bulk" + tag + "/photo " + n + ".jpg", exif, null, null));
        bean(FileCatalog.class).insertNew(library, files);
        PeopleService people = bean(PeopleService.class);
        long ada = people.create(new PersonSchemas.Create("Ada Lovelace" + tag, null, null)).getId();
        people.update(ada, new PersonSchemas.Update(null, null, List.of("Countess of Lovelace" + tag)));
        people.create(new PersonSchemas.Create("Cher" + tag, null, null));
        people.create(new StudioSchemas.Create("Harbour Films " + tag, null, null));
        bean(ItemFields.class).addTag(itemOf("misc/tagged.jpg"), "sunset" + tag, null);
        jdbc().update("INSERT INTO duplicates (file_id, duplicate_of_id, match_type, similarity) VALUES (?, ?, 'exact', 1.0)",
                fileOf("misc/untagged.jpg"), fileOf("misc/tagged.jpg"));
    }

    private long fileOf(String path) {
        return jdbc().queryForObject("SELECT id FROM files WHERE library_id = ? AND path = ?", Long.class, library, path);
    }

    private long analyze(Map<String, JsonNode> rules, Map<String, String> policies) {
        return bean(AnalysisService.class).analyze(new AnalysisService.AnalysisJob("test " + tag,
                AnalysisSettings.of(library, rules, policies, null), null));
    }

    /** Every change as "item path | field action value | confidence | rule". */
    private Map<String, String> proposals(long planId) {
        Map<String, String> byPath = new TreeMap<>();
        jdbc().query("""
                SELECT f.path, c.field, c.action, CAST(c.proposed_value AS TEXT), c.confidence, c.rule FROM plan_changes c
                JOIN files f ON f.item_id = c.item_id WHERE c.plan_id = ? ORDER BY f.path, c.id""", rows -> {
            JsonNode value = PlanValues.JSON.readTree(rows.getString(4));
            String shown = value.isObject() && value.has("name") ? value.get("name").asString() : value.isObject() ? value.path("detectedAt").asString() : value.asString();
            byPath.merge(rows.getString(1).replace(tag, ""), rows.getString(2) + " " + rows.getString(3) + " " + shown.replace(tag, "") + " "
                    + rows.getDouble(5) + " " + rows.getString(6), (a, b) -> a + "; " + b);
        }, planId);
        byPath.replaceAll((path, changes) -> String.join("; ", new java.util.TreeSet<>(List.of(changes.split("; ")))));
        return byPath;
    }

    @Test
    void eachRuleProposesWhatTheCatalogueLacksWithItsConfidence() {
        catalogue(0);
        long plan = analyze(null, null);
        Map<String, String> proposals = proposals(plan);
        assertThat(proposals).containsEntry("Holidays/Iceland 2019/beach.jpg",
                "tag add Holidays 0.6 folder_tags; tag add Iceland 2019 0.6 folder_tags");
        assertThat(proposals).as("camera folders and numbers are no tags").doesNotContainKey("DCIM/100APPLE/IMG_0001.jpg");
        assertThat(proposals).containsEntry("misc/IMG_20190714_183012.jpg", "capture_date set 2019-07-14T18:30:12Z 0.7 filename_date");
        assertThat(proposals).containsEntry("misc/2019-07-14.jpg", "capture_date set 2019-07-14T00:00:00Z 0.5 filename_date");
        assertThat(proposals).containsEntry("misc/ada_lovelace portrait.jpg", "person add Ada Lovelace 0.8 people_from_names");
        assertThat(proposals).as("a single-word name, less surely").containsEntry("misc/Cher live.jpg", "person add Cher 0.4 people_from_names");
        assertThat(proposals).as("whole words only").doesNotContainKey("misc/Adam.jpg");
        assertThat(proposals).containsEntry("Harbour Films /clip.jpg", "studio set Harbour Films  0.7 studio_from_folder; tag add Harbour Films  0.6 folder_tags");
        assertThat(proposals).containsEntry("music/song.mp3",
                "tag add Pop 0.8 genre_tags; tag add Rock 0.8 genre_tags; title set Real Title  0.8 title_from_metadata");
        assertThat(proposals).containsEntry("misc/untagged.jpg", "tag add sunset 0.9 twin_tags");
        assertThat(proposals).as("the tagged twin has the tag").doesNotContainKey("misc/tagged.jpg");
        PlanReview.Summary summary = bean(PlanReview.class).summary(plan);
        assertThat(summary.status()).isEqualTo("reviewing");
        assertThat(summary.verdicts()).containsEntry("unreviewed", 12L);
        assertThat(bean(ItemFields.class).hasTag(itemOf("misc/untagged.jpg"), "sunset" + tag)).as("an analysis changes nothing").isFalse();

        // A mapping renames a folder's tag and is surer; a policy of ignore leaves a field out; a lock keeps a field away.
        bean(ItemFields.class).lock(itemOf("music/song.mp3"), "title");
        long mapped = analyze(Map.of("folder_tags", PlanValues.JSON.readTree("{\"mapping\": {\"holidays" + tag.toLowerCase() + "\": \"Vacation\"}}"),
                "title_from_metadata", PlanValues.JSON.createObjectNode(), "studio_from_folder", PlanValues.JSON.createObjectNode()), Map.of("studio", "ignore"));
        Map<String, String> again = proposals(mapped);
        assertThat(again.get("Holidays/Iceland 2019/beach.jpg")).isEqualTo("tag add Iceland 2019 0.6 folder_tags; tag add Vacation 0.9 folder_tags");
        assertThat(again.get("Harbour Films /clip.jpg")).as("studio: ignore").doesNotContain("studio");
        assertThat(again).doesNotContainKey("music/song.mp3");
        @SuppressWarnings("unchecked")
        Map<String, Object> statistics = (Map<String, Object>) bean(PlanReview.class).summary(mapped).metadata().get("statistics");
        assertThat(statistics.get("dropped").toString()).contains("locked=1").contains("ignoredField=1");
    }

    @Test
    void aliasesNearTwinsBookSubjectsIgnoredFoldersAndTheOverwritePolicyAndTheReviewFilters() {
        catalogue(0);
        CaptureDate exif = new CaptureDate(Instant.parse("2019-07-14T18:30:12Z"), 0, TimestampSource.EXIF, Confidence.HIGH);
        bean(FileCatalog.class).insertNew(library, List.of(
                file("misc/Countess of Lovelace" + tag + " at home.jpg", exif, null, null),
                file("misc/near.jpg", exif, null, null),
                file("books/alice.epub", CaptureDate.NONE, null, "Fantasy" + tag + "; Classics" + tag),
                file("music/named.mp3", CaptureDate.NONE, "Metadata Title " + tag, null),
                file("Scans" + tag + "/Old" + tag + "/page.jpg", exif, null, null)));
        // A near duplicate (perceptual, similarity 0.5) of the tagged photo; a title a person gave that metadata disagrees with.
        jdbc().update("INSERT INTO duplicates (file_id, duplicate_of_id, match_type, similarity) VALUES (?, ?, 'perceptual', 0.5)",
                fileOf("misc/near.jpg"), fileOf("misc/tagged.jpg"));
        bean(ItemFields.class).setTitle(itemOf("music/named.mp3"), "My own title");

        long plan = analyze(Map.of("people_from_names", PlanValues.JSON.createObjectNode(), "twin_tags", PlanValues.JSON.createObjectNode(),
                "genre_tags", PlanValues.JSON.createObjectNode(), "title_from_metadata", PlanValues.JSON.createObjectNode()), null);
        Map<String, String> proposals = proposals(plan);
        assertThat(proposals).as("an alias, as whole words").containsEntry("misc/Countess of Lovelace at home.jpg", "person add Ada Lovelace 0.8 people_from_names");
        assertThat(proposals).as("a near twin's tags, by its similarity").containsEntry("misc/near.jpg", "tag add sunset 0.35 twin_tags");
        assertThat(proposals).as("an e-book's subjects").containsEntry("books/alice.epub", "tag add Classics 0.8 genre_tags; tag add Fantasy 0.8 genre_tags");
        assertThat(proposals).as("merge: a title that is not the file name stays").doesNotContainKey("music/named.mp3");
        long ignoring = analyze(Map.of("folder_tags", PlanValues.JSON.readTree("{\"ignore\": [\"scans" + tag.toLowerCase() + "\"]}")), null);
        assertThat(proposals(ignoring)).as("an ignored folder gives no tag, the one in it does").containsEntry("Scans/Old/page.jpg", "tag add Old 0.6 folder_tags");

        long overwriting = analyze(Map.of("title_from_metadata", PlanValues.JSON.createObjectNode()), Map.of("title", "overwrite"));
        assertThat(proposals(overwriting)).as("overwrite: any title that differs")
                .containsEntry("music/named.mp3", "title set Metadata Title  0.8 title_from_metadata");

        // The review lists by field, by rule and by confidence.
        PlanReview review = bean(PlanReview.class);
        assertThat(review.changes(plan, new PlanReview.Filter("person", null, null, null, null, null, null), null, 100).changes())
                .extracting(PlanReview.ChangeRow::field).isNotEmpty().containsOnly("person");
        assertThat(review.changes(plan, new PlanReview.Filter(null, "genre_tags", null, null, null, null, null), null, 100).changes())
                .extracting(PlanReview.ChangeRow::rule).hasSize(4).containsOnly("genre_tags");
        assertThat(review.changes(plan, new PlanReview.Filter("tag", "twin_tags", 0.3, 0.4, null, null, null), null, 100).changes())
                .extracting(PlanReview.ChangeRow::itemId).containsExactly(itemOf("misc/near.jpg"));
    }

    @Test
    void settingsOfTheWrongTypeAreRefusedNamingRuleAndField() {
        catalogue(0);
        assertThatThrownBy(() -> analyze(Map.of("folder_tags", PlanValues.JSON.readTree("{\"ignore\": 5}")), null))
                .hasMessageStartingWith("rules.folder_tags.ignore:");
        assertThatThrownBy(() -> analyze(Map.of("folder_tags", PlanValues.JSON.readTree("{\"colour\": \"red\"}")), null))
                .hasMessage("rules.folder_tags.colour: not a setting of this rule");
        assertThatThrownBy(() -> analyze(Map.of("people_from_names", PlanValues.JSON.readTree("{\"role\": \"chef\"}")), null))
                .hasMessageContaining("rules.people_from_names.role: 'chef'");
        assertThatThrownBy(() -> analyze(Map.of("no_such_rule", PlanValues.JSON.createObjectNode()), null)).hasMessageStartingWith("rules: 'no_such_rule'");
        assertThatThrownBy(() -> analyze(null, Map.of("tag", "sometimes"))).hasMessageStartingWith("policies.tag: 'sometimes'");
        assertThatThrownBy(() -> analyze(Map.of("folder_tags", PlanValues.JSON.readTree("{\"ignore\": [\"a\\u0000b\"]}")), null))
                .hasMessage("rules.folder_tags: contains a NUL character, which no text may hold");
        assertThatThrownBy(() -> analyze(Map.of("folder_tags", PlanValues.JSON.readTree("{\"mapping\": {\"x\": null}}")), null))
                .hasMessageStartingWith("rules.folder_tags.mapping.x: a tag name");
        int plans = jdbc().queryForObject("SELECT count(*) FROM analysis_plans", Integer.class);
        assertThatThrownBy(() -> analyze(Map.of("folder_tags", PlanValues.JSON.readTree("{\"mapped\": 1.5}")), null))
                .hasMessage("rules.folder_tags.mapped: a confidence from 0 to 1, not 1.5");
        assertThatThrownBy(() -> analyze(Map.of("twin_tags", PlanValues.JSON.readTree("{\"near\": -0.1}")), null))
                .hasMessage("rules.twin_tags.near: a confidence from 0 to 1, not -0.1");
        assertThatThrownBy(() -> analyze(Map.of("people_from_names", PlanValues.JSON.readTree("{\"minLength\": 0}")), null))
                .hasMessage("rules.people_from_names.minLength: at least 1, not 0");
        assertThat(jdbc().queryForObject("SELECT count(*) FROM analysis_plans", Integer.class)).as("a refused analysis leaves no plan").isEqualTo(plans);
    }

    @Test
    void applyWritesAcceptedChangesOnceSkipsStaleAndLockedOnesAndUndoTakesThemBack() throws InterruptedException {
        catalogue(1_200);
        long plan = analyze(null, null);
        PlanReview review = bean(PlanReview.class);
        assertThat(review.decide(plan, null, new PlanReview.Filter(null, null, null, 0.45, null, null, null), false))
                .as("everything below 0.45 rejected").isEqualTo(1);
        int accepted = review.decide(plan, null, new PlanReview.Filter(null, null, null, null, "unreviewed", null, null), true);
        assertThat(accepted).isEqualTo(1_211);
        // Before applying, a person sets the studio of the clip (stale now) and locks the song's title.
        long clip = itemOf("Harbour Films " + tag + "/clip.jpg");
        bean(ItemFields.class).setStudio(clip, "Another Studio " + tag);
        bean(ItemFields.class).lock(itemOf("music/song.mp3"), "title");

        // The first run stops after its first batch, as a killed process would; the job runs again and finishes: every change once.
        PlanApplier applier = bean(PlanApplier.class);
        java.util.concurrent.atomic.AtomicBoolean killed = new java.util.concurrent.atomic.AtomicBoolean();
        applier.setCheckpoint(step -> {
            if (step.equals("applied " + PlanApplier.BATCH) && killed.compareAndSet(false, true)) throw new IllegalStateException("killed after " + step);
        });
        Map<String, Integer> outcomes;
        try {
            outcomes = applier.apply(plan);
        } finally {
            applier.setCheckpoint(step -> { });
        }
        assertThat(killed).isTrue();
        assertThat(jdbc().queryForObject("SELECT max(retry_count) FROM jobs WHERE type = ? AND CAST(params AS TEXT) LIKE ?", Integer.class, PlanApplier.APPLY,
                "%\"plan:" + plan + "\"%")).as("run a second time").isEqualTo(1);
        assertThat(outcomes).containsEntry("applied", 1_209).containsEntry("stale", 1).containsEntry("locked", 1);
        assertThat(jdbc().queryForObject("""
                SELECT count(*) FROM item_tags x JOIN tags t ON t.id = x.tag_id WHERE lower(t.name) = lower(?)""", Integer.class, "Bulk" + tag))
                .as("each bulk photo tagged once").isEqualTo(1_200);
        ItemFields fields = bean(ItemFields.class);
        assertThat(fields.studio(clip)).isEqualTo("Another Studio " + tag);
        assertThat(fields.title(itemOf("music/song.mp3"))).isEqualTo("song");
        assertThat(fields.hasPerson(itemOf("misc/ada_lovelace" + tag + " portrait.jpg"), "Ada Lovelace" + tag, org.archivist.catalog.PersonRole.PERFORMER)).isTrue();
        assertThat(jdbc().queryForObject("SELECT timestamp_source FROM files WHERE id = ?", String.class, fileOf("misc/IMG_20190714_183012.jpg")))
                .isEqualTo("filename");
        assertThat(review.summary(plan).status()).isEqualTo("applied");
        assertThatThrownBy(() -> review.decide(plan, null, PlanReview.Filter.ALL, true)).hasMessageContaining("applied");

        // Someone removes one tag the plan added, and removes and gives again another: undo takes back
        // the rest and keeps those two as they are now.
        long someone = itemOf("Bulk" + tag + "/photo 7.jpg");
        fields.removeTag(someone, "Bulk" + tag);
        Thread.sleep(5); // times are kept to the millisecond
        fields.addTag(someone, "Bulk" + tag, null);
        fields.removeTag(itemOf("Bulk" + tag + "/photo 8.jpg"), "Bulk" + tag);
        Map<String, Integer> undone = applier.undo(plan);
        assertThat(undone).containsEntry("undone", 1_207).containsEntry("kept", 2);
        assertThat(jdbc().queryForObject("""
                SELECT count(*) FROM item_tags x JOIN tags t ON t.id = x.tag_id WHERE lower(t.name) = lower(?)""", Integer.class, "Bulk" + tag))
                .as("photo 7 was tagged again by a person after the plan: that tag is the person's and stays").isEqualTo(1);
        assertThat(fields.hasTag(someone, "Bulk" + tag)).isTrue();
        assertThat(jdbc().queryForObject("SELECT timestamp_source FROM files WHERE id = ?", String.class, fileOf("misc/IMG_20190714_183012.jpg")))
                .as("the detected date is back").isEqualTo("filesystem");
        assertThat(fields.hasPerson(itemOf("misc/ada_lovelace" + tag + " portrait.jpg"), "Ada Lovelace" + tag, org.archivist.catalog.PersonRole.PERFORMER)).isFalse();
        assertThat(review.summary(plan).status()).isEqualTo("cancelled");
        assertThat(review.changes(plan, new PlanReview.Filter(null, null, null, null, null, "kept", null), null, 10).changes())
                .extracting(PlanReview.ChangeRow::outcomeDetail).containsExactlyInAnyOrder("removed since", "removed and added again since");
    }
}
