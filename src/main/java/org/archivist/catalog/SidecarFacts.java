package org.archivist.catalog;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.archivist.db.SqlValues;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** What an XMP sidecar carries for each present picture and video of a library: title, tags, rating, capture date. */
@Service
public class SidecarFacts {

    /**
     * One file's values. {@code title} is null where the item's title is only its file name;
     * {@code rating} is the household's average (0-5, rounded), null without reviews;
     * {@code capture} is the local wall-clock time, {@code offsetMinutes} null where unknown; both null
     * where the date came from nothing better than the file system.
     */
    public record Facts(long fileId, String path, String title, List<String> tags, Integer rating, LocalDateTime capture, Integer offsetMinutes) {
    }

    private final JdbcTemplate jdbc;
    private final SqlValues values;

    SidecarFacts(JdbcTemplate jdbc, SqlValues values) {
        this.jdbc = jdbc;
        this.values = values;
    }

    @Transactional(readOnly = true)
    public void forEach(long libraryId, Consumer<Facts> action) {
        Map<Long, List<String>> tags = new HashMap<>();
        jdbc.query("""
                SELECT it.item_id, t.name FROM item_tags it JOIN tags t ON t.id = it.tag_id
                WHERE it.item_id IN (SELECT item_id FROM files WHERE library_id = ? AND item_id IS NOT NULL) ORDER BY it.item_id, t.name""", rows -> {
            tags.computeIfAbsent(rows.getLong(1), id -> new ArrayList<>()).add(rows.getString(2));
        }, libraryId);
        jdbc.query("""
                SELECT f.id, f.path, f.file_name, i.id, i.title, i.average_rating, i.review_count, f.detected_at, f.detected_offset_minutes, f.timestamp_source
                FROM files f LEFT JOIN items i ON i.id = f.item_id
                WHERE f.library_id = ? AND f.status <> 'missing' AND f.media_type IN ('image', 'video') ORDER BY f.path""", rows -> {
            String name = rows.getString(3);
            String stem = name.contains(".") ? name.substring(0, name.lastIndexOf('.')) : name;
            String title = rows.getString(5);
            if (title != null && (title.equals(stem) || title.equals(name))) title = null;
            Long item = rows.getObject(4) == null ? null : rows.getLong(4);
            Integer rating = rows.getInt(7) > 0 ? (int) Math.round(rows.getDouble(6)) : null;
            Instant at = values.getInstant(rows, 8);
            Integer offset = SqlValues.getInteger(rows, 9);
            boolean dated = at != null && rows.getString(10) != null && !"filesystem".equals(rows.getString(10));
            LocalDateTime capture = dated ? LocalDateTime.ofInstant(at, ZoneOffset.UTC).plusMinutes(offset == null ? 0 : offset) : null;
            action.accept(new Facts(rows.getLong(1), rows.getString(2), title, item == null ? List.of() : tags.getOrDefault(item, List.of()), rating,
                    capture, dated ? offset : null));
        }, libraryId);
    }
}
