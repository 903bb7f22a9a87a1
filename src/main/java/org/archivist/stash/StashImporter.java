package org.archivist.stash;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.archivist.catalog.StashLinks;
import org.archivist.jobs.JobContext;
import org.archivist.jobs.JobHandler;
import org.archivist.jobs.JobRunner;
import org.archivist.jobs.JobSpec;
import org.archivist.settings.SettingsService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Imports a Stash server's scenes, page by page, with their performers, tags and studio (and its
 * parent). Each scene is matched to a local file by oshash, then by perceptual hash within the
 * near-duplicate distance (compared as numbers: Stash writes phash as unpadded hex), then by path;
 * matched or not, it becomes an item of kind {@code scene} with its Stash id. After the first
 * import only scenes updated since the last one are read. A page is one transaction, and the
 * point the next import starts from moves only when every page is in: an import that fails halfway
 * (the server stops answering) is run again from where the last complete one ended, and writes
 * nothing twice (everything is found by its Stash id).
 */
@Service
public class StashImporter implements JobHandler<StashImporter.ImportJob> {

    public static final String JOB_TYPE = "stash_import";
    private static final Logger log = LoggerFactory.getLogger(StashImporter.class);

    /** An import; {@code full} reads every scene again instead of those updated since the last import. */
    public record ImportJob(boolean full) implements JobSpec {
        @Override
        public String type() {
            return JOB_TYPE;
        }

        @Override
        public String key() {
            return full ? "stash:full" : "stash:since-last";
        }
    }

    private final StashSettings settings;
    private final StashClient client;
    private final StashLinks links;
    private final SettingsService allSettings;
    private final JobRunner runner;
    private final TransactionTemplate transactions;
    private final int perPage;

    StashImporter(StashSettings settings, StashClient client, StashLinks links, SettingsService allSettings, JobRunner runner,
                  PlatformTransactionManager transactionManager, @Value("${archivist.stash.page-size:1000}") int perPage) {
        this.settings = settings;
        this.client = client;
        this.links = links;
        this.allSettings = allSettings;
        this.runner = runner;
        this.transactions = new TransactionTemplate(transactionManager);
        this.perPage = perPage;
    }

    public org.archivist.jobs.Job submit(boolean full) {
        settings.connection();
        return runner.submit(new ImportJob(full));
    }

    /** Runs an import here to its end (the command line); answers its counts. */
    public Map<String, Object> importNow(boolean full) {
        settings.connection();
        return runner.runToEnd(new ImportJob(full), context -> run(new ImportJob(full), context), counts -> counts).value();
    }

    @Override
    public String type() {
        return JOB_TYPE;
    }

    @Override
    public Class<ImportJob> specification() {
        return ImportJob.class;
    }

    @Override
    public Map<String, Object> run(ImportJob spec, JobContext context) {
        long started = System.nanoTime();
        StashSettings.Connection connection = settings.connection();
        int threshold = allSettings.intValue("dedup.phash_max_distance");
        long[][] local = links.perceptualHashes();
        Map<String, Integer> counts = new TreeMap<>();
        Known known = new Known();
        Progress progress = new Progress(context);
        Map<String, Instant> newest = new LinkedHashMap<>();
        newest.put(StashTypes.SCENES.listField(), pages(connection, StashTypes.SCENES, after(spec, StashTypes.SCENES), progress,
                page -> importPage(page, local, threshold, counts, known)));
        long scenes = progress.done;
        // Performers, tags and studios no scene names yet are Stash's too: a person's aliases, a studio's parent, a tag to push later.
        long[] named = new long[3];
        newest.put(StashTypes.PERFORMERS.listField(), pages(connection, StashTypes.PERFORMERS, after(spec, StashTypes.PERFORMERS), progress, page -> {
            for (StashTypes.Performer p : page) known.people.put(p.id(), links.person(p.id(), p.name(), p.disambiguation(), p.aliasList()));
            named[0] += page.size();
        }));
        newest.put(StashTypes.TAGS.listField(), pages(connection, StashTypes.TAGS, after(spec, StashTypes.TAGS), progress, page -> {
            for (StashTypes.Tag tag : page) known.tags.put(tag.id(), links.tag(tag.id(), tag.name()));
            named[1] += page.size();
        }));
        newest.put(StashTypes.STUDIOS.listField(), pages(connection, StashTypes.STUDIOS, after(spec, StashTypes.STUDIOS), progress, page -> {
            for (StashTypes.Studio studio : page) {
                known.studios.remove(studio.id());
                studio(studio, known.studios);
            }
            named[2] += page.size();
        }));
        if (!context.cancelled()) settings.importedUpTo(newest);
        Map<String, Object> stored = new LinkedHashMap<>(counts);
        stored.put("scenes", scenes);
        stored.put("performers", named[0]);
        stored.put("tags", named[1]);
        stored.put("studios", named[2]);
        stored.put("seconds", Math.round((System.nanoTime() - started) / 1e7) / 100.0);
        log.info("Stash import: {}", stored);
        return stored;
    }

    private Instant after(ImportJob spec, StashTypes.Listing<?> listing) {
        return spec.full() ? null : settings.lastImport(listing.listField());
    }

    /** Progress over every listing of an import: what was read, of what the listings begun so far hold. */
    private static final class Progress {
        final JobContext context;
        long done;
        long total;

        Progress(JobContext context) {
            this.context = context;
        }

        void read(int count) {
            done += count;
            context.progress(done, Math.max(total, done));
        }
    }

    /**
     * Reads a listing page by page, each page written in one transaction; answers the newest
     * {@code updated_at} read. Keyset paging: always the first page of what changed after the
     * cursor, which moves with each page. Paging by number would skip an entry for good when
     * another is updated while the import runs (every later one moves back a place). Stash's
     * timestamps are whole seconds, so the query starts a second early and skips what this import
     * already read.
     */
    private <T extends StashTypes.Listed> Instant pages(StashSettings.Connection connection, StashTypes.Listing<T> listing, Instant after, Progress progress,
                                                        java.util.function.Consumer<List<T>> write) {
        java.util.Set<String> read = new java.util.HashSet<>();
        Instant cursor = after;
        Instant newest = after;
        int page = 1;
        boolean first = true;
        while (!progress.context.cancelled()) {
            StashTypes.Page<T> result = client.page(connection, listing, page, perPage, cursor == null ? null : cursor.minusSeconds(1));
            if (first) progress.total += result.count();
            first = false;
            List<T> fresh = result.entries().stream().filter(entry -> !read.contains(entry.id())).toList();
            if (!fresh.isEmpty()) transactions.executeWithoutResult(status -> write.accept(fresh));
            Instant pageNewest = cursor;
            for (T entry : result.entries()) {
                read.add(entry.id());
                Instant updated = StashTypes.instant(entry.updatedAt());
                if (updated != null && (pageNewest == null || updated.isAfter(pageNewest))) pageNewest = updated;
            }
            if (pageNewest != null && (newest == null || pageNewest.isAfter(newest))) newest = pageNewest;
            progress.read(fresh.size());
            if (result.entries().size() < perPage) break;
            // A whole page within one second: the cursor cannot move past it, so the next page by number.
            if (pageNewest != null && pageNewest.equals(cursor)) page++;
            else {
                cursor = pageNewest;
                page = 1;
            }
        }
        return newest;
    }

    /** Studios, tags and people already written in this import, by Stash id: each is written once per import, not once per scene. */
    private static final class Known {
        final Map<String, Long> studios = new HashMap<>();
        final Map<String, Long> tags = new HashMap<>();
        final Map<String, Long> people = new HashMap<>();
    }

    private void importPage(List<StashTypes.Scene> scenes, long[][] local, int threshold, Map<String, Integer> counts, Known known) {
        List<String> oshashes = new ArrayList<>();
        List<String> paths = new ArrayList<>();
        for (StashTypes.Scene scene : scenes) {
            for (StashTypes.VideoFile file : scene.files() == null ? List.<StashTypes.VideoFile>of() : scene.files()) {
                String oshash = file.fingerprint("oshash");
                if (oshash != null) oshashes.add(padded(oshash));
                if (file.path() != null) paths.add(file.path());
            }
        }
        Map<String, Long> byOshash = links.itemsByQuickHash(oshashes);
        Map<String, Long> byPath = links.itemsByPath(paths);
        Map<String, Long> byStashId = links.itemsWithStashIds(scenes.stream().map(StashTypes.Scene::id).toList());
        Map<String, Long> studios = known.studios;
        List<Matched> matched = new ArrayList<>();
        for (StashTypes.Scene scene : scenes) {
            Long item = byStashId.get(scene.id());
            String how = item != null ? "known" : null;
            if (item == null) {
                for (StashTypes.VideoFile file : scene.files() == null ? List.<StashTypes.VideoFile>of() : scene.files()) {
                    String oshash = file.fingerprint("oshash");
                    if (oshash != null && byOshash.containsKey(padded(oshash))) {
                        item = byOshash.get(padded(oshash));
                        how = "matchedByOshash";
                        break;
                    }
                }
            }
            if (item == null) {
                for (StashTypes.VideoFile file : scene.files() == null ? List.<StashTypes.VideoFile>of() : scene.files()) {
                    Long near = nearest(file.fingerprint("phash"), local, threshold);
                    if (near != null) {
                        item = near;
                        how = "matchedByPhash";
                        break;
                    }
                }
            }
            if (item == null) {
                for (StashTypes.VideoFile file : scene.files() == null ? List.<StashTypes.VideoFile>of() : scene.files()) {
                    if (file.path() != null && byPath.containsKey(file.path())) {
                        item = byPath.get(file.path());
                        how = "matchedByPath";
                        break;
                    }
                }
            }
            matched.add(new Matched(scene, item, how));
        }
        Map<Long, String> taken = links.stashIdsOf(matched.stream().filter(m -> m.item() != null && !"known".equals(m.how())).map(Matched::item).toList());
        List<StashLinks.Placement> placements = new ArrayList<>();
        for (Matched match : matched) {
            StashTypes.Scene scene = match.scene();
            Long item = match.item();
            String how = match.how();
            if (item != null && !"known".equals(how)) {
                // Two Stash scenes on one local file (in Stash already, or both on this page): the second is a scene of its own.
                String owner = taken.get(item);
                if (owner != null && !owner.equals(scene.id())) {
                    item = null;
                    how = "fileTakenByAnotherScene";
                } else {
                    taken.put(item, scene.id());
                }
            }
            if (item == null && how == null) how = "unmatched";
            counts.merge(how, 1, Integer::sum);
            Long studio = scene.studio() == null ? null : studio(scene.studio(), studios);
            List<Long> tags = new ArrayList<>();
            for (StashTypes.Tag tag : scene.tags() == null ? List.<StashTypes.Tag>of() : scene.tags()) {
                tags.add(known.tags.computeIfAbsent(tag.id(), id -> links.tag(id, tag.name())));
            }
            List<Long> people = new ArrayList<>();
            for (StashTypes.Performer p : scene.performers() == null ? List.<StashTypes.Performer>of() : scene.performers()) {
                people.add(known.people.computeIfAbsent(p.id(), id -> links.person(id, p.name(), p.disambiguation(), p.aliasList())));
            }
            placements.add(new StashLinks.Placement(item, new StashLinks.Scene(scene.id(), scene.title(), scene.details(), date(scene.date()), studio, tags, people,
                    StashTypes.instant(scene.updatedAt()))));
        }
        links.linkAll(placements);
    }

    /** A scene and what matching found for it, before the page's checks for a file two scenes claim. */
    private record Matched(StashTypes.Scene scene, Long item, String how) {
    }

    private Long studio(StashTypes.Studio studio, Map<String, Long> known) {
        Long cached = known.get(studio.id());
        if (cached != null) return cached;
        Long parent = studio.parentStudio() == null ? null : studio(studio.parentStudio(), known);
        long id = links.studio(studio.id(), studio.name(), parent);
        known.put(studio.id(), id);
        return id;
    }

    /** Stash writes oshash as 16 hex digits; ours are the same, and lower case. */
    private static String padded(String oshash) {
        String lower = oshash.strip().toLowerCase(java.util.Locale.ROOT);
        return lower.length() >= 16 ? lower : "0".repeat(16 - lower.length()) + lower;
    }

    /** The item of the local picture nearest this phash within the threshold; Stash's hex is an unsigned 64-bit number without leading zeros. */
    static Long nearest(String phash, long[][] local, int threshold) {
        if (phash == null || phash.isBlank()) return null;
        long value;
        try {
            value = Long.parseUnsignedLong(phash.strip(), 16);
        } catch (NumberFormatException e) {
            return null;
        }
        long best = -1;
        int bestDistance = threshold + 1;
        for (long[] candidate : local) {
            int distance = Long.bitCount(candidate[1] ^ value);
            if (distance < bestDistance) {
                bestDistance = distance;
                best = candidate[0];
            }
        }
        return best < 0 ? null : best;
    }

    private static LocalDate date(String date) {
        if (date == null || date.isBlank()) return null;
        try {
            return LocalDate.parse(date.strip().length() == 4 ? date.strip() + "-01-01" : date.strip());
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
