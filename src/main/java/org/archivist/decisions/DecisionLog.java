package org.archivist.decisions;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import org.archivist.db.Instants;
import org.archivist.db.SqlValues;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import tools.jackson.databind.json.JsonMapper;

/**
 * The log of people's decisions about files ({@code user_decisions}): the one writer of that
 * table. Other features record and settle decisions here, inside their own transaction.
 */
@Service
public class DecisionLog {

    /** Two files a person said are not duplicates, the smaller id first. */
    public record FilePair(long first, long second) {
        public static FilePair of(long a, long b) {
            return a < b ? new FilePair(a, b) : new FilePair(b, a);
        }
    }

    private final JdbcTemplate jdbc;
    private final SqlValues values;
    private final JsonMapper json;

    DecisionLog(JdbcTemplate jdbc, SqlValues values, JsonMapper json) {
        this.jdbc = jdbc;
        this.values = values;
        this.json = json;
    }

    /** Records a decision; {@code value} is stored as its JSON object. */
    @Transactional
    public void record(long fileId, DecisionType type, Map<String, Object> value) {
        jdbc.update("INSERT INTO user_decisions (file_id, decision_type, decision_value, decided_at) VALUES (?, ?, "
                + values.jsonParameter() + ", ?)", ps -> {
            ps.setLong(1, fileId);
            ps.setString(2, type.value());
            ps.setString(3, json.writeValueAsString(value));
            values.setInstant(ps, 4, Instants.now());
        });
    }

    /** Keep or discard: replaces the file's earlier keep/discard decision that was not carried out yet. */
    @Transactional
    public void decideDuplicate(long fileId, DecisionType type, Map<String, Object> value) {
        if (type != DecisionType.KEEP_DUPLICATE && type != DecisionType.DISCARD_DUPLICATE) {
            throw new IllegalArgumentException("decision: " + type.value() + " is not a keep or discard decision");
        }
        jdbc.update("DELETE FROM user_decisions WHERE file_id = ? AND decision_type IN (?, ?) AND applied_at IS NULL",
                fileId, DecisionType.KEEP_DUPLICATE.value(), DecisionType.DISCARD_DUPLICATE.value());
        record(fileId, type, value);
    }

    /** Withdraws the file's keep or discard decision that was not carried out yet (none: nothing happens). */
    @Transactional
    public void withdrawDuplicateDecision(long fileId) {
        jdbc.update("DELETE FROM user_decisions WHERE file_id = ? AND decision_type IN (?, ?) AND applied_at IS NULL",
                fileId, DecisionType.KEEP_DUPLICATE.value(), DecisionType.DISCARD_DUPLICATE.value());
    }

    /** The file's pending decisions of this type were carried out now. */
    @Transactional
    public void markApplied(long fileId, DecisionType type) {
        jdbc.update("UPDATE user_decisions SET applied_at = ? WHERE file_id = ? AND decision_type = ? AND applied_at IS NULL", ps -> {
            values.setInstant(ps, 1, Instants.now());
            ps.setLong(2, fileId);
            ps.setString(3, type.value());
        });
    }

    /** Every pair of files a person said are not duplicates. */
    @Transactional(readOnly = true)
    public Set<FilePair> notDuplicatePairs() {
        Set<FilePair> pairs = new HashSet<>();
        jdbc.query("SELECT file_id, decision_value FROM user_decisions WHERE decision_type = ?", rows -> {
            var other = json.readTree(rows.getString(2)).path("other_file_id");
            if (other.isIntegralNumber()) pairs.add(FilePair.of(rows.getLong(1), other.asLong()));
        }, DecisionType.NOT_DUPLICATE.value());
        return pairs;
    }
}
