package org.archivist.catalog;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.archivist.db.SqlValues;
import org.archivist.db.Instants;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * An item's fields one at a time, for work that proposes and applies values (analysis plans): read,
 * written and compared by value, without the person-edit side effects of {@link ItemService}
 * (writing here locks nothing). Also the field locks: a field a person edited is locked, and no
 * plan writes it until the lock is lifted. Runs in the caller's transaction, so a batch of changes
 * is one transaction.
 */
@Service
public class ItemFields {

    /** The fields a lock can hold. */
    public static final Set<String> LOCKABLE = Set.of("title", "details", "date", "studio", "tag", "person", "capture_date");

    private final JdbcTemplate jdbc;
    private final SqlValues values;

    ItemFields(JdbcTemplate jdbc, SqlValues values) {
        this.jdbc = jdbc;
        this.values = values;
    }

    public boolean exists(long itemId) {
        return !jdbc.queryForList("SELECT 1 FROM items WHERE id = ?", Integer.class, itemId).isEmpty();
    }

    /** Those of the items that exist (one query for a batch). */
    public Set<Long> existing(Collection<Long> itemIds) {
        Set<Long> found = new HashSet<>();
        for (List<Long> chunk : chunks(itemIds)) {
            found.addAll(jdbc.queryForList("SELECT id FROM items WHERE id IN (" + marks(chunk.size()) + ")", Long.class, chunk.toArray()));
        }
        return found;
    }

    /**
     * Holds these items and their files for the rest of the transaction, so that what a change
     * reads stays what it overwrites: a scan writing one of them waits until the transaction ends,
     * or, having written first, is seen and the change is stale. On PostgreSQL a row lock, files
     * first as a scan takes them; on SQLite the write gate already lets one write transaction run.
     */
    public void holdForChange(Collection<Long> itemIds) {
        if (values.isSqlite()) return;
        for (List<Long> chunk : chunks(itemIds)) {
            jdbc.queryForList("SELECT id FROM files WHERE item_id IN (" + marks(chunk.size()) + ") ORDER BY id FOR UPDATE", Long.class, chunk.toArray());
            jdbc.queryForList("SELECT id FROM items WHERE id IN (" + marks(chunk.size()) + ") ORDER BY id FOR UPDATE", Long.class, chunk.toArray());
        }
    }

    /** The locks of these items, as "itemId:field". */
    public Set<String> locks(Collection<Long> itemIds) {
        Set<String> locks = new HashSet<>();
        for (List<Long> chunk : chunks(itemIds)) {
            jdbc.query("SELECT item_id, field FROM item_field_locks WHERE item_id IN (" + marks(chunk.size()) + ")",
                    rows -> { locks.add(rows.getLong(1) + ":" + rows.getString(2)); }, chunk.toArray());
        }
        return locks;
    }

    /** A tag by name for {@link #tagIds}: the category is given to a tag that has to be made. */
    public record TagName(String name, String category) {
    }

    /** The ids of these tags by lower-cased name, found in any letter case or made. */
    public Map<String, Long> tagIds(Collection<TagName> names) {
        Map<String, Long> ids = new HashMap<>();
        for (TagName tag : names) {
            String key = tag.name().strip().toLowerCase(java.util.Locale.ROOT);
            if (!ids.containsKey(key)) ids.put(key, named("tags", tag.name(), tag.category()));
        }
        return ids;
    }

    /** Which of these items carry which tags, as "itemId:tagId". */
    public Set<String> tagPairs(Collection<Long> itemIds) {
        Set<String> pairs = new HashSet<>();
        for (List<Long> chunk : chunks(itemIds)) {
            jdbc.query("SELECT item_id, tag_id FROM item_tags WHERE item_id IN (" + marks(chunk.size()) + ")",
                    rows -> { pairs.add(rows.getLong(1) + ":" + rows.getLong(2)); }, chunk.toArray());
        }
        return pairs;
    }

    /** Adds (item, tag) pairs in one batch; pairs already there stay as they are. */
    public void addTagPairs(List<long[]> pairs) {
        java.time.Instant now = Instants.now();
        jdbc.batchUpdate("INSERT INTO item_tags (item_id, tag_id, created_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING", pairs, 1000, (ps, pair) -> {
            ps.setLong(1, pair[0]);
            ps.setLong(2, pair[1]);
            values.setInstant(ps, 3, now);
        });
    }

    public void removeTagPairs(List<long[]> pairs) {
        jdbc.batchUpdate("DELETE FROM item_tags WHERE item_id = ? AND tag_id = ?", pairs, 1000, (ps, pair) -> {
            ps.setLong(1, pair[0]);
            ps.setLong(2, pair[1]);
        });
    }

    private static List<List<Long>> chunks(Collection<Long> ids) {
        // In id order: row locks taken chunk by chunk in one order everywhere.
        List<Long> all = new ArrayList<>(new java.util.TreeSet<>(ids));
        List<List<Long>> chunks = new ArrayList<>();
        for (int from = 0; from < all.size(); from += 500) chunks.add(all.subList(from, Math.min(all.size(), from + 500)));
        return chunks;
    }

    private static String marks(int count) {
        return String.join(", ", java.util.Collections.nCopies(count, "?"));
    }

    // Locks

    @Transactional
    public void lock(long itemId, String field) {
        requireLockable(field);
        jdbc.update("INSERT INTO item_field_locks (item_id, field, locked_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                ps -> {
                    ps.setLong(1, itemId);
                    ps.setString(2, field);
                    values.setInstant(ps, 3, Instants.now());
                });
    }

    /** Locks the field on many items at once (a bulk edit by a person). */
    @Transactional
    public void lockAll(Collection<Long> itemIds, String field) {
        requireLockable(field);
        java.time.Instant now = Instants.now();
        jdbc.batchUpdate("INSERT INTO item_field_locks (item_id, field, locked_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                itemIds, 1000, (ps, id) -> {
                    ps.setLong(1, id);
                    ps.setString(2, field);
                    values.setInstant(ps, 3, now);
                });
    }

    @Transactional
    public boolean unlock(long itemId, String field) {
        requireLockable(field);
        return jdbc.update("DELETE FROM item_field_locks WHERE item_id = ? AND field = ?", itemId, field) > 0;
    }

    public Set<String> locks(long itemId) {
        return new java.util.TreeSet<>(jdbc.queryForList("SELECT field FROM item_field_locks WHERE item_id = ?", String.class, itemId));
    }

    /** Every lock, as "itemId:field": an analysis reads them once, not once per item. */
    public Set<String> allLocks() {
        Set<String> locks = new HashSet<>();
        jdbc.query("SELECT item_id, field FROM item_field_locks", rows -> {
            locks.add(rows.getLong(1) + ":" + rows.getString(2));
        });
        return locks;
    }

    private static void requireLockable(String field) {
        if (!LOCKABLE.contains(field)) throw new IllegalArgumentException("field: '" + field + "' is not one of " + new java.util.TreeSet<>(LOCKABLE));
    }

    // Scalar fields

    public String title(long itemId) {
        return jdbc.queryForObject("SELECT title FROM items WHERE id = ?", String.class, itemId);
    }

    public void setTitle(long itemId, String title) {
        if (title == null || title.isBlank()) throw new IllegalArgumentException("title: an item needs a title");
        jdbc.update("UPDATE items SET title = ?, updated_at = ? WHERE id = ?", ps -> {
            ps.setString(1, title.strip());
            values.setInstant(ps, 2, Instants.now());
            ps.setLong(3, itemId);
        });
    }

    public String details(long itemId) {
        return jdbc.queryForObject("SELECT details FROM items WHERE id = ?", String.class, itemId);
    }

    public void setDetails(long itemId, String details) {
        jdbc.update("UPDATE items SET details = ?, updated_at = ? WHERE id = ?", ps -> {
            ps.setString(1, details);
            values.setInstant(ps, 2, Instants.now());
            ps.setLong(3, itemId);
        });
    }

    public LocalDate date(long itemId) {
        String date = jdbc.queryForObject("SELECT CAST(item_date AS TEXT) FROM items WHERE id = ?", String.class, itemId);
        return date == null ? null : LocalDate.parse(date.substring(0, 10));
    }

    public void setDate(long itemId, LocalDate date) {
        jdbc.update("UPDATE items SET item_date = ?, updated_at = ? WHERE id = ?", ps -> {
            values.setDate(ps, 1, date);
            values.setInstant(ps, 2, Instants.now());
            ps.setLong(3, itemId);
        });
    }

    /** The studio's name, or null. */
    public String studio(long itemId) {
        List<String> name = jdbc.queryForList("SELECT s.name FROM items i JOIN studios s ON s.id = i.studio_id WHERE i.id = ?", String.class, itemId);
        return name.isEmpty() ? null : name.get(0);
    }

    /** The studio by name (found in any letter case, or made); null clears it. */
    public void setStudio(long itemId, String name) {
        Long studio = name == null || name.isBlank() ? null : named("studios", name, null);
        jdbc.update("UPDATE items SET studio_id = ?, updated_at = ? WHERE id = ?", ps -> {
            SqlValues.setNullable(ps, 1, studio);
            values.setInstant(ps, 2, Instants.now());
            ps.setLong(3, itemId);
        });
    }

    // Tags and people

    public boolean hasTag(long itemId, String name) {
        return !jdbc.queryForList("SELECT 1 FROM item_tags it JOIN tags t ON t.id = it.tag_id WHERE it.item_id = ? AND lower(t.name) = lower(?)",
                Integer.class, itemId, name).isEmpty();
    }

    /** Whether the item's link to this tag was made after the time (the tag was removed and given again since). */
    public boolean tagLinkedAfter(long itemId, String name, java.time.Instant time) {
        List<java.time.Instant> linked = jdbc.query("SELECT it.created_at FROM item_tags it JOIN tags t ON t.id = it.tag_id WHERE it.item_id = ? AND lower(t.name) = lower(?)",
                (rows, n) -> values.getInstant(rows, 1), itemId, name);
        return !linked.isEmpty() && linked.get(0) != null && linked.get(0).isAfter(time);
    }

    /** Adds the tag by name (found in any letter case, or made with the category); false when the item had it. */
    public boolean addTag(long itemId, String name, String category) {
        long tag = named("tags", name, category);
        return jdbc.update("INSERT INTO item_tags (item_id, tag_id, created_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING", ps -> {
            ps.setLong(1, itemId);
            ps.setLong(2, tag);
            values.setInstant(ps, 3, Instants.now());
        }) > 0;
    }

    public boolean removeTag(long itemId, String name) {
        return jdbc.update("DELETE FROM item_tags WHERE item_id = ? AND tag_id IN (SELECT id FROM tags WHERE lower(name) = lower(?))", itemId, name) > 0;
    }

    public boolean hasPerson(long itemId, String name, PersonRole role) {
        return !jdbc.queryForList("""
                SELECT 1 FROM item_people ip JOIN people p ON p.id = ip.person_id WHERE ip.item_id = ? AND lower(p.name) = lower(?) AND ip.role = ?""",
                Integer.class, itemId, name, role.value()).isEmpty();
    }

    public boolean addPerson(long itemId, String name, PersonRole role) {
        long person = named("people", name, null);
        return jdbc.update("INSERT INTO item_people (item_id, person_id, role) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                itemId, person, role.value()) > 0;
    }

    public boolean removePerson(long itemId, String name, PersonRole role) {
        return jdbc.update("DELETE FROM item_people WHERE item_id = ? AND role = ? AND person_id IN (SELECT id FROM people WHERE lower(name) = lower(?))",
                itemId, role.value(), name) > 0;
    }

    /** The item's files, id to path within its library: a capture date belongs to a file. */
    public Map<Long, String> files(long itemId) {
        Map<Long, String> files = new HashMap<>();
        jdbc.query("SELECT id, path FROM files WHERE item_id = ?", rows -> {
            files.put(rows.getLong(1), rows.getString(2));
        }, itemId);
        return files;
    }

    /** The row with this name in any letter case (the oldest), or a new one: tags, studios, people. */
    private long named(String table, String name, String category) {
        String clean = name.strip();
        List<Long> found = jdbc.queryForList("SELECT id FROM " + table + " WHERE lower(name) = lower(?) ORDER BY id LIMIT 1", Long.class, clean);
        if (!found.isEmpty()) return found.get(0);
        boolean categorized = table.equals("tags") && category != null;
        String sql = "INSERT INTO " + table + (categorized ? " (name, category, created_at, updated_at) VALUES (?, ?, ?, ?)"
                : " (name, created_at, updated_at) VALUES (?, ?, ?)") + " RETURNING id";
        java.time.Instant now = Instants.now();
        return jdbc.execute((java.sql.Connection connection) -> {
            try (java.sql.PreparedStatement insert = connection.prepareStatement(sql)) {
                int n = 1;
                insert.setString(n++, clean);
                if (categorized) insert.setString(n++, category);
                values.setInstant(insert, n++, now);
                values.setInstant(insert, n, now);
                try (java.sql.ResultSet row = insert.executeQuery()) {
                    row.next();
                    return row.getLong(1);
                }
            }
        });
    }
}
