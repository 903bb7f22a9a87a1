package org.archivist.stash;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.archivist.catalog.StashLinks;
import org.archivist.jobs.Job;
import org.archivist.jobs.JobContext;
import org.archivist.jobs.JobHandler;
import org.archivist.jobs.JobRunner;
import org.archivist.jobs.JobSpec;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sends a plan's applied changes on items that came from Stash back to it, one mutation per scene:
 * titles, details, dates and studios, tags and performers by {@code bulkSceneUpdate} with mode ADD,
 * REMOVE or SET ({@code sceneUpdate} when a field is cleared). First a preview says exactly what would be sent and what cannot be (a tag
 * Stash does not have); pushing then reads each scene's {@code updated_at} and leaves any scene
 * changed in Stash since Archivist last synced it as a conflict, never overwritten.
 */
@Service
public class StashPush implements JobHandler<StashPush.PushJob> {

    public static final String JOB_TYPE = "stash_push";

    /** Sending one plan's applied changes; run again, it sends them again (every update sets, adds or removes: the same result). */
    public record PushJob(long planId) implements JobSpec {
        @Override
        public String type() {
            return JOB_TYPE;
        }

        @Override
        public String key() {
            return "stash-push:" + planId;
        }
    }

    /** How many conflicts and skipped changes a job's stored result lists by name (all are counted). */
    private static final int LISTED = 200;

    /** One scene's update: the Stash id, the fields to set, the tag and performer ids to add and to remove. */
    public record SceneUpdate(String sceneId, long itemId, Map<String, Object> set, List<String> addTags, List<String> removeTags,
                              List<String> addPerformers, List<String> removePerformers) {
    }

    public record Preview(List<SceneUpdate> updates, List<String> skipped) {
    }

    public record Report(int sent, List<String> conflicts, List<String> skipped) {
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcTemplate jdbc;
    private final StashSettings settings;
    private final StashClient client;
    private final StashLinks links;
    private final JobRunner runner;

    StashPush(JdbcTemplate jdbc, StashSettings settings, StashClient client, StashLinks links, JobRunner runner) {
        this.runner = runner;
        this.jdbc = jdbc;
        this.settings = settings;
        this.client = client;
        this.links = links;
    }

    private void requirePlan(long planId) {
        if (jdbc.queryForList("SELECT 1 FROM analysis_plans WHERE id = ?", Integer.class, planId).isEmpty()) {
            throw new org.archivist.db.NotFoundException("plan", planId);
        }
    }

    /** What pushing the plan would send, scene by scene, and what it cannot send. */
    public Preview preview(long planId) {
        requirePlan(planId);
        Map<String, SceneUpdate> updates = new TreeMap<>();
        List<String> skipped = new ArrayList<>();
        jdbc.query("""
                SELECT c.item_id, i.stash_id, c.field, c.action, CAST(c.proposed_value AS TEXT) FROM plan_changes c JOIN items i ON i.id = c.item_id
                WHERE c.plan_id = ? AND c.outcome = 'applied' AND i.stash_id IS NOT NULL ORDER BY c.id""", rows -> {
            long item = rows.getLong(1);
            String scene = rows.getString(2);
            String field = rows.getString(3);
            boolean adding = !"remove".equals(rows.getString(4));
            JsonNode value = rows.getString(5) == null ? null : JSON.readTree(rows.getString(5));
            SceneUpdate update = updates.computeIfAbsent(scene, id -> new SceneUpdate(id, item, new LinkedHashMap<>(), new ArrayList<>(), new ArrayList<>(),
                    new ArrayList<>(), new ArrayList<>()));
            switch (field) {
                case "title", "details", "date" -> update.set().put(field, value == null || value.isNull() ? null : value.asString());
                case "studio" -> {
                    String studio = value == null || value.isNull() ? null : links.stashIdOfStudio(value.asString());
                    if (value != null && !value.isNull() && studio == null) skipped.add("scene " + scene + ": studio '" + value.asString() + "' is not in Stash");
                    else update.set().put("studio_id", studio);
                }
                case "tag" -> {
                    String tag = links.stashIdOfTag(value.path("name").asString());
                    if (tag == null) skipped.add("scene " + scene + ": tag '" + value.path("name").asString() + "' is not in Stash");
                    else (adding ? update.addTags() : update.removeTags()).add(tag);
                }
                case "person" -> {
                    String performer = links.stashIdOfPerson(value.path("name").asString());
                    if (performer == null) skipped.add("scene " + scene + ": performer '" + value.path("name").asString() + "' is not in Stash");
                    else (adding ? update.addPerformers() : update.removePerformers()).add(performer);
                }
                default -> skipped.add("scene " + scene + ": " + field + " is not sent to Stash");
            }
        }, planId);
        updates.values().removeIf(u -> u.set().isEmpty() && u.addTags().isEmpty() && u.removeTags().isEmpty() && u.addPerformers().isEmpty()
                && u.removePerformers().isEmpty());
        return new Preview(List.copyOf(updates.values()), skipped);
    }

    /** Queues the push as a job (its progress: scenes sent or set aside of those to send). */
    public Job submit(long planId) {
        requirePlan(planId);
        settings.connection();
        return runner.submit(new PushJob(planId));
    }

    /** Runs the push here to its end (the command line). */
    public Report pushNow(long planId) {
        settings.connection();
        return runner.runToEnd(new PushJob(planId), context -> push(planId, context), StashPush::stored).value();
    }

    @Override
    public String type() {
        return JOB_TYPE;
    }

    @Override
    public Class<PushJob> specification() {
        return PushJob.class;
    }

    @Override
    public Map<String, Object> run(PushJob spec, JobContext context) {
        return stored(push(spec.planId(), context));
    }

    private static Map<String, Object> stored(Report report) {
        Map<String, Object> stored = new LinkedHashMap<>();
        stored.put("sent", report.sent());
        stored.put("conflictCount", report.conflicts().size());
        stored.put("conflicts", report.conflicts().subList(0, Math.min(LISTED, report.conflicts().size())));
        stored.put("skippedCount", report.skipped().size());
        stored.put("skipped", report.skipped().subList(0, Math.min(LISTED, report.skipped().size())));
        return stored;
    }

    private static Instant timeOf(StashTypes.Scene scene) {
        return scene == null ? null : StashTypes.instant(scene.updatedAt());
    }

    /** Sends the preview's updates, except to scenes changed in Stash since they were last synced (conflicts). */
    private Report push(long planId, JobContext context) {
        Preview preview = preview(planId);
        StashSettings.Connection connection = settings.connection();
        List<String> conflicts = new ArrayList<>();
        int sent = 0;
        int done = 0;
        for (SceneUpdate update : preview.updates()) {
            if (context.cancelled()) break;
            context.progress(done++, (long) preview.updates().size());
            Instant synced = links.lastSynced(update.itemId());
            // Read just before its own mutation: a list sent whole (SET) is Stash's of this moment, and an
            // edit made in Stash while earlier scenes were sent is seen here, as a conflict.
            StashTypes.Scene scene = client.current(connection, List.of(update.sceneId())).get(update.sceneId());
            Instant inStash = timeOf(scene);
            if (inStash == null) {
                conflicts.add("scene " + update.sceneId() + " is no longer in Stash");
                continue;
            }
            // Both times are Stash's own (its updated_at at the import or at our last push): two clocks never meet.
            // Compared to the millisecond the catalogue keeps (Stash itself writes whole seconds).
            if (synced == null || inStash.truncatedTo(java.time.temporal.ChronoUnit.MILLIS).isAfter(synced)) {
                conflicts.add("scene " + update.sceneId() + " changed in Stash at " + inStash + ", after the last sync (" + synced + "): import it first");
                continue;
            }
            Instant updated = client.update(connection, update, scene);
            // An answer without its time: asked again, so that our own write is never taken for someone else's.
            if (updated == null) updated = timeOf(client.current(connection, List.of(update.sceneId())).get(update.sceneId()));
            if (updated != null) links.synced(update.itemId(), updated);
            sent++;
        }
        context.progress(done, (long) preview.updates().size());
        return new Report(sent, conflicts, preview.skipped());
    }
}
