package org.archivist.catalog;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.archivist.db.Instants;
import org.archivist.db.SqlValues;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * The catalogue's side of a Stash sync: studios, tags and people found or made by their Stash id
 * (else by name, then given the id), items found by a file's fingerprint or path, and a scene's
 * fields written onto its item (fields a person locked are left alone). Runs in the caller's
 * transaction: the sync writes a page of scenes at a time.
 */
@Service
public class StashLinks {

    private final JdbcTemplate jdbc;
    private final SqlValues values;
    private final ItemFields fields;

    StashLinks(JdbcTemplate jdbc, SqlValues values, ItemFields fields) {
        this.jdbc = jdbc;
        this.values = values;
        this.fields = fields;
    }

    /** A scene as it goes onto an item: its Stash id, fields, and the catalogue ids of its studio, tags and people. */
    public record Scene(String stashId, String title, String details, LocalDate date, Long studioId, List<Long> tagIds, List<Long> personIds,
                        Instant updatedAt) {
    }

    public long studio(String stashId, String name, Long parentId) {
        long id = linked("studios", stashId, name);
        if (parentId != null && parentId != id) jdbc.update("UPDATE studios SET parent_id = ? WHERE id = ?", parentId, id);
        return id;
    }

    public long tag(String stashId, String name) {
        return linked("tags", stashId, name);
    }

    public long person(String stashId, String name, String disambiguation, Collection<String> aliases) {
        long id = linked("people", stashId, name);
        if (disambiguation != null && !disambiguation.isBlank()) jdbc.update("UPDATE people SET disambiguation = ? WHERE id = ? AND disambiguation IS NULL", disambiguation, id);
        for (String alias : aliases == null ? List.<String>of() : aliases) {
            if (alias != null && !alias.isBlank() && !alias.strip().equalsIgnoreCase(name)) {
                jdbc.update("INSERT INTO person_aliases (person_id, alias) VALUES (?, ?) ON CONFLICT DO NOTHING", id, alias.strip());
            }
        }
        return id;
    }

    /** The row with this Stash id; else the one with this name (any case), which takes the id; else a new one. */
    private long linked(String table, String stashId, String name) {
        List<Long> byId = jdbc.queryForList("SELECT id FROM " + table + " WHERE stash_id = ?", Long.class, stashId);
        // Tag names are unique in any letter case: a tag renamed in Stash to the name of another keeps its old name here.
        boolean nameTaken = table.equals("tags") && !jdbc.queryForList("SELECT 1 FROM tags WHERE lower(name) = lower(?) AND (stash_id IS NULL OR stash_id <> ?)",
                Integer.class, name, stashId).isEmpty();
        if (!byId.isEmpty()) {
            if (nameTaken) return byId.get(0);
            jdbc.update("UPDATE " + table + " SET name = ?, last_synced_at = ? WHERE id = ? AND name <> ?", ps -> {
                ps.setString(1, name);
                values.setInstant(ps, 2, Instants.now());
                ps.setLong(3, byId.get(0));
                ps.setString(4, name);
            });
            return byId.get(0);
        }
        List<Long> byName = jdbc.queryForList("SELECT id FROM " + table + " WHERE lower(name) = lower(?) AND stash_id IS NULL ORDER BY id LIMIT 1",
                Long.class, name);
        if (!byName.isEmpty()) {
            jdbc.update("UPDATE " + table + " SET stash_id = ?, last_synced_at = ? WHERE id = ?", ps -> {
                ps.setString(1, stashId);
                values.setInstant(ps, 2, Instants.now());
                ps.setLong(3, byName.get(0));
            });
            return byName.get(0);
        }
        if (nameTaken) {
            // A tag of this name linked to another Stash tag: the two are one tag here.
            return jdbc.queryForObject("SELECT id FROM tags WHERE lower(name) = lower(?) ORDER BY id LIMIT 1", Long.class, name);
        }
        return jdbc.execute((java.sql.Connection connection) -> {
            try (var insert = connection.prepareStatement("INSERT INTO " + table + " (name, stash_id, last_synced_at, created_at, updated_at) VALUES (?, ?, ?, ?, ?) RETURNING id")) {
                Instant now = Instants.now();
                insert.setString(1, name);
                insert.setString(2, stashId);
                values.setInstant(insert, 3, now);
                values.setInstant(insert, 4, now);
                values.setInstant(insert, 5, now);
                try (var row = insert.executeQuery()) {
                    row.next();
                    return row.getLong(1);
                }
            }
        });
    }

    public String stashIdOfTag(String name) {
        return stashIdByName("tags", name);
    }

    public String stashIdOfPerson(String name) {
        return stashIdByName("people", name);
    }

    public String stashIdOfStudio(String name) {
        return stashIdByName("studios", name);
    }

    private String stashIdByName(String table, String name) {
        List<String> found = jdbc.queryForList("SELECT stash_id FROM " + table + " WHERE lower(name) = lower(?) AND stash_id IS NOT NULL ORDER BY id LIMIT 1",
                String.class, name == null ? "" : name.strip());
        return found.isEmpty() ? null : found.get(0);
    }

    /**
     * The scene's updated_at in Stash when the item was last in step with it (imported or pushed),
     * on Stash's clock, or null.
     */
    public Instant lastSynced(long itemId) {
        List<Instant> found = jdbc.query("SELECT last_synced_at FROM items WHERE id = ?", (r, n) -> values.getInstant(r, 1), itemId);
        return found.isEmpty() ? null : found.get(0);
    }

    public void synced(long itemId, Instant stashUpdatedAt) {
        jdbc.update("UPDATE items SET last_synced_at = ? WHERE id = ?", ps -> {
            values.setInstant(ps, 1, stashUpdatedAt);
            ps.setLong(2, itemId);
        });
    }

    /** Items by the oshash (our quick hash) of one of their files, for these hashes. */
    public Map<String, Long> itemsByQuickHash(Collection<String> hashes) {
        Map<String, Long> items = new HashMap<>();
        List<String> all = new ArrayList<>(Set.copyOf(hashes));
        for (int from = 0; from < all.size(); from += 500) {
            List<String> chunk = all.subList(from, Math.min(all.size(), from + 500));
            jdbc.query("SELECT quick_hash, item_id FROM files WHERE item_id IS NOT NULL AND quick_hash IN ("
                    + String.join(", ", java.util.Collections.nCopies(chunk.size(), "?")) + ") ORDER BY id", rows -> {
                items.putIfAbsent(rows.getString(1), rows.getLong(2));
            }, chunk.toArray());
        }
        return items;
    }

    /** Every file's perceptual hash with its item: {item, phash} pairs, for matching by distance. */
    public long[][] perceptualHashes() {
        // Videos only: a scene is a video, and a photo's hash near a video frame's is a coincidence.
        List<long[]> rows = jdbc.query("SELECT item_id, phash FROM files WHERE phash IS NOT NULL AND item_id IS NOT NULL AND media_type = 'video' ORDER BY id",
                (r, n) -> new long[] {r.getLong(1), r.getLong(2)});
        return rows.toArray(new long[0][]);
    }

    /** Items by a file's absolute path (a library's root and the path within it). */
    public Map<String, Long> itemsByPath(Collection<String> paths) {
        Map<String, Long> items = new HashMap<>();
        List<Object[]> roots = jdbc.query("SELECT id, root_path FROM libraries", (r, n) -> new Object[] {r.getLong(1), r.getString(2)});
        for (String path : paths) {
            for (Object[] root : roots) {
                String prefix = ((String) root[1]).endsWith("/") ? (String) root[1] : root[1] + "/";
                if (!path.startsWith(prefix)) continue;
                List<Long> found = jdbc.queryForList("SELECT item_id FROM files WHERE library_id = ? AND path = ? AND item_id IS NOT NULL",
                        Long.class, root[0], path.substring(prefix.length()));
                if (!found.isEmpty()) items.put(path, found.get(0));
            }
        }
        return items;
    }

    /** A scene and the local item it matched, or null for a scene without a local file. */
    public record Placement(Long itemId, Scene scene) {
    }

    /** Items by their Stash id, for these ids. */
    public Map<String, Long> itemsWithStashIds(Collection<String> stashIds) {
        Map<String, Long> items = new HashMap<>();
        for (List<String> chunk : chunks(new ArrayList<>(Set.copyOf(stashIds)))) {
            jdbc.query("SELECT stash_id, id FROM items WHERE stash_id IN (" + marks(chunk.size()) + ")",
                    rows -> { items.put(rows.getString(1), rows.getLong(2)); }, chunk.toArray());
        }
        return items;
    }

    /** The Stash ids these items already have (items without one are left out). */
    public Map<Long, String> stashIdsOf(Collection<Long> itemIds) {
        Map<Long, String> ids = new HashMap<>();
        for (List<Long> chunk : chunks(new ArrayList<>(Set.copyOf(itemIds)))) {
            jdbc.query("SELECT id, stash_id FROM items WHERE stash_id IS NOT NULL AND id IN (" + marks(chunk.size()) + ")",
                    rows -> { ids.put(rows.getLong(1), rows.getString(2)); }, chunk.toArray());
        }
        return ids;
    }

    /**
     * Scenes onto items, a page at a time: the matched file's item, or a new item without files
     * (a placement without an item). Each item becomes a scene with its Stash id; title, details
     * and date are written unless locked; the studio too; tags and people are added. Every kind of
     * write is one JDBC batch for the whole page (one round trip per statement each was before:
     * on PostgreSQL that was most of an import's time). Answers the items' ids by Stash id.
     */
    public Map<String, Long> linkAll(List<Placement> placements) {
        Instant now = Instants.now();
        List<Placement> fresh = placements.stream().filter(p -> p.itemId() == null).toList();
        List<Placement> matched = placements.stream().filter(p -> p.itemId() != null).toList();
        jdbc.batchUpdate("INSERT INTO items (kind, title, details, item_date, stash_id, last_synced_at, created_at, updated_at) VALUES ('scene', ?, ?, ?, ?, ?, ?, ?)",
                fresh, 1000, (ps, p) -> {
                    Scene scene = p.scene();
                    ps.setString(1, scene.title() == null || scene.title().isBlank() ? "Stash scene " + scene.stashId() : scene.title());
                    ps.setString(2, scene.details());
                    values.setDate(ps, 3, scene.date());
                    ps.setString(4, scene.stashId());
                    // Stash's time only (null when it gave none: the next push then reports a conflict, never guesses).
                    values.setInstant(ps, 5, scene.updatedAt());
                    values.setInstant(ps, 6, now);
                    values.setInstant(ps, 7, now);
                });
        Map<String, Long> ids = new HashMap<>(itemsWithStashIds(fresh.stream().map(p -> p.scene().stashId()).toList()));
        for (Placement p : matched) ids.put(p.scene().stashId(), p.itemId());
        // A new item has no locks; matched ones' are read once for the page.
        Set<String> locked = fields.locks(matched.stream().map(Placement::itemId).toList());
        jdbc.batchUpdate("UPDATE items SET kind = 'scene', stash_id = ?, last_synced_at = ?, updated_at = ?,"
                + " title = CASE WHEN ? THEN ? ELSE title END, details = CASE WHEN ? THEN ? ELSE details END,"
                + " item_date = CASE WHEN ? THEN ? ELSE item_date END WHERE id = ?", matched, 1000, (ps, p) -> {
                    Scene scene = p.scene();
                    boolean title = scene.title() != null && !scene.title().isBlank() && !locked.contains(p.itemId() + ":title");
                    boolean details = scene.details() != null && !locked.contains(p.itemId() + ":details");
                    boolean date = scene.date() != null && !locked.contains(p.itemId() + ":date");
                    ps.setString(1, scene.stashId());
                    values.setInstant(ps, 2, scene.updatedAt());
                    values.setInstant(ps, 3, now);
                    ps.setBoolean(4, title);
                    ps.setString(5, title ? scene.title().strip() : null);
                    ps.setBoolean(6, details);
                    ps.setString(7, scene.details());
                    ps.setBoolean(8, date);
                    values.setDate(ps, 9, scene.date());
                    ps.setLong(10, p.itemId());
                });
        List<long[]> studios = new ArrayList<>();
        List<long[]> tags = new ArrayList<>();
        List<long[]> people = new ArrayList<>();
        for (Placement p : placements) {
            Scene scene = p.scene();
            long id = ids.get(scene.stashId());
            String key = p.itemId() == null ? null : p.itemId() + ":";
            if (scene.studioId() != null && (key == null || !locked.contains(key + "studio"))) studios.add(new long[] {id, scene.studioId()});
            if (key == null || !locked.contains(key + "tag")) for (long tag : scene.tagIds()) tags.add(new long[] {id, tag});
            if (key == null || !locked.contains(key + "person")) for (long person : scene.personIds()) people.add(new long[] {id, person});
        }
        jdbc.batchUpdate("UPDATE items SET studio_id = ?, updated_at = ? WHERE id = ?", studios, 1000, (ps, pair) -> {
            ps.setLong(1, pair[1]);
            values.setInstant(ps, 2, now);
            ps.setLong(3, pair[0]);
        });
        fields.addTagPairs(tags);
        jdbc.batchUpdate("INSERT INTO item_people (item_id, person_id, role) VALUES (?, ?, 'performer') ON CONFLICT DO NOTHING", people, 1000, (ps, pair) -> {
            ps.setLong(1, pair[0]);
            ps.setLong(2, pair[1]);
        });
        return ids;
    }

    private static <T> List<List<T>> chunks(List<T> all) {
        List<List<T>> chunks = new ArrayList<>();
        for (int from = 0; from < all.size(); from += 500) chunks.add(all.subList(from, Math.min(all.size(), from + 500)));
        return chunks;
    }

    private static String marks(int count) {
        return String.join(", ", java.util.Collections.nCopies(count, "?"));
    }
}
