package org.archivist.catalog;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

import org.archivist.db.Instants;
import org.archivist.db.SqlValues;
import org.archivist.db.StoredEnum;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import tools.jackson.databind.json.JsonMapper;

/**
 * The scan's door into the catalogue: reads a library's files in one pass and writes what a scan
 * found in batches, one transaction each, in plain JDBC (a scan writes hundreds of thousands of
 * rows; JPA's per-entity work would dominate). Rows are the same as the entities would write.
 * Every file passes through {@link StorableFacts} first, so no reader's value can fail a batch.
 */
@Service
public class FileCatalog {

    /** The tables a scan writes for each new file: what a bulk first scan takes the secondary indexes of. */
    public static final List<String> SCANNED_TABLES = List.of("items", "files", "file_metadata");

    /**
     * The indexes a bulk first scan keeps: an item's page finds the item's files by this one while the
     * scan runs (without it, each page read every row written so far: a p95 of 355 ms at 300,000 files),
     * and its keys only grow during a scan, so writing through it costs little.
     */
    public static final java.util.Set<String> KEPT_IN_BULK = java.util.Set.of("ix_files_item_id");


    private static final String INSERT_FILE = """
            INSERT INTO files (library_id, item_id, path, file_name, size_bytes, file_created_at, file_modified_at,
                mime_type, media_type, quick_hash, sha256, detected_at, detected_offset_minutes, timestamp_source, confidence,
                original_path, status, scan_error, last_scanned_at, created_at, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id""";
    private static final String UPDATE_FILE = """
            UPDATE files SET path = ?, file_name = ?, size_bytes = ?, file_created_at = ?, file_modified_at = ?,
                mime_type = ?, media_type = ?, quick_hash = ?, sha256 = CASE WHEN ? THEN ? ELSE coalesce(?, sha256) END,
                phash = CASE WHEN ? THEN NULL ELSE phash END, phash_error = CASE WHEN ? THEN NULL ELSE phash_error END, detected_at = ?, detected_offset_minutes = ?,
                timestamp_source = ?, confidence = ?, status = ?, scan_error = ?, last_scanned_at = ?, updated_at = ?
            WHERE id = ? AND (timestamp_source IS NULL OR timestamp_source <> 'user')""";
    private static final String UPDATE_FILE_KEEPING_USER_DATE = """
            UPDATE files SET path = ?, file_name = ?, size_bytes = ?, file_created_at = ?, file_modified_at = ?,
                mime_type = ?, media_type = ?, quick_hash = ?, sha256 = CASE WHEN ? THEN ? ELSE coalesce(?, sha256) END,
                phash = CASE WHEN ? THEN NULL ELSE phash END, phash_error = CASE WHEN ? THEN NULL ELSE phash_error END, status = ?, scan_error = ?, last_scanned_at = ?, updated_at = ?
            WHERE id = ? AND timestamp_source = 'user'""";
    private static final String[] METADATA_COLUMNS = {"duration_seconds", "width", "height", "fps", "video_codec",
            "audio_codec", "bitrate", "sample_rate", "channels", "artist", "album", "title", "year", "genre", "camera_make",
            "camera_model", "lens", "iso", "aperture", "shutter_speed", "focal_length", "orientation", "latitude",
            "longitude", "altitude", "location_name", "page_count", "language"};

    private final JdbcTemplate jdbc;
    private final SqlValues values;
    private final JsonMapper json;
    private final String insertMetadata;

    private final CatalogFileRepository files;

    FileCatalog(JdbcTemplate jdbc, SqlValues values, JsonMapper json, CatalogFileRepository files) {
        this.files = files;
        this.jdbc = jdbc;
        this.values = values;
        this.json = json;
        this.insertMetadata = "INSERT INTO file_metadata (file_id, " + String.join(", ", METADATA_COLUMNS) + ", extra) VALUES (?"
                + ", ?".repeat(METADATA_COLUMNS.length) + ", " + values.jsonParameter() + ")";
    }

    /**
     * Whether a file at this path (relative to its library) can be catalogued: paths are indexed,
     * and PostgreSQL refuses an index entry over 2,704 bytes, so a path over 2,400 bytes of UTF-8
     * is left out (the scan says so) rather than failing its batch on one engine only.
     */
    public static boolean storablePath(String path) {
        return path.getBytes(java.nio.charset.StandardCharsets.UTF_8).length <= StorableFacts.LONGEST_PATH;
    }

    /** One file's full record with its metadata, by library and relative path. */
    @Transactional(readOnly = true)
    public java.util.Optional<FileSchemas.Response> find(long libraryId, String path) {
        return files.findByLibraryIdAndPath(libraryId, path).map(FileSchemas.Response::of);
    }

    /** A file on disk (present, or with a read error) still without a SHA-256, as the hashing stage needs it. */
    public record Unhashed(long id, String path, long sizeBytes, Instant fileModifiedAt) {
    }

    /** The next files of the library without a SHA-256, in id order after {@code afterId}: a resumable cursor. */
    @Transactional(readOnly = true)
    public List<Unhashed> unhashed(long libraryId, long afterId, int limit) {
        return jdbc.query("""
                SELECT id, path, size_bytes, file_modified_at FROM files
                WHERE library_id = ? AND id > ? AND sha256 IS NULL AND status <> 'missing'
                ORDER BY id LIMIT ?""",
                (rows, n) -> new Unhashed(rows.getLong("id"), rows.getString("path"), rows.getLong("size_bytes"),
                        values.getInstant(rows, "file_modified_at")), libraryId, afterId, limit);
    }

    /** A file on disk whose content is known (hashed), as thumbnailing needs it. */
    public record Hashed(long id, String path, String sha256, MediaType mediaType, String mimeType, Integer width, Integer height,
                         Integer orientation) {
    }

    /** The next hashed files of the library still on disk, in id order after {@code afterId}: a resumable cursor. */
    @Transactional(readOnly = true)
    public List<Hashed> hashed(long libraryId, long afterId, int limit) {
        return jdbc.query("""
                SELECT f.id, f.path, f.sha256, f.media_type, f.mime_type, m.width, m.height, m.orientation
                FROM files f LEFT JOIN file_metadata m ON m.file_id = f.id
                WHERE f.library_id = ? AND f.id > ? AND f.sha256 IS NOT NULL AND f.status <> 'missing'
                ORDER BY f.id LIMIT ?""",
                (rows, n) -> new Hashed(rows.getLong(1), rows.getString(2), rows.getString(3),
                        org.archivist.db.StoredEnum.fromValue(MediaType.class, rows.getString(4)), rows.getString(5),
                        SqlValues.getInteger(rows, 6), SqlValues.getInteger(rows, 7), SqlValues.getInteger(rows, 8)),
                libraryId, afterId, limit);
    }

    /** A file of the library on disk with this content, if there is one (its path in the library). */
    @Transactional(readOnly = true)
    public java.util.Optional<String> withContent(long libraryId, String sha256) {
        return jdbc.queryForList("SELECT path FROM files WHERE library_id = ? AND sha256 = ? AND status <> 'missing' ORDER BY id LIMIT 1",
                String.class, libraryId, sha256).stream().findFirst();
    }

    /** Which of these contents some catalogued file still has. */
    @Transactional(readOnly = true)
    public java.util.Set<String> stillCatalogued(java.util.Collection<String> sha256s) {
        if (sha256s.isEmpty()) return java.util.Set.of();
        return new java.util.HashSet<>(jdbc.queryForList("SELECT DISTINCT sha256 FROM files WHERE sha256 IN ("
                + String.join(", ", java.util.Collections.nCopies(sha256s.size(), "?")) + ")", String.class, sha256s.toArray()));
    }

    /** Every catalogued file, of every library. */
    public long countAll() {
        Long all = jdbc.queryForObject("SELECT count(*) FROM files", Long.class);
        return all == null ? 0 : all;
    }

    @Transactional(readOnly = true)
    public long countUnhashed(long libraryId) {
        return jdbc.queryForObject("SELECT count(*) FROM files WHERE library_id = ? AND sha256 IS NULL AND status <> 'missing'",
                Long.class, libraryId);
    }

    /** Stores content hashes; a row whose size or time changed since it was read keeps none (the next scan reads it again). */
    @Transactional
    public void storeSha256(List<Unhashed> files, List<String> hashes) {
        Instant now = Instants.now();
        jdbc.execute((ConnectionCallback<Void>) connection -> {
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE files SET sha256 = ?, updated_at = ? WHERE id = ? AND size_bytes = ? AND file_modified_at = ?")) {
                for (int i = 0; i < files.size(); i++) {
                    if (hashes.get(i) == null) continue;
                    Unhashed file = files.get(i);
                    update.setString(1, hashes.get(i));
                    values.setInstant(update, 2, now);
                    update.setLong(3, file.id());
                    update.setLong(4, file.sizeBytes());
                    values.setInstant(update, 5, file.fileModifiedAt());
                    update.addBatch();
                }
                update.executeBatch();
            }
            return null;
        });
    }

    /** A present image or video without a perceptual hash and without a recorded reason for having none. */
    public record Unfingerprinted(long id, String absolutePath, String mimeType, MediaType mediaType, long sizeBytes, Instant fileModifiedAt) {
    }

    /** The next such files in id order after {@code afterId}, across libraries: a resumable cursor. */
    @Transactional(readOnly = true)
    public List<Unfingerprinted> withoutPerceptualHash(long afterId, int limit) {
        return jdbc.query("""
                SELECT f.id, l.root_path, f.path, f.mime_type, f.media_type, f.size_bytes, f.file_modified_at
                FROM files f JOIN libraries l ON l.id = f.library_id
                WHERE f.id > ? AND f.status = 'present' AND f.phash IS NULL AND f.phash_error IS NULL
                  AND f.media_type IN ('image', 'video')
                ORDER BY f.id LIMIT ?""",
                (rows, n) -> new Unfingerprinted(rows.getLong(1), java.nio.file.Path.of(rows.getString(2)).resolve(rows.getString(3)).toString(),
                        rows.getString(4), org.archivist.db.StoredEnum.fromValue(MediaType.class, rows.getString(5)), rows.getLong(6), values.getInstant(rows, 7)),
                afterId, limit);
    }

    @Transactional(readOnly = true)
    public long countWithoutPerceptualHash() {
        return jdbc.queryForObject("""
                SELECT count(*) FROM files WHERE status = 'present' AND phash IS NULL AND phash_error IS NULL
                  AND media_type IN ('image', 'video')""", Long.class);
    }

    /** Stores a perceptual hash, or why there is none, unless the file changed since it was read. */
    @Transactional
    public void storePerceptualHash(Unfingerprinted file, Long phash, String error) {
        jdbc.update("UPDATE files SET phash = ?, phash_error = ? WHERE id = ? AND size_bytes = ? AND file_modified_at = ?",
                ps -> {
                    SqlValues.setNullable(ps, 1, phash);
                    ps.setString(2, error == null ? null : error.length() > 500 ? error.substring(0, 500) : error);
                    ps.setLong(3, file.id());
                    ps.setLong(4, file.sizeBytes());
                    values.setInstant(ps, 5, file.fileModifiedAt());
                });
    }

    /**
     * Stores the perceptual hash read while a content was being pictured on every file with that
     * content that has none yet (same bytes, same hash); {@code mediaType} keeps it to files read the same way.
     */
    @Transactional
    public int storePerceptualHashOfContent(String sha256, MediaType mediaType, long phash) {
        return jdbc.update("UPDATE files SET phash = ? WHERE sha256 = ? AND media_type = ? AND phash IS NULL AND phash_error IS NULL",
                phash, sha256, mediaType.value());
    }

    /** Every file of the library, streamed in path order so a million-file library needs no big result set. */
    @Transactional(readOnly = true)
    public void forEachKnownFile(long libraryId, Consumer<KnownFile> action) {
        jdbc.query("SELECT id, path, size_bytes, file_modified_at, status, quick_hash FROM files WHERE library_id = ?",
                rows -> {
                    // By position, not name: a rescan reads every row of the library.
                    action.accept(new KnownFile(rows.getLong(1), rows.getString(2), rows.getLong(3), values.getInstant(rows, 4),
                            StoredEnum.fromValue(FileStatus.class, rows.getString(5)), rows.getString(6)));
                }, libraryId);
    }

    /** A file with status {@code error}: where it is in its library, and why. */
    public record FileError(String path, String reason) {
    }

    /** Every file of the library that has an error, in path order. */
    @Transactional(readOnly = true)
    public void forEachError(long libraryId, Consumer<FileError> action) {
        jdbc.query("SELECT path, scan_error FROM files WHERE library_id = ? AND status = ? ORDER BY path",
                rows -> {
                    action.accept(new FileError(rows.getString(1), rows.getString(2)));
                }, libraryId, FileStatus.ERROR.value());
    }

    /** Inserts new files, each with its metadata and a new item (with people and genre tags). */
    @Transactional
    public List<Long> insertNew(long libraryId, List<ScannedFile> files) {
        Instant now = Instants.now();
        return jdbc.execute((ConnectionCallback<List<Long>>) connection -> {
            List<Long> ids = new ArrayList<>(files.size());
            try (ItemWriter items = new ItemWriter(connection, values, now);
                 PreparedStatement insertFile = connection.prepareStatement(INSERT_FILE);
                 PreparedStatement insertMeta = connection.prepareStatement(insertMetadata)) {
                for (ScannedFile found : files) {
                    ScannedFile file = StorableFacts.conform(found);
                    Long itemId = file.item() == null ? null : items.create(file.item());
                    long fileId = insertFile(insertFile, libraryId, itemId, file, now);
                    ids.add(fileId);
                    if (file.metadata() != null) {
                        bindMetadata(insertMeta, fileId, file.metadata());
                        insertMeta.addBatch();
                    }
                }
                insertMeta.executeBatch();
            }
            return ids;
        });
    }

    /** Rewrites files whose bytes changed: new facts and metadata, same row, same item; hashes of old bytes dropped. */
    @Transactional
    public void updateChanged(Map<Long, ScannedFile> changed) {
        rewrite(changed, true);
    }

    /** Files found at a new path with the same content: the row (and its item, tags, decisions) follows them. */
    @Transactional
    public void recordMoves(Map<Long, ScannedFile> moved) {
        rewrite(moved, false);
    }

    private void rewrite(Map<Long, ScannedFile> files, boolean contentChanged) {
        if (files.isEmpty()) return;
        Instant now = Instants.now();
        jdbc.execute((ConnectionCallback<Void>) connection -> {
            try (PreparedStatement update = connection.prepareStatement(UPDATE_FILE);
                 PreparedStatement keepUserDate = connection.prepareStatement(UPDATE_FILE_KEEPING_USER_DATE);
                 PreparedStatement deleteMeta = connection.prepareStatement("DELETE FROM file_metadata WHERE file_id = ?");
                 PreparedStatement insertMeta = connection.prepareStatement(insertMetadata)) {
                for (Map.Entry<Long, ScannedFile> entry : files.entrySet()) {
                    ScannedFile file = StorableFacts.conform(entry.getValue());
                    long id = entry.getKey();
                    int i = bindCapture(update, bindFacts(update, file, contentChanged), file);
                    i = bindStatus(update, i, file, now);
                    update.setLong(i, id);
                    update.addBatch();
                    int k = bindFacts(keepUserDate, file, contentChanged);
                    k = bindStatus(keepUserDate, k, file, now);
                    keepUserDate.setLong(k, id);
                    keepUserDate.addBatch();
                    if (contentChanged) {
                        deleteMeta.setLong(1, id);
                        deleteMeta.addBatch();
                        if (file.metadata() != null) {
                            bindMetadata(insertMeta, id, file.metadata());
                            insertMeta.addBatch();
                        }
                    }
                }
                update.executeBatch();
                keepUserDate.executeBatch();
                deleteMeta.executeBatch();
                insertMeta.executeBatch();
            }
            return null;
        });
    }

    private int bindFacts(PreparedStatement statement, ScannedFile file, boolean contentChanged) throws SQLException {
        int i = bindFileColumns(statement, 1, file);
        // sha256: the new one when the bytes changed (null if the scan did not read them all), else kept unless now known.
        statement.setBoolean(i++, contentChanged);
        statement.setString(i++, file.sha256());
        statement.setString(i++, file.sha256());
        statement.setBoolean(i++, contentChanged);
        statement.setBoolean(i++, contentChanged);
        return i;
    }

    /** path, file_name, size_bytes, file_created_at, file_modified_at, mime_type, media_type, quick_hash. */
    private int bindFileColumns(PreparedStatement statement, int i, ScannedFile file) throws SQLException {
        statement.setString(i++, file.path());
        statement.setString(i++, file.fileName());
        statement.setLong(i++, file.sizeBytes());
        values.setInstant(statement, i++, file.fileCreatedAt());
        values.setInstant(statement, i++, file.fileModifiedAt());
        statement.setString(i++, file.mimeType());
        statement.setString(i++, file.mediaType().value());
        statement.setString(i++, file.quickHash());
        return i;
    }

    /** detected_at, detected_offset_minutes, timestamp_source, confidence. */
    private int bindCapture(PreparedStatement statement, int i, ScannedFile file) throws SQLException {
        CaptureDate capture = file.capture() == null ? CaptureDate.NONE : file.capture();
        values.setInstant(statement, i++, capture.detectedAt());
        SqlValues.setNullable(statement, i++, capture.offsetMinutes());
        SqlValues.setNullable(statement, i++, capture.source());
        statement.setString(i++, capture.confidence().value());
        return i;
    }

    private int bindStatus(PreparedStatement statement, int i, ScannedFile file, Instant now) throws SQLException {
        statement.setString(i++, file.status().value());
        statement.setString(i++, file.scanError());
        values.setInstant(statement, i++, now);
        values.setInstant(statement, i++, now);
        return i;
    }

    /**
     * A file organized to a new place: its row follows it (library, path, name), so the next scan
     * finds it where it is; {@code outputPath} is where organizing put it (absolute), or null.
     */
    public record Relocation(long fileId, long libraryId, String path, String outputPath) {
    }

    /** Moves rows with their files, in the caller's transaction (the organize journal's step). */
    public void relocate(List<Relocation> moves) {
        Instant now = Instants.now();
        jdbc.batchUpdate("UPDATE files SET library_id = ?, path = ?, file_name = ?, output_path = ?, updated_at = ? WHERE id = ?", moves, 500, (ps, move) -> {
            ps.setLong(1, move.libraryId());
            ps.setString(2, move.path());
            ps.setString(3, move.path().substring(move.path().lastIndexOf('/') + 1));
            ps.setString(4, move.outputPath());
            values.setInstant(ps, 5, now);
            ps.setLong(6, move.fileId());
        });
    }

    /** Where a copy of each file was organized to (absolute), or null when the copy is gone again; the rows stay with the originals. */
    public void recordOutputPaths(Map<Long, String> outputPaths) {
        Instant now = Instants.now();
        jdbc.batchUpdate("UPDATE files SET output_path = ?, updated_at = ? WHERE id = ?", List.copyOf(outputPaths.entrySet()), 500, (ps, entry) -> {
            ps.setString(1, entry.getValue());
            values.setInstant(ps, 2, now);
            ps.setLong(3, entry.getKey());
        });
    }

    /** Which of these paths (relative to the library) are catalogued, present or not, in lower case: a name organizing must not take. */
    public java.util.Set<String> cataloguedPathsLowerCase(long libraryId) {
        java.util.Set<String> paths = new java.util.HashSet<>();
        jdbc.query("SELECT path FROM files WHERE library_id = ?", rows -> {
            paths.add(rows.getString(1).toLowerCase(java.util.Locale.ROOT));
        }, libraryId);
        return paths;
    }

    /** Files that are gone from disk: kept, marked missing, never deleted. */
    @Transactional
    public int markMissing(Collection<Long> fileIds) {
        return setStatus(fileIds, FileStatus.MISSING);
    }

    /** Files that were missing and are back, unchanged. */
    @Transactional
    public int markPresent(Collection<Long> fileIds) {
        return setStatus(fileIds, FileStatus.PRESENT);
    }

    private int setStatus(Collection<Long> fileIds, FileStatus status) {
        if (fileIds.isEmpty()) return 0;
        Instant now = Instants.now();
        int[][] counts = jdbc.batchUpdate("UPDATE files SET status = ?, updated_at = ?, last_scanned_at = ? WHERE id = ?",
                fileIds, 500, (statement, id) -> {
                    statement.setString(1, status.value());
                    values.setInstant(statement, 2, now);
                    values.setInstant(statement, 3, now);
                    statement.setLong(4, id);
                });
        int total = 0;
        for (int[] chunk : counts) for (int n : chunk) total += Math.max(n, 0);
        return total;
    }

    private long insertFile(PreparedStatement statement, long libraryId, Long itemId, ScannedFile file, Instant now) throws SQLException {
        int i = 1;
        statement.setLong(i++, libraryId);
        SqlValues.setNullable(statement, i++, itemId);
        i = bindFileColumns(statement, i, file);
        statement.setString(i++, file.sha256());
        i = bindCapture(statement, i, file);
        statement.setString(i++, file.path()); // original_path: where it was first seen
        statement.setString(i++, file.status().value());
        statement.setString(i++, file.scanError());
        values.setInstant(statement, i++, now);
        values.setInstant(statement, i++, now);
        values.setInstant(statement, i, now);
        try (ResultSet key = statement.executeQuery()) {
            key.next();
            return key.getLong(1);
        }
    }

    private void bindMetadata(PreparedStatement statement, long fileId, FileMetadata m) throws SQLException {
        Object[] columns = {m.getDurationSeconds(), m.getWidth(), m.getHeight(), m.getFps(), m.getVideoCodec(),
                m.getAudioCodec(), m.getBitrate(), m.getSampleRate(), m.getChannels(), m.getArtist(), m.getAlbum(),
                m.getTitle(), m.getYear(), m.getGenre(), m.getCameraMake(), m.getCameraModel(), m.getLens(), m.getIso(),
                m.getAperture(), m.getShutterSpeed(), m.getFocalLength(), m.getOrientation(), m.getLatitude(),
                m.getLongitude(), m.getAltitude(), m.getLocationName(), m.getPageCount(), m.getLanguage()};
        statement.setLong(1, fileId);
        for (int i = 0; i < columns.length; i++) {
            SqlValues.setNullable(statement, i + 2, columns[i]);
        }
        statement.setString(columns.length + 2, m.getExtra() == null || m.getExtra().isEmpty() ? null : json.writeValueAsString(m.getExtra()));
    }

    /** Finds or creates people and genre tags by name, remembering them for the rest of the batch. */
    private static final class ItemWriter implements AutoCloseable {
        private final Connection connection;
        private final SqlValues values;
        private final Instant now;
        private final Map<String, Long> people = new HashMap<>();
        private final Map<String, Long> tags = new HashMap<>();
        private final Map<String, Long> studios = new HashMap<>();
        private final PreparedStatement insertItem;
        private final PreparedStatement linkPerson;
        private final PreparedStatement linkTag;
        private final PreparedStatement isbnTaken;

        ItemWriter(Connection connection, SqlValues values, Instant now) throws SQLException {
            this.connection = connection;
            this.values = values;
            this.now = now;
            this.insertItem = connection.prepareStatement(
                    "INSERT INTO items (kind, title, item_date, isbn, studio_id, details, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id");
            this.isbnTaken = connection.prepareStatement("SELECT EXISTS (SELECT 1 FROM items WHERE isbn = ?)");
            this.linkPerson = connection.prepareStatement(
                    "INSERT INTO item_people (item_id, person_id, role) VALUES (?, ?, ?) ON CONFLICT DO NOTHING");
            this.linkTag = connection.prepareStatement(
                    "INSERT INTO item_tags (item_id, tag_id, created_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING");
        }

        long create(ItemProposal proposal) throws SQLException {
            insertItem.setString(1, proposal.kind().value());
            insertItem.setString(2, proposal.title());
            values.setDate(insertItem, 3, proposal.itemDate());
            insertItem.setString(4, freeIsbn(proposal.isbn13()));
            if (proposal.studio() == null) insertItem.setNull(5, java.sql.Types.BIGINT);
            else insertItem.setLong(5, studio(proposal.studio()));
            insertItem.setString(6, proposal.details());
            values.setInstant(insertItem, 7, now);
            values.setInstant(insertItem, 8, now);
            long itemId = returnedId(insertItem);
            for (ItemProposal.Credit credit : proposal.people()) {
                Long personId = people.get(credit.name());
                if (personId == null) {
                    personId = person(credit.name());
                    people.put(credit.name(), personId);
                }
                linkPerson.setLong(1, itemId);
                linkPerson.setLong(2, personId);
                linkPerson.setString(3, credit.role().value());
                linkPerson.executeUpdate();
            }
            for (String genre : proposal.genres()) {
                String key = genre.toLowerCase(Locale.ROOT);
                Long tagId = tags.get(key);
                if (tagId == null) {
                    tagId = genreTag(genre);
                    tags.put(key, tagId);
                }
                linkTag.setLong(1, itemId);
                linkTag.setLong(2, tagId);
                values.setInstant(linkTag, 3, now);
                linkTag.executeUpdate();
            }
            return itemId;
        }

        /** An ISBN is unique among items: a second copy of a book keeps it in its file's metadata only. */
        private String freeIsbn(String isbn) throws SQLException {
            if (isbn == null) return null;
            isbnTaken.setString(1, isbn);
            try (ResultSet row = isbnTaken.executeQuery()) {
                row.next();
                return row.getBoolean(1) ? null : isbn;
            }
        }

        @Override
        public void close() throws SQLException {
            try (insertItem; linkPerson; linkTag; isbnTaken) {
                // closes the four statements
            }
        }

        private long person(String name) throws SQLException {
            return findOrCreate("SELECT id FROM people WHERE name = ? AND disambiguation IS NULL ORDER BY id LIMIT 1",
                    "INSERT INTO people (name, created_at, updated_at) VALUES (?, ?, ?) RETURNING id", name);
        }

        /** A publisher matches a studio of the same name in any case, so one publisher is one studio. */
        private long studio(String name) throws SQLException {
            String key = name.toLowerCase(Locale.ROOT);
            Long known = studios.get(key);
            if (known != null) return known;
            long id = findOrCreate("SELECT id FROM studios WHERE lower(name) = lower(?) ORDER BY id LIMIT 1",
                    "INSERT INTO studios (name, created_at, updated_at) VALUES (?, ?, ?) RETURNING id", name);
            studios.put(key, id);
            return id;
        }

        /** Genres match existing tags case-insensitively, as tag names are unique that way. */
        private long genreTag(String name) throws SQLException {
            return findOrCreate("SELECT id FROM tags WHERE lower(name) = lower(?)",
                    "INSERT INTO tags (name, category, created_at, updated_at) VALUES (?, 'genre', ?, ?) RETURNING id", name);
        }

        private long findOrCreate(String find, String insert, String name) throws SQLException {
            try (PreparedStatement query = connection.prepareStatement(find)) {
                query.setString(1, name);
                try (ResultSet row = query.executeQuery()) {
                    if (row.next()) return row.getLong(1);
                }
            }
            try (PreparedStatement create = connection.prepareStatement(insert)) {
                create.setString(1, name);
                values.setInstant(create, 2, now);
                values.setInstant(create, 3, now);
                return returnedId(create);
            }
        }

        private static long returnedId(PreparedStatement statement) throws SQLException {
            try (ResultSet key = statement.executeQuery()) {
                key.next();
                return key.getLong(1);
            }
        }
    }

}
