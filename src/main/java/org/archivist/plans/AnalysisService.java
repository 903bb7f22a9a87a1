package org.archivist.plans;

import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.archivist.catalog.ItemFields;
import org.archivist.db.Instants;
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
 * Runs the rules over the catalogue and writes what they propose as a plan to review: nothing in
 * the catalogue changes. Each proposal passes the plan's policies, the field locks and the least
 * confidence; two rules proposing the same change give one change (the surer). A run is a job; one
 * killed halfway leaves a draft that the next run of the job replaces.
 */
@Service
public class AnalysisService implements JobHandler<AnalysisService.AnalysisJob> {

    public static final String JOB_TYPE = "analysis";
    private static final Logger log = LoggerFactory.getLogger(AnalysisService.class);
    private static final int BATCH = 2_000;

    /**
     * One analysis: the plan's name, its settings, and who asked (null: the machine's owner).
     * {@code onlyIfAny}: an analysis the server started by itself leaves no plan when it found nothing.
     */
    public record AnalysisJob(String name, AnalysisSettings settings, Long createdBy, boolean onlyIfAny) implements JobSpec {
        public AnalysisJob(String name, AnalysisSettings settings, Long createdBy) {
            this(name, settings, createdBy, false);
        }

        @Override
        public String type() {
            return JOB_TYPE;
        }

        /** The same analysis asked for twice while it runs is one job; another name or other settings are another. */
        @Override
        public String key() {
            return "analysis:" + Integer.toHexString(java.util.Objects.hash(name, settings.stored()));
        }
    }

    private final JdbcTemplate jdbc;
    private final SqlValues values;
    private final ItemFields fields;
    private final List<AnalysisRule> rules;
    private final JobRunner runner;
    private final TransactionTemplate transactions;

    AnalysisService(JdbcTemplate jdbc, SqlValues values, ItemFields fields, List<AnalysisRule> rules, JobRunner runner,
                    PlatformTransactionManager transactionManager) {
        this.jdbc = jdbc;
        this.values = values;
        this.fields = fields;
        this.rules = rules;
        this.runner = runner;
        this.transactions = new TransactionTemplate(transactionManager);
    }

    /** Checks the settings (refusing a wrong one, named) and queues the analysis; its job's result names the plan. */
    public org.archivist.jobs.Job submit(AnalysisJob job) {
        check(job.settings());
        return runner.submit(job);
    }

    /** Runs an analysis here to its end (the command line); answers the plan's id. */
    public long analyze(AnalysisJob job) {
        check(job.settings());
        return runner.runToEnd(job, context -> analyze(job, context), planId -> Map.<String, Object>of("planId", planId)).value();
    }

    private void check(AnalysisSettings settings) {
        if (settings.libraryId() != null && jdbc.queryForList("SELECT 1 FROM libraries WHERE id = ?", Integer.class, settings.libraryId()).isEmpty()) {
            throw new org.archivist.db.NotFoundException("library", settings.libraryId());
        }
        for (AnalysisRule rule : rules) if (settings.rules().containsKey(rule.name())) rule.check(settings);
    }

    @Override
    public String type() {
        return JOB_TYPE;
    }

    @Override
    public Class<AnalysisJob> specification() {
        return AnalysisJob.class;
    }

    @Override
    public Map<String, Object> run(AnalysisJob spec, JobContext context) {
        long planId = analyze(spec, context);
        return planId == NO_PLAN ? Map.of("changes", 0) : Map.of("planId", planId);
    }

    /** What {@link #analyze(AnalysisJob, JobContext)} answers for an analysis that was to leave no plan and found nothing. */
    static final long NO_PLAN = -1;

    long analyze(AnalysisJob spec, JobContext context) {
        long started = System.nanoTime();
        AnalysisSettings settings = spec.settings();
        // A run of this job that died left a draft: it is replaced, not continued (proposals are cheap to make again).
        List<Long> left = new ArrayList<>();
        jdbc.query("SELECT id, CAST(metadata AS TEXT) FROM analysis_plans WHERE status = 'draft'", rows -> {
            if (PlanValues.JSON.readTree(rows.getString(2)).path("jobId").asLong(-1) == context.jobId()) left.add(rows.getLong(1));
        });
        for (long draft : left) transactions.executeWithoutResult(status -> jdbc.update("DELETE FROM analysis_plans WHERE id = ?", draft));
        Catalogue catalogue = Catalogue.load(jdbc, values, settings.libraryId(), fields.allLocks());
        Map<String, Proposal> kept = new LinkedHashMap<>();
        Map<String, Integer> dropped = new TreeMap<>();
        for (AnalysisRule rule : rules) {
            if (!settings.rules().containsKey(rule.name())) continue;
            rule.propose(catalogue, settings, proposal -> {
                String why = refusal(proposal, settings, catalogue);
                if (why != null) {
                    dropped.merge(why, 1, Integer::sum);
                    return;
                }
                kept.merge(proposal.key(), proposal, (a, b) -> a.confidence() >= b.confidence() ? a : b);
            });
        }
        if (spec.onlyIfAny() && kept.isEmpty()) {
            log.info("analysis '{}': nothing to propose, no plan made", spec.name());
            return NO_PLAN;
        }
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("jobId", context.jobId());
        metadata.put("settings", settings.stored());
        long planId = insertPlan(spec, metadata);
        List<Proposal> proposals = new ArrayList<>(kept.values());
        for (int from = 0; from < proposals.size(); from += BATCH) {
            List<Proposal> batch = proposals.subList(from, Math.min(proposals.size(), from + BATCH));
            transactions.executeWithoutResult(status -> insertChanges(planId, batch));
            context.progress(from + batch.size(), (long) proposals.size());
        }
        Map<String, Integer> byRule = new TreeMap<>();
        Map<String, Integer> byField = new TreeMap<>();
        for (Proposal proposal : proposals) {
            byRule.merge(proposal.rule(), 1, Integer::sum);
            byField.merge(proposal.field(), 1, Integer::sum);
        }
        Map<String, Object> statistics = new LinkedHashMap<>();
        statistics.put("items", catalogue.items.size());
        statistics.put("files", catalogue.files.size());
        statistics.put("changes", proposals.size());
        statistics.put("byRule", byRule);
        statistics.put("byField", byField);
        statistics.put("dropped", dropped);
        statistics.put("seconds", Math.round((System.nanoTime() - started) / 1e7) / 100.0);
        metadata.put("statistics", statistics);
        transactions.executeWithoutResult(status -> jdbc.update("UPDATE analysis_plans SET metadata = " + values.jsonParameter()
                + ", status = 'reviewing' WHERE id = ? AND status = 'draft'", PlanValues.JSON.writeValueAsString(metadata), planId));
        log.info("analysis plan {}: {} changes from {} items in {} s", planId, proposals.size(), catalogue.items.size(), statistics.get("seconds"));
        return planId;
    }

    /** Why a proposal is not kept, or null: its field's policy is ignore, the field is locked, or it is not sure enough. */
    private static String refusal(Proposal proposal, AnalysisSettings settings, Catalogue catalogue) {
        if (settings.policy(proposal.field()) == AnalysisSettings.Policy.IGNORE) return "ignoredField";
        if (catalogue.locked(proposal.itemId(), proposal.field())) return "locked";
        if (proposal.confidence() < settings.minConfidence()) return "belowConfidence";
        return null;
    }

    private long insertPlan(AnalysisJob spec, Map<String, Object> metadata) {
        String json = PlanValues.JSON.writeValueAsString(metadata);
        return transactions.execute(status -> jdbc.execute((java.sql.Connection connection) -> {
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO analysis_plans (name, metadata, status, created_by, created_at) VALUES (?, "
                    + values.jsonParameter() + ", 'draft', ?, ?) RETURNING id")) {
                insert.setString(1, spec.name());
                insert.setString(2, json);
                SqlValues.setNullable(insert, 3, spec.createdBy());
                values.setInstant(insert, 4, Instants.now());
                try (java.sql.ResultSet row = insert.executeQuery()) {
                    row.next();
                    return row.getLong(1);
                }
            }
        }));
    }

    private void insertChanges(long planId, List<Proposal> batch) {
        String json = values.jsonParameter();
        jdbc.batchUpdate("INSERT INTO plan_changes (plan_id, item_id, field, action, current_value, proposed_value, confidence, rule) VALUES (?, ?, ?, ?, "
                + json + ", " + json + ", ?, ?)", batch, batch.size(), (ps, proposal) -> {
                    ps.setLong(1, planId);
                    ps.setLong(2, proposal.itemId());
                    ps.setString(3, proposal.field());
                    ps.setString(4, proposal.action().value());
                    ps.setString(5, proposal.currentValue() == null ? "null" : proposal.currentValue().toString());
                    ps.setString(6, proposal.proposedValue() == null ? "null" : proposal.proposedValue().toString());
                    ps.setDouble(7, proposal.confidence());
                    ps.setString(8, proposal.rule());
                });
    }
}
