package org.archivist.decisions;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.archivist.catalog.CaptureDate;
import org.archivist.catalog.Confidence;
import org.archivist.catalog.FileService;
import org.archivist.catalog.TimestampSource;
import org.archivist.db.NotFoundException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A person's capture date for a file: stored on the file (source {@code user}, confidence high, kept
 * by every later scan) and recorded in the decision log with the value it replaced, so taking it
 * back returns exactly to the detected date.
 */
@Service
public class CaptureDateService {

    /** A date as a person gives it: the local wall-clock time and, when known, its offset from UTC. */
    public record UserDate(LocalDateTime localTime, Integer offsetMinutes) {
        void check() {
            if (localTime == null) throw new IllegalArgumentException("localTime: required, e.g. 2024-07-14T18:02:11");
            if (localTime.getYear() < 1 || localTime.getYear() > 9999) throw new IllegalArgumentException("localTime: the year must be 1-9999");
            if (offsetMinutes != null && (offsetMinutes < -1080 || offsetMinutes > 1080)) {
                throw new IllegalArgumentException("offsetMinutes: " + offsetMinutes + " is outside -1080..1080 (no time zone is further from UTC)");
            }
        }
    }

    private final FileService files;
    private final DecisionLog decisions;
    private final JdbcTemplate jdbc;
    private final JsonMapper json;

    CaptureDateService(FileService files, DecisionLog decisions, JdbcTemplate jdbc, JsonMapper json) {
        this.files = files;
        this.decisions = decisions;
        this.jdbc = jdbc;
        this.json = json;
    }

    /** Sets a person's date; returns the file's date as now stored. */
    @Transactional
    public CaptureDate set(long fileId, UserDate date) {
        date.check();
        CaptureDate before = files.captureDate(fileId);
        // Stored as every capture date is: UTC when the offset is known, else the wall clock read as UTC.
        Instant at = date.localTime().truncatedTo(ChronoUnit.MILLIS)
                .toInstant(date.offsetMinutes() == null ? ZoneOffset.UTC : ZoneOffset.ofTotalSeconds(date.offsetMinutes() * 60));
        CaptureDate chosen = new CaptureDate(at, date.offsetMinutes(), TimestampSource.USER, Confidence.HIGH);
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("set", describe(chosen));
        // The first override remembers the detected date; a later one remembers that same original.
        value.put("replaced", before.source() == TimestampSource.USER ? original(fileId) : describe(before));
        files.setCaptureDate(fileId, chosen);
        decisions.record(fileId, DecisionType.TIMESTAMP_OVERRIDE, value);
        return chosen;
    }

    /** Takes a person's date back: the file returns to the date that was detected before any override. */
    @Transactional
    public CaptureDate revert(long fileId) {
        CaptureDate now = files.captureDate(fileId);
        if (now.source() != TimestampSource.USER) throw new NotFoundException("file " + fileId + " has no date set by a person");
        Map<String, Object> original = original(fileId);
        CaptureDate detected = new CaptureDate(original.get("detectedAt") == null ? null : Instant.parse((String) original.get("detectedAt")),
                (Integer) original.get("offsetMinutes"),
                original.get("source") == null ? null : org.archivist.db.StoredEnum.fromValue(TimestampSource.class, (String) original.get("source")),
                org.archivist.db.StoredEnum.fromValue(Confidence.class, (String) original.get("confidence")));
        files.setCaptureDate(fileId, detected);
        decisions.markApplied(fileId, DecisionType.TIMESTAMP_OVERRIDE);
        return detected;
    }

    /** What the last not-yet-reverted override replaced (the detected date). */
    private Map<String, Object> original(long fileId) {
        List<String> recorded = jdbc.queryForList("""
                SELECT decision_value FROM user_decisions WHERE file_id = ? AND decision_type = ? AND applied_at IS NULL ORDER BY id""",
                String.class, fileId, DecisionType.TIMESTAMP_OVERRIDE.value());
        if (recorded.isEmpty()) throw new IllegalStateException("file " + fileId + " has a person's date but no recorded decision");
        JsonNode replaced = json.readTree(recorded.get(0)).path("replaced");
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("detectedAt", replaced.path("detectedAt").isNull() || replaced.path("detectedAt").isMissingNode() ? null : replaced.get("detectedAt").asString());
        value.put("offsetMinutes", replaced.path("offsetMinutes").isIntegralNumber() ? replaced.get("offsetMinutes").asInt() : null);
        value.put("source", replaced.path("source").isString() ? replaced.get("source").asString() : null);
        value.put("confidence", replaced.path("confidence").isString() ? replaced.get("confidence").asString() : Confidence.NONE.value());
        return value;
    }

    private static Map<String, Object> describe(CaptureDate date) {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("detectedAt", date.detectedAt() == null ? null : date.detectedAt().toString());
        value.put("offsetMinutes", date.offsetMinutes());
        value.put("source", date.source() == null ? null : date.source().value());
        value.put("confidence", date.confidence().value());
        return value;
    }
}
