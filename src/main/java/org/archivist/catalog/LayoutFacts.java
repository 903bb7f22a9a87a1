package org.archivist.catalog;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.archivist.db.SqlValues;
import org.archivist.db.StoredEnum;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What a folder layout is built from, for every present file of a library, in one pass: the
 * capture time in the photo's own local time (the stored instant plus its offset, so an evening
 * photo stays on its day), camera, audio tags, the item's kind, title, studio, people and first
 * collection. Three queries for the whole library, not several per file.
 */
@Service
public class LayoutFacts {

    /** One file's facts; any of them may be null. {@code localCapture} is the capture's wall-clock time where it was taken. */
    public record Facts(long fileId, String path, MediaType mediaType, String sha256, long sizeBytes, LocalDateTime localCapture,
                        String cameraMake, String cameraModel, String artist, String albumArtist, String album, Integer track,
                        String metadataTitle, Integer year, ItemKind kind, String itemTitle, LocalDate itemDate, String studio,
                        List<String> performers, List<String> authors, String collection) {
    }

    private final JdbcTemplate jdbc;
    private final SqlValues values;

    LayoutFacts(JdbcTemplate jdbc, SqlValues values) {
        this.jdbc = jdbc;
        this.values = values;
    }

    /** Every present file of the library, in path order. */
    @Transactional(readOnly = true)
    public void forEach(long libraryId, Consumer<Facts> action) {
        Map<Long, List<String>> performers = new HashMap<>();
        Map<Long, List<String>> authors = new HashMap<>();
        jdbc.query("""
                SELECT ip.item_id, ip.role, p.name FROM item_people ip JOIN people p ON p.id = ip.person_id
                WHERE ip.role IN ('performer', 'author', 'artist') AND ip.item_id IN (SELECT item_id FROM files WHERE library_id = ? AND item_id IS NOT NULL)
                ORDER BY ip.item_id, p.name""", rows -> {
            Map<Long, List<String>> target = "performer".equals(rows.getString(2)) ? performers : authors;
            target.computeIfAbsent(rows.getLong(1), id -> new ArrayList<>()).add(rows.getString(3));
        }, libraryId);
        Map<Long, String> collections = new HashMap<>();
        jdbc.query("""
                SELECT ci.item_id, c.name FROM collection_items ci JOIN collections c ON c.id = ci.collection_id
                WHERE ci.item_id IN (SELECT item_id FROM files WHERE library_id = ? AND item_id IS NOT NULL)
                ORDER BY ci.item_id, c.id""", rows -> {
            collections.putIfAbsent(rows.getLong(1), rows.getString(2));
        }, libraryId);
        jdbc.query("""
                SELECT f.id, f.path, f.media_type, f.sha256, f.size_bytes, f.detected_at, f.detected_offset_minutes,
                       m.camera_make, m.camera_model, m.artist, %s, m.album, %s, m.title, m.year,
                       i.id, i.kind, i.title, CAST(i.item_date AS TEXT), s.name
                FROM files f LEFT JOIN file_metadata m ON m.file_id = f.id LEFT JOIN items i ON i.id = f.item_id
                LEFT JOIN studios s ON s.id = i.studio_id
                WHERE f.library_id = ? AND f.status <> 'missing'
                ORDER BY f.path""".formatted(json("m.extra", "album_artist"), json("m.extra", "track")), rows -> {
            Long item = rows.getObject(16) == null ? null : rows.getLong(16);
            String kind = rows.getString(17);
            String itemDate = rows.getString(19);
            action.accept(new Facts(rows.getLong(1), rows.getString(2), StoredEnum.fromValue(MediaType.class, rows.getString(3)), rows.getString(4), rows.getLong(5),
                    localCapture(rows), rows.getString(8), rows.getString(9), rows.getString(10), rows.getString(11), rows.getString(12),
                    parseInteger(rows.getString(13)), rows.getString(14), SqlValues.getInteger(rows, 15),
                    kind == null ? null : StoredEnum.fromValue(ItemKind.class, kind), rows.getString(18),
                    itemDate == null || itemDate.length() < 10 ? null : LocalDate.parse(itemDate.substring(0, 10)), rows.getString(20),
                    item == null ? List.of() : performers.getOrDefault(item, List.of()), item == null ? List.of() : authors.getOrDefault(item, List.of()),
                    item == null ? null : collections.get(item)));
        }, libraryId);
    }

    private LocalDateTime localCapture(ResultSet rows) throws SQLException {
        Instant at = values.getInstant(rows, 6);
        if (at == null) return null;
        Integer offset = SqlValues.getInteger(rows, 7);
        // Without a known offset the stored instant is the wall-clock time read as UTC (docs/database.md).
        return LocalDateTime.ofInstant(at, ZoneOffset.UTC).plusMinutes(offset == null ? 0 : offset);
    }

    private String json(String column, String field) {
        return values.isSqlite() ? "json_extract(" + column + ", '$." + field + "')" : "(" + column + " ->> '" + field + "')";
    }

    private static Integer parseInteger(String text) {
        if (text == null) return null;
        try {
            return (int) Double.parseDouble(text.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
