package org.archivist.plans;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.archivist.db.IllegalTransitionException;
import org.archivist.db.Instants;
import org.archivist.db.NotFoundException;
import org.archivist.db.SqlValues;
import org.archivist.jobs.JobContext;
import org.archivist.jobs.JobHandler;
import org.archivist.jobs.JobRunner;
import org.archivist.jobs.JobSpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Applies a plan's accepted changes, and undoes an applied plan, as jobs. Changes go in batches, one
 * transaction each, and each change is marked with its outcome in the same transaction as its
 * write: a job killed halfway and run again applies every change exactly once. A checkpoint after
 * each batch lets tests kill the work between two of them.
 */
@Service
public class PlanApplier {

    public static final String APPLY = "apply_plan";
    public static final String UNDO = "undo_plan";
    private static final Logger log = LoggerFactory.getLogger(PlanApplier.class);
    static final int BATCH = 500;

    public record ApplyJob(long planId) implements JobSpec {
        @Override
        public String type() {
            return APPLY;
        }

        @Override
        public String key() {
            return "plan:" + planId;
        }
    }

    public record UndoJob(long planId) implements JobSpec {
        @Override
        public String type() {
            return UNDO;
        }

        @Override
        public String key() {
            return "plan:" + planId;
        }
    }

    private final JdbcTemplate jdbc;
    private final SqlValues values;
    private final PlanFields fields;
    private final JobRunner runner;
    private final TransactionTemplate transactions;
    /** Called after each batch is committed (tests stop the work here). */
    private volatile java.util.function.Consumer<String> checkpoint = step -> { };

    PlanApplier(JdbcTemplate jdbc, SqlValues values, PlanFields fields, JobRunner runner, PlatformTransactionManager transactionManager) {
        this.jdbc = jdbc;
        this.values = values;
        this.fields = fields;
        this.runner = runner;
        this.transactions = new TransactionTemplate(transactionManager);
    }

    void setCheckpoint(java.util.function.Consumer<String> checkpoint) {
        this.checkpoint = checkpoint;
    }

    /** Queues the apply job of a plan under review. */
    public org.archivist.jobs.Job submitApply(long planId) {
        requireStatus(planId, "reviewing", "apply");
        return runner.submit(new ApplyJob(planId));
    }

    public org.archivist.jobs.Job submitUndo(long planId) {
        requireUndoable(planId);
        return runner.submit(new UndoJob(planId));
    }

    /** Applies the plan here to its end (the command line); answers the count of each outcome. */
    public Map<String, Integer> apply(long planId) {
        requireStatus(planId, "reviewing", "apply");
        return runner.runToEnd(new ApplyJob(planId), context -> runApply(planId, context), PlanApplier::stored).value();
    }

    public Map<String, Integer> undo(long planId) {
        requireUndoable(planId);
        return runner.runToEnd(new UndoJob(planId), context -> runUndo(planId, context), PlanApplier::stored).value();
    }

    private static Map<String, Object> stored(Map<String, Integer> outcomes) {
        return Map.of("outcomes", outcomes);
    }

    private String status(long planId) {
        List<String> status = jdbc.queryForList("SELECT status FROM analysis_plans WHERE id = ?", String.class, planId);
        if (status.isEmpty()) throw new NotFoundException("plan", planId);
        return status.get(0);
    }

    private void requireStatus(long planId, String wanted, String what) {
        String status = status(planId);
        if (!status.equals(wanted)) throw new IllegalTransitionException("plan " + planId, status, what);
    }

    private void requireUndoable(long planId) {
        requireStatus(planId, "applied", "undo");
    }

    Map<String, Integer> runApply(long planId, JobContext context) {
        long started = System.nanoTime();
        long total = count("SELECT count(*) FROM plan_changes WHERE plan_id = ? AND accepted = ?", planId, true);
        long done = count("SELECT count(*) FROM plan_changes WHERE plan_id = ? AND accepted = ? AND applied = ?", planId, true, true);
        long after = 0;
        while (!context.cancelled()) {
            List<PlanFields.Change> batch = changes("""
                    SELECT id, item_id, field, action, CAST(current_value AS TEXT), CAST(proposed_value AS TEXT), outcome, applied_at FROM plan_changes
                    WHERE plan_id = ? AND accepted = ? AND applied = ? AND id > ? ORDER BY id LIMIT""" + " " + BATCH, planId, true, false, after);
            if (batch.isEmpty()) break;
            after = batch.get(batch.size() - 1).id();
            transactions.executeWithoutResult(status -> record(batch, fields.applyAll(batch), true));
            done += batch.size();
            context.progress(done, total);
            checkpoint.accept("applied " + done);
        }
        if (context.cancelled()) return outcomes(planId);
        transactions.executeWithoutResult(status -> jdbc.update("UPDATE analysis_plans SET status = 'applied', applied_at = ? WHERE id = ? AND status = 'reviewing'",
                ps -> {
                    values.setInstant(ps, 1, Instants.now());
                    ps.setLong(2, planId);
                }));
        Map<String, Integer> outcomes = outcomes(planId);
        log.info("plan {} applied in {} s: {}", planId, Math.round((System.nanoTime() - started) / 1e7) / 100.0, outcomes);
        return outcomes;
    }

    Map<String, Integer> runUndo(long planId, JobContext context) {
        long total = count("SELECT count(*) FROM plan_changes WHERE plan_id = ? AND outcome IN ('applied', 'undone', 'kept')", planId);
        long done = count("SELECT count(*) FROM plan_changes WHERE plan_id = ? AND outcome IN ('undone', 'kept')", planId);
        long before = Long.MAX_VALUE;
        while (!context.cancelled()) {
            // The last change first: two changes to one field are taken back in the reverse of the order they were made.
            List<PlanFields.Change> batch = changes("""
                    SELECT id, item_id, field, action, CAST(current_value AS TEXT), CAST(proposed_value AS TEXT), outcome, applied_at FROM plan_changes
                    WHERE plan_id = ? AND outcome = 'applied' AND id < ? ORDER BY id DESC LIMIT""" + " " + BATCH, planId, before);
            if (batch.isEmpty()) break;
            before = batch.get(batch.size() - 1).id();
            transactions.executeWithoutResult(status -> {
                fields.hold(batch);
                record(batch, batch.stream().map(change -> outcome(() -> fields.undo(change))).toList(), false);
            });
            done += batch.size();
            context.progress(done, total);
            checkpoint.accept("undone " + done);
        }
        if (!context.cancelled()) {
            transactions.executeWithoutResult(status -> jdbc.update("UPDATE analysis_plans SET status = 'cancelled' WHERE id = ? AND status = 'applied'", planId));
        }
        return outcomes(planId);
    }

    /** A change whose stored value cannot be used (a hand-made plan with a bad value) is stale, with the reason; nothing was written. */
    private static PlanFields.Outcome outcome(java.util.function.Supplier<PlanFields.Outcome> work) {
        try {
            return work.get();
        } catch (IllegalArgumentException e) {
            return new PlanFields.Outcome("stale", e.getMessage());
        }
    }

    /** Each change's outcome, in one batch, in the transaction that made it. */
    private void record(List<PlanFields.Change> batch, List<PlanFields.Outcome> outcomes, boolean applying) {
        java.time.Instant now = Instants.now();
        List<Integer> positions = java.util.stream.IntStream.range(0, batch.size()).boxed().toList();
        jdbc.batchUpdate(applying ? "UPDATE plan_changes SET applied = ?, applied_at = ?, outcome = ?, outcome_detail = ? WHERE id = ?"
                : "UPDATE plan_changes SET applied = ?, applied_at = ?, outcome = ?, outcome_detail = ? WHERE id = ? AND outcome = 'applied'",
                positions, BATCH, (ps, i) -> {
                    PlanFields.Outcome outcome = outcomes.get(i);
                    ps.setBoolean(1, applying || !"undone".equals(outcome.outcome()));
                    values.setInstant(ps, 2, now);
                    ps.setString(3, outcome.outcome());
                    ps.setString(4, outcome.detail());
                    ps.setLong(5, batch.get(i).id());
                });
    }

    private List<PlanFields.Change> changes(String sql, Object... arguments) {
        return jdbc.query(sql, (rows, n) -> new PlanFields.Change(rows.getLong(1), rows.getLong(2), rows.getString(3),
                actionOf(rows.getString(4)), PlanValues.read(rows.getString(5)), PlanValues.read(rows.getString(6)),
                rows.getString(7), values.getInstant(rows, 8)), arguments);
    }

    private static ChangeAction actionOf(String action) {
        return org.archivist.db.StoredEnum.parse("action", ChangeAction.class, action);
    }

    private long count(String sql, Object... arguments) {
        return jdbc.queryForObject(sql, Long.class, arguments);
    }

    /** How many changes of the plan had each outcome. */
    Map<String, Integer> outcomes(long planId) {
        Map<String, Integer> outcomes = new TreeMap<>();
        jdbc.query("SELECT outcome, count(*) FROM plan_changes WHERE plan_id = ? AND outcome IS NOT NULL GROUP BY outcome",
                rows -> { outcomes.put(rows.getString(1), rows.getInt(2)); }, planId);
        return outcomes;
    }

    /** The two jobs, for the background workers. */
    @org.springframework.stereotype.Component
    static class ApplyHandler implements JobHandler<ApplyJob> {
        private final PlanApplier applier;

        ApplyHandler(PlanApplier applier) {
            this.applier = applier;
        }

        @Override
        public String type() {
            return APPLY;
        }

        @Override
        public Class<ApplyJob> specification() {
            return ApplyJob.class;
        }

        @Override
        public Map<String, Object> run(ApplyJob spec, JobContext context) {
            return stored(applier.runApply(spec.planId(), context));
        }
    }

    @org.springframework.stereotype.Component
    static class UndoHandler implements JobHandler<UndoJob> {
        private final PlanApplier applier;

        UndoHandler(PlanApplier applier) {
            this.applier = applier;
        }

        @Override
        public String type() {
            return UNDO;
        }

        @Override
        public Class<UndoJob> specification() {
            return UndoJob.class;
        }

        @Override
        public Map<String, Object> run(UndoJob spec, JobContext context) {
            return stored(applier.runUndo(spec.planId(), context));
        }
    }
}
