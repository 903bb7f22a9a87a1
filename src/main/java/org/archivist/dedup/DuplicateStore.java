package org.archivist.dedup;

import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.archivist.db.Instants;
import org.archivist.db.SqlValues;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reads the catalogue the way duplicate detection needs it (whole-table passes in SQL, not one
 * entity at a time) and keeps the {@code duplicates} rows in step with what detection found.
 */
@Repository
class DuplicateStore {

    /** What deciding between copies needs of a file. */
    record Candidate(long id, String absolutePath, long sizeBytes, String quickHash, String sha256, Long phash,
                     String mediaType, Double durationSeconds, Instant detectedAt, String confidence,
                     Instant fileModifiedAt) {
    }

    /** One recorded match: {@code fileId} is a copy of {@code originalId}. */
    record Match(long fileId, long originalId, String matchType, double similarity) {
        String key() {
            return fileId + ":" + originalId + ":" + matchType;
        }
    }

    private static final String CANDIDATE_COLUMNS = """
            f.id, l.root_path, f.path, f.size_bytes, f.quick_hash, f.sha256, f.phash, f.media_type,
            m.duration_seconds, f.detected_at, f.confidence, f.file_modified_at
            FROM files f JOIN libraries l ON l.id = f.library_id LEFT JOIN file_metadata m ON m.file_id = f.id""";

    private final JdbcTemplate jdbc;
    private final SqlValues values;

    DuplicateStore(JdbcTemplate jdbc, SqlValues values) {
        this.jdbc = jdbc;
        this.values = values;
    }

    /**
     * Non-empty files on disk that share their size and quick hash with another: a file whose
     * metadata could not be read (status error) is still bytes, and can still be a copy.
     */
    @Transactional(readOnly = true)
    List<Candidate> sameSizeAndQuickHash() {
        // One grouping pass over the files, then the members of the groups by index: a third faster
        // than asking for each file whether another has its size and quick hash.
        return jdbc.query("SELECT " + CANDIDATE_COLUMNS + """
                 JOIN (SELECT size_bytes AS shared_size, quick_hash AS shared_hash FROM files
                       WHERE status <> 'missing' AND size_bytes > 0 AND quick_hash IS NOT NULL
                       GROUP BY size_bytes, quick_hash HAVING count(*) > 1) shared
                   ON f.size_bytes = shared.shared_size AND f.quick_hash = shared.shared_hash
                WHERE f.status <> 'missing'
                ORDER BY f.size_bytes, f.quick_hash, f.id""", (rows, n) -> candidate(rows));
    }

    /** Present images and videos whose perceptual hash says something about the picture. */
    @Transactional(readOnly = true)
    List<Candidate> withPerceptualHash() {
        return jdbc.query("SELECT " + CANDIDATE_COLUMNS + """
                 WHERE f.status = 'present' AND f.phash IS NOT NULL AND f.media_type IN ('image', 'video')
                ORDER BY f.id""", (rows, n) -> candidate(rows));
    }

    private Candidate candidate(java.sql.ResultSet rows) throws java.sql.SQLException {
        long phash = rows.getLong(7);
        Long phashValue = rows.wasNull() ? null : phash;
        double duration = rows.getDouble(9);
        Double durationValue = rows.wasNull() ? null : duration;
        return new Candidate(rows.getLong(1), java.nio.file.Path.of(rows.getString(2)).resolve(rows.getString(3)).toString(),
                rows.getLong(4), rows.getString(5), rows.getString(6), phashValue, rows.getString(8), durationValue,
                values.getInstant(rows, 10), rows.getString(11), values.getInstant(rows, 12));
    }

    /**
     * Makes the rows of one match type exactly {@code wanted}: stale rows go, new rows come, rows
     * that still hold keep their detection time. Returns {added, removed}.
     */
    @Transactional
    int[] replace(String matchType, Collection<Match> wanted) {
        Set<String> existing = new HashSet<>(jdbc.queryForList(
                "SELECT file_id || ':' || duplicate_of_id || ':' || match_type FROM duplicates WHERE match_type = ?", String.class, matchType));
        Set<String> wantedKeys = new HashSet<>();
        List<Match> added = new ArrayList<>();
        for (Match match : wanted) {
            wantedKeys.add(match.key());
            if (!existing.contains(match.key())) added.add(match);
        }
        List<long[]> removed = new ArrayList<>();
        for (String key : existing) {
            if (!wantedKeys.contains(key)) {
                String[] parts = key.split(":");
                removed.add(new long[] {Long.parseLong(parts[0]), Long.parseLong(parts[1])});
            }
        }
        Instant now = Instants.now();
        jdbc.execute((ConnectionCallback<Void>) connection -> {
            try (PreparedStatement delete = connection.prepareStatement(
                    "DELETE FROM duplicates WHERE file_id = ? AND duplicate_of_id = ? AND match_type = ?");
                 PreparedStatement insert = connection.prepareStatement(
                         "INSERT INTO duplicates (file_id, duplicate_of_id, match_type, similarity, detected_at) VALUES (?, ?, ?, ?, ?)")) {
                for (long[] pair : removed) {
                    delete.setLong(1, pair[0]);
                    delete.setLong(2, pair[1]);
                    delete.setString(3, matchType);
                    delete.addBatch();
                }
                delete.executeBatch();
                for (Match match : added) {
                    insert.setLong(1, match.fileId());
                    insert.setLong(2, match.originalId());
                    insert.setString(3, matchType);
                    insert.setDouble(4, match.similarity());
                    values.setInstant(insert, 5, now);
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            return null;
        });
        return new int[] {added.size(), removed.size()};
    }
}
