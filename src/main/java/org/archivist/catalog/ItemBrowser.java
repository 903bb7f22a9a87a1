package org.archivist.catalog;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.archivist.db.SqlValues;
import org.archivist.db.StoredEnum;
import org.archivist.search.SearchService;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Pages of items for a grid: filtered, sorted, and paged by an opaque keyset cursor (the last
 * row's sort value and id), never by OFFSET, and stable while rows are added. Each item is read
 * with its primary file (its first catalogued that is still on disk), whose capture date, media
 * type and size a grid shows; an item none of whose files is on disk is not shown.
 */
@Service
public class ItemBrowser {

    public static final int LARGEST_PAGE = 500;

    /**
     * What a grid needs of one item. {@code thumbnailUrl} names the primary file's content, so a
     * browser may keep the picture for good (other content gets another URL); null until the file is hashed.
     */
    public record Row(long id, ItemKind kind, String title, Instant capturedAt, Integer offsetMinutes, MediaType mediaType,
                      Integer width, Integer height, Double durationSeconds, double rating, long sizeBytes, List<Long> tagIds,
                      long primaryFileId, String thumbnailUrl) {
    }

    /** {@code next}: the cursor of the page after this one, null on the last page. */
    public record Page(List<Row> items, String next) {
    }

    private final JdbcTemplate jdbc;
    private final SqlValues values;
    private final SearchService search;
    private final JsonMapper json;

    ItemBrowser(JdbcTemplate jdbc, SqlValues values, SearchService search, JsonMapper json) {
        this.jdbc = jdbc;
        this.values = values;
        this.search = search;
        this.json = json;
    }

    /**
     * The page after {@code cursor} (null: the first page) of at most {@code limit} items. Not one
     * transaction: a search brings its index up to date first (a write of its own), and the page
     * must see what that wrote.
     */
    public Page page(ItemQuery query, String cursor, int limit) {
        if (limit < 1 || limit > LARGEST_PAGE) throw new IllegalArgumentException("limit: " + limit + " is outside 1-" + LARGEST_PAGE);
        Position after = cursor == null ? null : decode(cursor, query);
        boolean searching = query.q() != null && !query.q().isBlank();
        // Newest-added matches come from the index in its own order: no sort of every match.
        boolean searchOrder = searching && query.sort() == ItemQuery.Sort.ADDED;
        String key = searchOrder ? "s.item_id" : sortColumn(query.sort());
        boolean byFile = query.sort() == ItemQuery.Sort.CAPTURED || query.sort() == ItemQuery.Sort.SIZE;
        String tieBreak = byFile ? "f.id" : searchOrder ? "s.item_id" : "i.id";
        List<String> where = new ArrayList<>();
        List<Object> arguments = new ArrayList<>();
        // A full-text search starts from its matches; the other filters and the order apply to them.
        SearchService.Source matches = !searching ? null
                : searchOrder ? search.matches(query.q(), "s", query.descending(), after == null ? null : after.id())
                : search.matches(query.q(), "s");
        if (searching && matches == null) return new Page(List.of(), null); // no word to look for: nothing matches
        String start = matches == null ? "" : matches.sql() + " ";
        String from;
        if (byFile) {
            // Walks the files in the sort's index order; one row per item: the primary file is the one
            // no earlier file of the same item precedes.
            from = matches == null ? "files f JOIN items i ON i.id = f.item_id"
                    : start + "files f ON f.item_id = s.item_id JOIN items i ON i.id = f.item_id";
            where.add("f.status <> '" + FileStatus.MISSING.value() + "'");
            where.add("NOT EXISTS (SELECT 1 FROM files x WHERE x.item_id = f.item_id AND x.status <> '" + FileStatus.MISSING.value()
                    + "' AND x.id < f.id)");
        } else {
            // Walks the items in the sort's index order, each with its primary file.
            from = (matches == null ? "items i" : start + "items i ON i.id = s.item_id")
                    + " JOIN files f ON f.id = (SELECT min(x.id) FROM files x WHERE x.item_id = i.id AND x.status <> '"
                    + FileStatus.MISSING.value() + "')";
        }
        if (matches != null) arguments.addAll(matches.arguments());
        filters(query, where, arguments);
        String direction = query.descending() ? "DESC" : "ASC";
        String beyond = query.descending() ? "<" : ">";
        // Two steps: the page's ids in order, found with only what the filters need, then the grid's columns
        // of those ids alone (a search sorts all its matches, and reading every column of each costs twice as much).
        boolean metadataFiltered = query.cameraMake() != null || query.cameraModel() != null || query.hasGps() != null;
        String select = "SELECT f.id AS file_id, i.id AS item_id FROM " + from
                + (metadataFiltered ? " LEFT JOIN file_metadata m ON m.file_id = f.id" : "") + " WHERE ";
        List<Row> rows = new ArrayList<>();
        if (query.sort() != ItemQuery.Sort.CAPTURED || after == null || after.value() != null) {
            // Rows with a sort value, in the order an index on it gives; empty capture dates come after.
            List<String> valued = new ArrayList<>(where);
            List<Object> valuedArguments = new ArrayList<>(arguments);
            if (query.sort() == ItemQuery.Sort.CAPTURED) valued.add(key + " IS NOT NULL");
            if (after != null) {
                // Past the last value, or at it with a later id: the first condition alone is what an index seeks.
                valued.add(key + " " + beyond + "= ? AND (" + key + " " + beyond + " ? OR " + tieBreak + " " + beyond + " ?)");
                valuedArguments.addAll(List.of(after.value(), after.value(), after.id()));
            }
            rows.addAll(run(select + conditions(valued), " ORDER BY " + key + " " + direction + (key.equals(tieBreak) ? "" : ", " + tieBreak + " " + direction),
                    valuedArguments, limit + 1));
        }
        if (query.sort() == ItemQuery.Sort.CAPTURED && rows.size() <= limit) {
            // Then the files with no capture date, by id, continuing from the cursor when it is among them.
            List<String> empty = new ArrayList<>(where);
            List<Object> emptyArguments = new ArrayList<>(arguments);
            empty.add(key + " IS NULL");
            if (after != null && after.value() == null) {
                empty.add(tieBreak + " " + beyond + " ?");
                emptyArguments.add(after.id());
            }
            rows.addAll(run(select + conditions(empty), " ORDER BY " + tieBreak + " " + direction, emptyArguments, limit + 1 - rows.size()));
        }
        boolean more = rows.size() > limit;
        List<Row> page = more ? rows.subList(0, limit) : rows;
        page = withTags(page);
        return new Page(page, more ? encode(query, page.get(page.size() - 1)) : null);
    }

    /**
     * The oldest and newest capture dates over the {@code visible} libraries (null: the whole catalogue,
     * two index lookups), or null when none has one.
     */
    public Instant[] capturedRange(java.util.Set<Long> visible) {
        if (visible != null && visible.isEmpty()) return null;
        String within = visible == null ? "" : " WHERE library_id IN (" + String.join(", ", java.util.Collections.nCopies(visible.size(), "?")) + ")";
        Object[] arguments = visible == null ? new Object[0] : java.util.stream.Stream.concat(visible.stream(), visible.stream()).toArray();
        Instant[] range = jdbc.query("SELECT (SELECT min(detected_at) FROM files" + within + "), (SELECT max(detected_at) FROM files" + within + ")",
                rows -> rows.next() ? new Instant[] {values.getInstant(rows, 1), values.getInstant(rows, 2)} : null, arguments);
        return range == null || range[0] == null ? null : range;
    }

    private static String sortColumn(ItemQuery.Sort sort) {
        return switch (sort) {
            case CAPTURED -> "f.detected_at";
            case ADDED -> "i.id";
            case TITLE -> "i.title";
            case RATING -> "i.average_rating";
            case SIZE -> "f.size_bytes";
        };
    }

    private void filters(ItemQuery q, List<String> where, List<Object> arguments) {
        condition(where, arguments, q.kind(), "i.kind = ?", q.kind() == null ? null : q.kind().value());
        condition(where, arguments, q.mediaType(), "f.media_type = ?", q.mediaType() == null ? null : q.mediaType().value());
        condition(where, arguments, q.library(), "f.library_id = ?", q.library());
        if (q.visible() != null) {
            if (q.visible().isEmpty()) where.add("1 = 0");
            else {
                where.add("f.library_id IN (" + String.join(", ", java.util.Collections.nCopies(q.visible().size(), "?")) + ")");
                arguments.addAll(new java.util.TreeSet<>(q.visible()));
            }
        }
        condition(where, arguments, q.studio(), "i.studio_id = ?", q.studio());
        // A read of the reviews feature's table for the grid's "my favourites", as the grid reads tags and collections.
        condition(where, arguments, q.favoritesOf(), "EXISTS (SELECT 1 FROM user_favorites uf WHERE uf.item_id = i.id AND uf.user_id = ?)",
                q.favoritesOf());
        condition(where, arguments, q.person(), "EXISTS (SELECT 1 FROM item_people p WHERE p.item_id = i.id AND p.person_id = ?)", q.person());
        condition(where, arguments, q.collection(),
                "EXISTS (SELECT 1 FROM collection_items c WHERE c.item_id = i.id AND c.collection_id = ?)", q.collection());
        condition(where, arguments, q.capturedFrom(), "f.detected_at >= ?", q.capturedFrom());
        condition(where, arguments, q.capturedTo(), "f.detected_at < ?", q.capturedTo());
        condition(where, arguments, q.cameraMake(), "lower(m.camera_make) = lower(?)", q.cameraMake());
        condition(where, arguments, q.cameraModel(), "lower(m.camera_model) = lower(?)", q.cameraModel());
        condition(where, arguments, q.minRating(), "i.average_rating >= ?", q.minRating());
        condition(where, arguments, q.confidence(), "f.confidence = ?", q.confidence() == null ? null : q.confidence().value());
        condition(where, arguments, q.status(), "f.status = ?", q.status() == null ? null : q.status().value());
        if (q.hasGps() != null) where.add(q.hasGps() ? "m.latitude IS NOT NULL" : "m.latitude IS NULL");
        if (!q.tags().isEmpty()) {
            if (q.allTags()) {
                for (Long tag : q.tags()) {
                    where.add("EXISTS (SELECT 1 FROM item_tags t WHERE t.item_id = i.id AND t.tag_id = ?)");
                    arguments.add(tag);
                }
            } else {
                where.add("EXISTS (SELECT 1 FROM item_tags t WHERE t.item_id = i.id AND t.tag_id IN ("
                        + String.join(", ", java.util.Collections.nCopies(q.tags().size(), "?")) + "))");
                arguments.addAll(q.tags());
            }
        }
    }

    private static void condition(List<String> where, List<Object> arguments, Object filter, String sql, Object argument) {
        if (filter == null) return;
        where.add(sql);
        arguments.add(argument);
    }

    /** The conditions joined; none is "every row" (an item sort without filters has none). */
    private static String conditions(List<String> where) {
        return where.isEmpty() ? "1 = 1" : String.join(" AND ", where);
    }

    /** The grid's columns of the rows {@code ids} selects (a file id and an item id) in {@code order}. */
    private List<Row> run(String ids, String order, List<Object> arguments, int limit) {
        List<Object> all = new ArrayList<>(arguments);
        all.add(limit);
        String sql = """
                SELECT i.id, i.kind, i.title, f.detected_at, f.detected_offset_minutes, f.media_type, m.width, m.height,
                       m.duration_seconds, i.average_rating, f.size_bytes, f.id, f.sha256
                FROM (""" + ids + order + " LIMIT ?) p JOIN files f ON f.id = p.file_id JOIN items i ON i.id = p.item_id"
                + " LEFT JOIN file_metadata m ON m.file_id = f.id" + order.replace("s.item_id", "i.id"); // the matches' id is the item's
        return jdbc.query(connection -> {
            PreparedStatement statement = connection.prepareStatement(sql);
            for (int i = 0; i < all.size(); i++) bind(statement, i + 1, all.get(i));
            return statement;
        }, (result, n) -> row(result));
    }

    private void bind(PreparedStatement statement, int index, Object value) throws SQLException {
        if (value instanceof Instant instant) values.setInstant(statement, index, instant);
        else SqlValues.setNullable(statement, index, value);
    }

    private Row row(ResultSet r) throws SQLException {
        Integer offset = SqlValues.getInteger(r, 5);
        Integer width = SqlValues.getInteger(r, 7);
        Integer height = SqlValues.getInteger(r, 8);
        Double duration = SqlValues.getDouble(r, 9);
        return new Row(r.getLong(1), StoredEnum.fromValue(ItemKind.class, r.getString(2)), r.getString(3), values.getInstant(r, 4), offset,
                StoredEnum.fromValue(MediaType.class, r.getString(6)), width, height, duration, r.getDouble(10), r.getLong(11),
                List.of(), r.getLong(12), thumbnailUrl(r.getLong(12), r.getString(13)));
    }

    /** Null until the content is hashed: no picture can exist before, and a grid shows its placeholder without asking. */
    static String thumbnailUrl(long fileId, String sha256) {
        return sha256 == null ? null : "/api/files/" + fileId + "/thumbnail?v=" + sha256.substring(0, 16);
    }

    /** The tag ids of the page's items, in one query. */
    private List<Row> withTags(List<Row> page) {
        if (page.isEmpty()) return page;
        Map<Long, List<Long>> tags = new LinkedHashMap<>();
        List<Object> ids = new ArrayList<>();
        for (Row row : page) ids.add(row.id());
        jdbc.query("SELECT item_id, tag_id FROM item_tags WHERE item_id IN (" + String.join(", ", java.util.Collections.nCopies(ids.size(), "?"))
                + ") ORDER BY tag_id", rows -> {
            tags.computeIfAbsent(rows.getLong(1), k -> new ArrayList<>()).add(rows.getLong(2));
        }, ids.toArray());
        List<Row> tagged = new ArrayList<>(page.size());
        for (Row r : page) {
            tagged.add(new Row(r.id(), r.kind(), r.title(), r.capturedAt(), r.offsetMinutes(), r.mediaType(), r.width(), r.height(),
                    r.durationSeconds(), r.rating(), r.sizeBytes(), tags.getOrDefault(r.id(), List.of()), r.primaryFileId(), r.thumbnailUrl()));
        }
        return tagged;
    }

    /** Where a page ended: the last row's sort value (null when it had none) and its tie-breaking id. */
    private record Position(Object value, long id) {
    }

    private String encode(ItemQuery query, Row last) {
        Map<String, Object> cursor = new LinkedHashMap<>();
        cursor.put("q", fingerprint(query));
        Object value = switch (query.sort()) {
            case CAPTURED -> last.capturedAt() == null ? null : last.capturedAt().toString();
            case ADDED -> last.id();
            case TITLE -> last.title();
            case RATING -> last.rating();
            case SIZE -> last.sizeBytes();
        };
        cursor.put("v", value);
        cursor.put("id", query.sort() == ItemQuery.Sort.CAPTURED || query.sort() == ItemQuery.Sort.SIZE ? last.primaryFileId() : last.id());
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.writeValueAsBytes(cursor));
    }

    private Position decode(String cursor, ItemQuery query) {
        JsonNode node;
        try {
            node = json.readTree(Base64.getUrlDecoder().decode(cursor));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("cursor: not a cursor this server gave out");
        }
        if (node == null || !node.isObject() || !node.path("q").isString() || !node.path("id").canConvertToLong() || !node.has("v")) {
            throw new IllegalArgumentException("cursor: not a cursor this server gave out");
        }
        if (!node.get("q").asString().equals(fingerprint(query))) {
            throw new IllegalArgumentException("cursor: it belongs to another query (other filters or order); start again without it");
        }
        JsonNode v = node.get("v");
        Object value;
        try {
            value = v.isNull() ? null : switch (query.sort()) {
                case CAPTURED -> Instant.parse(v.asString());
                case ADDED, SIZE -> v.asLong();
                case TITLE -> v.asString();
                case RATING -> v.asDouble();
            };
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("cursor: not a cursor this server gave out");
        }
        if (value == null && query.sort() != ItemQuery.Sort.CAPTURED) throw new IllegalArgumentException("cursor: not a cursor this server gave out");
        return new Position(value, node.get("id").asLong());
    }

    private static String fingerprint(ItemQuery query) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(query.canonical().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
