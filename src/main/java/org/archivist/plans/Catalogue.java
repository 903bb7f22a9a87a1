package org.archivist.plans;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.archivist.db.SqlValues;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What the rules read, loaded once per analysis in a few queries (not one per item): the files with
 * their items and metadata, each item's title, studio, tags and people, the known people with their
 * aliases, the studios, and the locks. 200,000 items take a few hundred megabytes at most.
 */
final class Catalogue {

    record FileRow(long fileId, long itemId, long libraryId, String path, String fileName, String mediaType, String confidence,
                   String source, Instant detectedAt, Integer offsetMinutes, String metadataTitle, String metadataGenre) {

        /** The folders the file is in, from its library's root down. */
        List<String> folders() {
            String[] parts = path.split("/");
            return List.of(parts).subList(0, Math.max(0, parts.length - 1));
        }

        String stem() {
            int dot = fileName.lastIndexOf('.');
            return dot > 0 ? fileName.substring(0, dot) : fileName;
        }
    }

    static final class ItemRow {
        final long id;
        final String title;
        String studio;
        final Set<String> tags = new HashSet<>();
        final Set<String> people = new HashSet<>();
        final List<FileRow> files = new ArrayList<>();

        ItemRow(long id, String title) {
            this.id = id;
            this.title = title;
        }

        boolean hasTag(String name) {
            return tags.contains(name.toLowerCase(Locale.ROOT));
        }
    }

    /** A known person: the name to credit and every spelling to look for (name and aliases). */
    record KnownPerson(String name, List<String> spellings) {
    }

    final List<FileRow> files = new ArrayList<>();
    final Map<Long, ItemRow> items = new HashMap<>();
    final List<KnownPerson> people = new ArrayList<>();
    final List<String> studios = new ArrayList<>();
    final Map<Long, List<String>> tagNamesByItem = new HashMap<>();
    final Set<String> locks;

    private Catalogue(Set<String> locks) {
        this.locks = locks;
    }

    boolean locked(long itemId, String field) {
        return locks.contains(itemId + ":" + field);
    }

    /** The files of one library (or all) and everything about their items. */
    static Catalogue load(JdbcTemplate jdbc, SqlValues values, Long libraryId, Set<String> locks) {
        Catalogue catalogue = new Catalogue(locks);
        String where = libraryId == null ? "" : " AND f.library_id = " + libraryId;
        jdbc.query("""
                SELECT f.id, f.item_id, f.library_id, f.path, f.file_name, f.media_type, f.confidence, f.timestamp_source, f.detected_at,
                       f.detected_offset_minutes, m.title, m.genre, i.title
                FROM files f JOIN items i ON i.id = f.item_id LEFT JOIN file_metadata m ON m.file_id = f.id
                WHERE f.status <> 'missing'""" + where + " ORDER BY f.id", rows -> {
            long itemId = rows.getLong(2);
            FileRow file = new FileRow(rows.getLong(1), itemId, rows.getLong(3), rows.getString(4), rows.getString(5), rows.getString(6),
                    rows.getString(7), rows.getString(8), values.getInstant(rows, 9), SqlValues.getInteger(rows, 10), rows.getString(11),
                    rows.getString(12));
            catalogue.files.add(file);
            catalogue.items.computeIfAbsent(itemId, id -> {
                try {
                    return new ItemRow(id, rows.getString(13));
                } catch (java.sql.SQLException e) {
                    throw new IllegalStateException(e);
                }
            }).files.add(file);
        });
        String itemsOfScope = libraryId == null ? "" : " WHERE x.item_id IN (SELECT item_id FROM files WHERE library_id = " + libraryId + ")";
        jdbc.query("SELECT x.item_id, t.name FROM item_tags x JOIN tags t ON t.id = x.tag_id" + itemsOfScope, rows -> {
            ItemRow item = catalogue.items.get(rows.getLong(1));
            if (item == null) return;
            item.tags.add(rows.getString(2).toLowerCase(Locale.ROOT));
            catalogue.tagNamesByItem.computeIfAbsent(item.id, id -> new ArrayList<>()).add(rows.getString(2));
        });
        jdbc.query("SELECT x.item_id, p.name FROM item_people x JOIN people p ON p.id = x.person_id" + itemsOfScope, rows -> {
            ItemRow item = catalogue.items.get(rows.getLong(1));
            if (item != null) item.people.add(rows.getString(2).toLowerCase(Locale.ROOT));
        });
        String studiosOfScope = libraryId == null ? "" : " AND i.id IN (SELECT item_id FROM files WHERE library_id = " + libraryId + ")";
        jdbc.query("SELECT i.id, s.name FROM items i JOIN studios s ON s.id = i.studio_id WHERE i.studio_id IS NOT NULL" + studiosOfScope, rows -> {
            ItemRow item = catalogue.items.get(rows.getLong(1));
            if (item != null) item.studio = rows.getString(2);
        });
        Map<Long, KnownPerson> people = new java.util.LinkedHashMap<>();
        jdbc.query("SELECT id, name FROM people ORDER BY id", rows -> {
            people.put(rows.getLong(1), new KnownPerson(rows.getString(2), new ArrayList<>(List.of(rows.getString(2)))));
        });
        jdbc.query("SELECT person_id, alias FROM person_aliases", rows -> {
            KnownPerson person = people.get(rows.getLong(1));
            if (person != null) person.spellings().add(rows.getString(2));
        });
        catalogue.people.addAll(people.values());
        catalogue.studios.addAll(jdbc.queryForList("SELECT name FROM studios ORDER BY id", String.class));
        return catalogue;
    }
}
