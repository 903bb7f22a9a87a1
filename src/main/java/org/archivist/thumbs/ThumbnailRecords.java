package org.archivist.thumbs;

import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.archivist.db.SqlValues;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** The {@code thumbnails} table: what was made for each content, or why it could not be. */
@Repository
@Transactional
class ThumbnailRecords {

    /** One content's pictures: made in {@code format} by {@code engine}, or failed with {@code error}. */
    record Made(String sha256, boolean ready, String format, String engine, String error) {
    }

    private final JdbcTemplate jdbc;
    private final SqlValues values;

    ThumbnailRecords(JdbcTemplate jdbc, SqlValues values) {
        this.jdbc = jdbc;
        this.values = values;
    }

    @Transactional(readOnly = true)
    Made find(String sha256) {
        return jdbc.query("SELECT sha256, status, format, engine, error FROM thumbnails WHERE sha256 = ?", (r, n) -> made(r), sha256)
                .stream().findFirst().orElse(null);
    }

    @Transactional(readOnly = true)
    Map<String, Made> find(Collection<String> sha256s) {
        Map<String, Made> found = new HashMap<>();
        if (sha256s.isEmpty()) return found;
        jdbc.query("SELECT sha256, status, format, engine, error FROM thumbnails WHERE sha256 IN ("
                + String.join(", ", Collections.nCopies(sha256s.size(), "?")) + ")", rows -> {
            Made made = made(rows);
            found.put(made.sha256(), made);
        }, sha256s.toArray());
        return found;
    }

    private static Made made(java.sql.ResultSet r) throws java.sql.SQLException {
        return new Made(r.getString(1), "ready".equals(r.getString(2)), r.getString(3), r.getString(4), r.getString(5));
    }

    void ready(String sha256, String format, String engine) {
        upsert(sha256, "ready", format, engine, null);
    }

    void failed(String sha256, String engine, String error) {
        upsert(sha256, "failed", null, engine, error.length() > 2000 ? error.substring(0, 2000) : error);
    }

    private void upsert(String sha256, String status, String format, String engine, String error) {
        jdbc.update("DELETE FROM thumbnails WHERE sha256 = ?", sha256);
        jdbc.update("INSERT INTO thumbnails (sha256, status, format, engine, error, made_at) VALUES (?, ?, ?, ?, ?, ?)",
                ps -> {
                    ps.setString(1, sha256);
                    ps.setString(2, status);
                    ps.setString(3, format);
                    ps.setString(4, engine);
                    ps.setString(5, error);
                    values.setInstant(ps, 6, org.archivist.db.Instants.now());
                });
    }

    /** The next recorded contents after {@code after}, in order: a cursor over the whole table. */
    @Transactional(readOnly = true)
    List<String> after(String after, int limit) {
        return jdbc.queryForList("SELECT sha256 FROM thumbnails WHERE sha256 > ? ORDER BY sha256 LIMIT ?", String.class, after, limit);
    }

    void delete(String sha256) {
        jdbc.update("DELETE FROM thumbnails WHERE sha256 = ?", sha256);
    }
}
