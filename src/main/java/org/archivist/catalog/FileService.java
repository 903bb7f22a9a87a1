package org.archivist.catalog;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import org.archivist.db.NotFoundException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Catalogued files as the API shows and serves them. */
@Service
public class FileService {

    /** A file's bytes on disk, where the catalogue says they are. */
    public record StoredFile(long id, Path path, String fileName, String mimeType, long sizeBytes, Instant modifiedAt, String sha256) {
    }

    /** A file whose capture date a person should look at: low or no confidence, candidates that disagree. */
    public record DateToReview(long fileId, long libraryId, String path, Instant detectedAt, Integer offsetMinutes,
                               TimestampSource source, Confidence confidence, Object candidates) {
    }

    private final CatalogFileRepository files;
    private final org.springframework.jdbc.core.JdbcTemplate jdbc;
    private final org.archivist.db.SqlValues values;
    private final tools.jackson.databind.json.JsonMapper json;

    FileService(CatalogFileRepository files, org.springframework.jdbc.core.JdbcTemplate jdbc, org.archivist.db.SqlValues values,
                tools.jackson.databind.json.JsonMapper json) {
        this.files = files;
        this.jdbc = jdbc;
        this.values = values;
        this.json = json;
    }

    /**
     * Whether the library has an XMP sidecar the scan catalogued, or found changed, after the time
     * (any, when null): another tool may have written edits there.
     */
    public boolean sidecarsChangedSince(long libraryId, Instant since) {
        String sql = "SELECT 1 FROM files WHERE library_id = ? AND status = 'present' AND lower(file_name) LIKE '%.xmp'"
                + (since == null ? "" : " AND (updated_at > ? OR created_at > ?)") + " LIMIT 1";
        return !jdbc.query(sql, ps -> {
            ps.setLong(1, libraryId);
            if (since != null) {
                values.setInstant(ps, 2, since);
                values.setInstant(ps, 3, since);
            }
        }, (rows, n) -> 1).isEmpty();
    }

    /** The file's capture date as stored now. */
    @Transactional(readOnly = true)
    public CaptureDate captureDate(long id) {
        CatalogFile file = find(id);
        return new CaptureDate(file.getDetectedAt(), file.getDetectedOffsetMinutes(), file.getTimestampSource(), file.getConfidence());
    }

    /** Stores a capture date (a person's, or the detected one it replaced); the next scans keep a person's. */
    @Transactional
    public void setCaptureDate(long id, CaptureDate date) {
        find(id);
        jdbc.update("UPDATE files SET detected_at = ?, detected_offset_minutes = ?, timestamp_source = ?, confidence = ?, updated_at = ? WHERE id = ?",
                ps -> {
                    values.setInstant(ps, 1, date.detectedAt());
                    org.archivist.db.SqlValues.setNullable(ps, 2, date.offsetMinutes());
                    org.archivist.db.SqlValues.setNullable(ps, 3, date.source() == null ? null : date.source().value());
                    ps.setString(4, date.confidence().value());
                    values.setInstant(ps, 5, org.archivist.db.Instants.now());
                    ps.setLong(6, id);
                });
    }

    /**
     * Present images and videos whose capture date has low or no confidence (candidates that
     * disagree lower it), in id order after {@code afterId}: a keyset page for a person to review.
     */
    @Transactional(readOnly = true)
    public List<DateToReview> datesToReview(Long libraryId, java.util.Set<Long> visible, long afterId, int limit) {
        if (visible != null && visible.isEmpty()) return List.of();
        String within = visible == null ? "" : " AND f.library_id IN (" + String.join(", ", java.util.Collections.nCopies(visible.size(), "?")) + ")";
        List<Object> arguments = new java.util.ArrayList<>(java.util.Arrays.asList(afterId, libraryId, libraryId, FileStatus.PRESENT.value(),
                MediaType.IMAGE.value(), MediaType.VIDEO.value(), Confidence.LOW.value(), Confidence.NONE.value(), TimestampSource.USER.value()));
        if (visible != null) arguments.addAll(new java.util.TreeSet<>(visible));
        arguments.add(limit);
        return jdbc.query("""
                SELECT f.id, f.library_id, f.path, f.detected_at, f.detected_offset_minutes, f.timestamp_source, f.confidence, m.extra
                FROM files f LEFT JOIN file_metadata m ON m.file_id = f.id
                WHERE f.id > ? AND (CAST(? AS BIGINT) IS NULL OR f.library_id = ?) AND f.status = ? AND f.media_type IN (?, ?)
                  AND f.confidence IN (?, ?) AND (f.timestamp_source IS NULL OR f.timestamp_source <> ?)""" + within + """
                 ORDER BY f.id LIMIT ?""", (rows, n) -> {
                    Integer offset = rows.getObject(5) == null ? null : rows.getInt(5);
                    String source = rows.getString(6);
                    String extra = rows.getString(8);
                    Object candidates = extra == null ? List.of() : json.readTree(extra).path("dateCandidates");
                    return new DateToReview(rows.getLong(1), rows.getLong(2), rows.getString(3), values.getInstant(rows, 4), offset,
                            source == null ? null : org.archivist.db.StoredEnum.fromValue(TimestampSource.class, source),
                            org.archivist.db.StoredEnum.fromValue(Confidence.class, rows.getString(7)), candidates);
                }, arguments.toArray());
    }

    /** What a thumbnail of the file is made from: its content (null until hashed) and its kind of media. */
    public record Content(long id, String sha256, MediaType mediaType) {
    }

    @Transactional(readOnly = true)
    public Content content(long id) {
        return jdbc.query("SELECT id, sha256, media_type FROM files WHERE id = ?", (rows, n) -> new Content(rows.getLong(1),
                rows.getString(2), org.archivist.db.StoredEnum.fromValue(MediaType.class, rows.getString(3))), id)
                .stream().findFirst().orElseThrow(() -> new NotFoundException("file", id));
    }

    /** One file's record with its metadata, as {@code archivist show} prints it. */
    @Transactional(readOnly = true)
    public FileSchemas.Response get(long id) {
        return FileSchemas.Response.of(find(id));
    }

    /**
     * Where the file's bytes are: always from the catalogue (library root and relative path), never
     * from a request, and never outside the library's root. A file no longer on disk is not found.
     */
    @Transactional(readOnly = true)
    public StoredFile stored(long id) {
        CatalogFile file = find(id);
        Path root = Path.of(file.getLibrary().getRootPath()).toAbsolutePath().normalize();
        Path path = root.resolve(file.getPath()).normalize();
        if (!path.startsWith(root)) throw new NotFoundException("file", id);
        if (file.getStatus() == FileStatus.MISSING || !Files.isRegularFile(path)) {
            throw new NotFoundException("file " + id + " (" + file.getPath() + " in library " + file.getLibrary().getName() + ") is not on disk any more");
        }
        // Size and time as they are on disk now: a file changed since its scan is served as it is, and its
        // validator says so (the SHA-256 only while the bytes are still those that were hashed).
        long size;
        Instant modified;
        try {
            size = Files.size(path);
            modified = Files.getLastModifiedTime(path).toInstant();
        } catch (java.io.IOException e) {
            throw new NotFoundException("file " + id + " (" + file.getPath() + ") cannot be read now");
        }
        boolean asCatalogued = size == file.getSizeBytes() && org.archivist.db.Instants.stored(modified).equals(file.getFileModifiedAt());
        return new StoredFile(id, path, file.getFileName(), file.getMimeType(), size, modified, asCatalogued ? file.getSha256() : null);
    }

    private CatalogFile find(long id) {
        return files.findById(id).orElseThrow(() -> new NotFoundException("file", id));
    }
}
