package org.archivist.catalog;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.archivist.db.NotFoundException;
import org.archivist.db.SqlValues;
import org.archivist.db.StoredEnum;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * One item's page, read in five plain queries (the item with its studio, tags, credits, files with
 * their metadata, collections). Through the entities it took about seven, each with the
 * persistence context's bookkeeping, and an item page is the request people make most after a grid.
 */
@Component
class ItemDetailReader {

    private static final TypeReference<LinkedHashMap<String, Object>> EXTRA = new TypeReference<>() {
    };

    private final JdbcTemplate jdbc;
    private final SqlValues values;
    private final JsonMapper json;

    ItemDetailReader(JdbcTemplate jdbc, SqlValues values, JsonMapper json) {
        this.jdbc = jdbc;
        this.values = values;
        this.json = json;
    }

    /** Call inside a read-only transaction, so the five queries see one state of the catalogue. */
    ItemSchemas.Detail read(long id) {
        List<TagSchemas.Response> tags = jdbc.query("""
                SELECT t.id, t.name, t.description, t.color, t.category, t.stash_id, t.created_at, t.updated_at
                FROM item_tags it JOIN tags t ON t.id = it.tag_id WHERE it.item_id = ? ORDER BY t.name, t.id""",
                (r, n) -> new TagSchemas.Response(r.getLong(1), r.getString(2), r.getString(3), r.getString(4), r.getString(5),
                        r.getString(6), values.getInstant(r, 7), values.getInstant(r, 8)), id);
        List<ItemSchemas.Credit> people = jdbc.query("""
                SELECT p.id, p.name, ip.role FROM item_people ip JOIN people p ON p.id = ip.person_id
                WHERE ip.item_id = ? ORDER BY p.name, p.id, ip.role""",
                (r, n) -> new ItemSchemas.Credit(r.getLong(1), r.getString(2), StoredEnum.fromValue(PersonRole.class, r.getString(3))), id);
        List<FileSchemas.Response> files = jdbc.query("""
                SELECT f.id, f.library_id, f.item_id, f.path, f.file_name, f.size_bytes, f.file_created_at, f.file_modified_at,
                       f.mime_type, f.media_type, f.sha256, f.quick_hash, f.phash, f.detected_at, f.detected_offset_minutes,
                       f.timestamp_source, f.confidence, f.original_path, f.output_path, f.status, f.scan_error, f.is_processed,
                       f.last_scanned_at, f.created_at, f.updated_at, m.file_id,
                       m.duration_seconds, m.width, m.height, m.fps, m.video_codec, m.audio_codec, m.bitrate, m.sample_rate,
                       m.channels, m.artist, m.album, m.title, m.year, m.genre, m.camera_make, m.camera_model, m.lens, m.iso,
                       m.aperture, m.shutter_speed, m.focal_length, m.orientation, m.latitude, m.longitude, m.altitude,
                       m.location_name, m.page_count, m.language, m.extra
                FROM files f LEFT JOIN file_metadata m ON m.file_id = f.id WHERE f.item_id = ? ORDER BY f.id""",
                (r, n) -> file(r), id);
        List<FileSchemas.Summary> summaries = files.stream()
                .map(f -> new FileSchemas.Summary(f.id(), f.path(), f.mediaType(), f.sizeBytes(), f.status())).toList();
        List<ItemSchemas.CollectionPlace> collections = jdbc.query("""
                SELECT c.id, c.name, ci.position FROM collection_items ci JOIN collections c ON c.id = ci.collection_id
                WHERE ci.item_id = ? ORDER BY c.name""",
                (r, n) -> new ItemSchemas.CollectionPlace(r.getLong(1), r.getString(2), r.getInt(3)), id);
        List<ItemSchemas.Response> item = jdbc.query("""
                SELECT i.id, i.kind, i.title, i.details, i.item_date, i.organized, i.isbn, i.cover_image_url, i.average_rating,
                       i.review_count, i.stash_id, i.created_at, i.updated_at,
                       s.id, s.name, s.parent_id, s.stash_id, s.created_at, s.updated_at
                FROM items i LEFT JOIN studios s ON s.id = i.studio_id WHERE i.id = ?""",
                (r, n) -> {
                    long studioId = r.getLong(14);
                    StudioSchemas.Response studio = r.wasNull() ? null : new StudioSchemas.Response(studioId, r.getString(15),
                            nullableLong(r, 16), r.getString(17), values.getInstant(r, 18), values.getInstant(r, 19));
                    String date = r.getString(5);
                    return new ItemSchemas.Response(r.getLong(1), StoredEnum.fromValue(ItemKind.class, r.getString(2)), r.getString(3),
                            r.getString(4), date == null ? null : LocalDate.parse(date.substring(0, 10)), r.getBoolean(6), studio,
                            r.getString(7), r.getString(8), r.getBigDecimal(9).setScale(2, java.math.RoundingMode.HALF_UP), r.getInt(10),
                            r.getString(11), tags, people, summaries, values.getInstant(r, 12), values.getInstant(r, 13));
                }, id);
        if (item.isEmpty()) throw new NotFoundException("item", id);
        return new ItemSchemas.Detail(item.get(0), files, collections);
    }

    private FileSchemas.Response file(ResultSet r) throws SQLException {
        FileSchemas.Metadata metadata = null;
        r.getLong(26);
        if (!r.wasNull()) {
            String extra = r.getString(55);
            Map<String, Object> extras = extra == null ? Map.of() : json.readValue(extra, EXTRA);
            metadata = new FileSchemas.Metadata(SqlValues.getDouble(r, 27), SqlValues.getInteger(r, 28), SqlValues.getInteger(r, 29),
                    SqlValues.getDouble(r, 30), r.getString(31), r.getString(32), nullableLong(r, 33), SqlValues.getInteger(r, 34),
                    SqlValues.getInteger(r, 35), r.getString(36), r.getString(37), r.getString(38), SqlValues.getInteger(r, 39),
                    r.getString(40), r.getString(41), r.getString(42), r.getString(43), SqlValues.getInteger(r, 44),
                    SqlValues.getDouble(r, 45), r.getString(46), SqlValues.getDouble(r, 47), SqlValues.getInteger(r, 48),
                    SqlValues.getDouble(r, 49), SqlValues.getDouble(r, 50), SqlValues.getDouble(r, 51), r.getString(52),
                    SqlValues.getInteger(r, 53), r.getString(54), extras);
        }
        String source = r.getString(16);
        return new FileSchemas.Response(r.getLong(1), r.getLong(2), nullableLong(r, 3), r.getString(4), r.getString(5), r.getLong(6),
                values.getInstant(r, 7), values.getInstant(r, 8), r.getString(9), StoredEnum.fromValue(MediaType.class, r.getString(10)),
                r.getString(11), r.getString(12), nullableLong(r, 13), values.getInstant(r, 14), SqlValues.getInteger(r, 15),
                source == null ? null : StoredEnum.fromValue(TimestampSource.class, source),
                StoredEnum.fromValue(Confidence.class, r.getString(17)), r.getString(18), r.getString(19),
                StoredEnum.fromValue(FileStatus.class, r.getString(20)), r.getString(21), r.getBoolean(22), metadata,
                values.getInstant(r, 23), values.getInstant(r, 24), values.getInstant(r, 25));
    }

    private static Long nullableLong(ResultSet r, int column) throws SQLException {
        long value = r.getLong(column);
        return r.wasNull() ? null : value;
    }
}
