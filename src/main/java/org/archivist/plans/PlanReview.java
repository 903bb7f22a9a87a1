package org.archivist.plans;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.archivist.db.IllegalTransitionException;
import org.archivist.db.NotFoundException;
import org.archivist.db.SqlValues;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import tools.jackson.databind.JsonNode;

/**
 * Reviewing a plan: its summary, its changes page by page filtered by field, rule, confidence and
 * verdict, and verdicts on one change, a selection, or every change a filter matches (for example
 * everything above a confidence). Verdicts are taken only while the plan is under review.
 */
@Service
public class PlanReview {

    /** Which changes: any of these left null matches all; {@code verdict} is accepted, rejected or unreviewed. */
    public record Filter(String field, String rule, Double minConfidence, Double maxConfidence, String verdict, String outcome, Long itemId) {
        public static final Filter ALL = new Filter(null, null, null, null, null, null, null);
    }

    public record ChangeRow(long id, long itemId, String field, String action, JsonNode currentValue, JsonNode proposedValue, Double confidence,
                            String rule, Boolean accepted, boolean applied, String outcome, String outcomeDetail) {
    }

    public record ChangePage(List<ChangeRow> changes, Long next) {
    }

    public record Summary(long id, String name, String status, Instant createdAt, Instant appliedAt, Map<String, Object> metadata,
                          Map<String, Long> verdicts, Map<String, Long> outcomes) {
    }

    private final JdbcTemplate jdbc;
    private final SqlValues values;

    PlanReview(JdbcTemplate jdbc, SqlValues values) {
        this.jdbc = jdbc;
        this.values = values;
    }

    @Transactional(readOnly = true)
    public List<Summary> plans() {
        List<Long> ids = jdbc.queryForList("SELECT id FROM analysis_plans ORDER BY id DESC LIMIT 200", Long.class);
        List<Summary> plans = new ArrayList<>();
        for (long id : ids) plans.add(summary(id));
        return plans;
    }

    @Transactional(readOnly = true)
    public Summary summary(long planId) {
        List<Summary> found = jdbc.query("SELECT id, name, status, created_at, applied_at, CAST(metadata AS TEXT) FROM analysis_plans WHERE id = ?",
                (rows, n) -> {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> metadata = PlanValues.JSON.readValue(rows.getString(6), Map.class);
                    return new Summary(rows.getLong(1), rows.getString(2), rows.getString(3), values.getInstant(rows, 4), values.getInstant(rows, 5),
                            metadata, new LinkedHashMap<>(), new LinkedHashMap<>());
                }, planId);
        if (found.isEmpty()) throw new NotFoundException("plan", planId);
        Summary summary = found.get(0);
        jdbc.query("""
                SELECT CASE WHEN accepted IS NULL THEN 'unreviewed' WHEN accepted = ? THEN 'accepted' ELSE 'rejected' END, count(*)
                FROM plan_changes WHERE plan_id = ? GROUP BY 1""", rows -> { summary.verdicts().put(rows.getString(1), rows.getLong(2)); }, true, planId);
        jdbc.query("SELECT outcome, count(*) FROM plan_changes WHERE plan_id = ? AND outcome IS NOT NULL GROUP BY outcome",
                rows -> { summary.outcomes().put(rows.getString(1), rows.getLong(2)); }, planId);
        return summary;
    }

    /** A page of the plan's changes by id, after {@code after}. */
    @Transactional(readOnly = true)
    public ChangePage changes(long planId, Filter filter, Long after, int limit) {
        summary(planId);
        if (limit < 1 || limit > 1000) throw new IllegalArgumentException("limit: must be between 1 and 1000, got " + limit);
        List<Object> arguments = new ArrayList<>(List.of(planId, after == null ? 0L : after));
        String where = conditions(filter, arguments);
        arguments.add(limit + 1);
        List<ChangeRow> rows = jdbc.query("""
                SELECT id, item_id, field, action, CAST(current_value AS TEXT), CAST(proposed_value AS TEXT), confidence, rule, accepted, applied,
                       outcome, outcome_detail
                FROM plan_changes WHERE plan_id = ? AND id > ?""" + where + " ORDER BY id LIMIT ?", (r, n) -> {
            boolean accepted = r.getBoolean(9);
            Boolean verdict = r.wasNull() ? null : accepted;
            return new ChangeRow(r.getLong(1), r.getLong(2), r.getString(3), r.getString(4), PlanValues.read(r.getString(5)),
                    PlanValues.read(r.getString(6)), SqlValues.getDouble(r, 7), r.getString(8), verdict, r.getBoolean(10), r.getString(11), r.getString(12));
        }, arguments.toArray());
        boolean more = rows.size() > limit;
        List<ChangeRow> page = more ? rows.subList(0, limit) : rows;
        return new ChangePage(List.copyOf(page), more ? page.get(page.size() - 1).id() : null);
    }

    /**
     * Accepts or rejects the changes named by id (all when null) that the filter matches; answers how
     * many changed. Only a plan under review takes verdicts.
     */
    @Transactional
    public int decide(long planId, List<Long> ids, Filter filter, boolean accepted) {
        String status = summary(planId).status();
        if (!status.equals("reviewing")) throw new IllegalTransitionException("plan " + planId, status, accepted ? "accept" : "reject");
        refuseWhileApplying(planId, accepted ? "accept" : "reject");
        if (ids != null && ids.isEmpty()) throw new IllegalArgumentException("ids: name at least one change, or none to decide by the filter");
        if (ids != null && ids.size() > 100_000) throw new IllegalArgumentException("ids: at most 100,000 at once, got " + ids.size());
        List<Object> arguments = new ArrayList<>(List.of(accepted, planId));
        String where = conditions(filter, arguments);
        if (ids == null) return jdbc.update("UPDATE plan_changes SET accepted = ? WHERE plan_id = ?" + where, arguments.toArray());
        int changed = 0;
        for (int from = 0; from < ids.size(); from += 500) {
            List<Long> chunk = ids.subList(from, Math.min(ids.size(), from + 500));
            List<Object> withIds = new ArrayList<>(arguments);
            withIds.addAll(chunk);
            changed += jdbc.update("UPDATE plan_changes SET accepted = ? WHERE plan_id = ?" + where + " AND id IN ("
                    + String.join(", ", java.util.Collections.nCopies(chunk.size(), "?")) + ")", withIds.toArray());
        }
        return changed;
    }

    private static String conditions(Filter filter, List<Object> arguments) {
        StringBuilder where = new StringBuilder();
        if (filter.field() != null) {
            if (!AnalysisSettings.FIELDS.contains(filter.field())) throw new IllegalArgumentException("field: '" + filter.field() + "' is not a field; the fields are "
                    + new java.util.TreeSet<>(AnalysisSettings.FIELDS));
            where.append(" AND field = ?");
            arguments.add(filter.field());
        }
        if (filter.rule() != null) {
            where.append(" AND rule = ?");
            arguments.add(filter.rule());
        }
        if (filter.minConfidence() != null) {
            where.append(" AND confidence >= ?");
            arguments.add(confidence("minConfidence", filter.minConfidence()));
        }
        if (filter.maxConfidence() != null) {
            where.append(" AND confidence <= ?");
            arguments.add(confidence("maxConfidence", filter.maxConfidence()));
        }
        if (filter.verdict() != null) {
            switch (filter.verdict()) {
                case "accepted" -> {
                    where.append(" AND accepted = ?");
                    arguments.add(true);
                }
                case "rejected" -> {
                    where.append(" AND accepted = ?");
                    arguments.add(false);
                }
                case "unreviewed" -> where.append(" AND accepted IS NULL");
                default -> throw new IllegalArgumentException("verdict: '" + filter.verdict() + "' is not one of accepted, rejected, unreviewed");
            }
        }
        if (filter.outcome() != null) {
            where.append(" AND outcome = ?");
            arguments.add(filter.outcome());
        }
        if (filter.itemId() != null) {
            where.append(" AND item_id = ?");
            arguments.add(filter.itemId());
        }
        return where.toString();
    }

    private static double confidence(String name, double value) {
        if (value < 0 || value > 1 || Double.isNaN(value)) throw new IllegalArgumentException(name + ": must be between 0 and 1, got " + value);
        return value;
    }

    /** Cancels a plan not yet applied: nothing of it will be. */
    @Transactional
    public void cancel(long planId) {
        String status = summary(planId).status();
        if (!status.equals("draft") && !status.equals("reviewing")) throw new IllegalTransitionException("plan " + planId, status, "cancelled");
        refuseWhileApplying(planId, "cancel");
        if (jdbc.update("UPDATE analysis_plans SET status = 'cancelled' WHERE id = ? AND status IN ('draft', 'reviewing')", planId) == 0) {
            throw new IllegalTransitionException("plan " + planId, summary(planId).status(), "cancelled");
        }
    }

    /**
     * A plan whose apply has begun (a change written, or its job queued or running) takes no more verdicts
     * and cannot be cancelled: what it wrote could then never be undone. Running apply again finishes it.
     */
    private void refuseWhileApplying(long planId, String what) {
        boolean begun = !jdbc.queryForList("SELECT 1 FROM plan_changes WHERE plan_id = ? AND applied = ? LIMIT 1", Integer.class, planId, true).isEmpty();
        boolean queued = !jdbc.queryForList("SELECT 1 FROM jobs WHERE type = ? AND status IN ('pending', 'running', 'failed') AND CAST(params AS TEXT) LIKE ?",
                Integer.class, PlanApplier.APPLY, "%\"plan:" + planId + "\"%").isEmpty();
        if (begun || queued) {
            throw new IllegalTransitionException("plan " + planId + " (its apply has begun: run apply again to finish it)", "applying", what);
        }
    }
}
