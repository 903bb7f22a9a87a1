package org.archivist.schedules;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

import javax.sql.DataSource;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerName;
import com.github.kagkarlsson.scheduler.jdbc.DefaultJdbcCustomization;
import com.github.kagkarlsson.scheduler.jdbc.JdbcCustomization;
import com.github.kagkarlsson.scheduler.jdbc.PostgreSqlJdbcCustomization;
import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import com.github.kagkarlsson.scheduler.task.TaskInstanceId;
import com.github.kagkarlsson.scheduler.task.helper.CustomTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import org.archivist.db.SqlValues;
import org.archivist.jobs.Job;
import org.archivist.jobs.JobRunner;
import org.archivist.settings.CronSchedule;
import org.archivist.settings.ScheduledTask;
import org.archivist.settings.SettingsService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Runs the scheduled tasks with db-scheduler. Each enabled task is one execution in
 * {@code scheduler_executions} (instance: the task's name) due at its next run: whichever node
 * polls first takes it under a row lock (SKIP LOCKED on PostgreSQL), so with several nodes a run
 * happens on one of them only. When it runs it queues the task's jobs and moves itself to the next
 * time the cron line names <em>after now</em>: after a downtime a missed run happens once, not once
 * per missed slot. Started with the background workers ({@code archivist serve}).
 */
@Component
@ConditionalOnProperty(name = "archivist.workers", havingValue = "true")
class ScheduleRunner implements SmartLifecycle {

    static final String TASK = "archivist-schedule";
    private static final Logger log = LoggerFactory.getLogger(ScheduleRunner.class);

    private final DataSource dataSource;
    private final SqlValues values;
    private final SettingsService settings;
    private final TaskLauncher launcher;
    private final Duration polling;
    private final CustomTask<Void> task;
    /** The scheduler's time: the system's, or one a test sets (db-scheduler's own polling reads it too). */
    private final com.github.kagkarlsson.scheduler.Clock clock;
    private volatile Scheduler scheduler;
    private java.util.concurrent.ScheduledExecutorService reconciler;

    @org.springframework.beans.factory.annotation.Autowired
    ScheduleRunner(DataSource dataSource, SqlValues values, SettingsService settings, TaskLauncher launcher,
                   @Value("${archivist.scheduler.poll-seconds:10}") long pollSeconds) {
        this(dataSource, values, settings, launcher, pollSeconds, Instant::now);
    }

    ScheduleRunner(DataSource dataSource, SqlValues values, SettingsService settings, TaskLauncher launcher, long pollSeconds,
                   com.github.kagkarlsson.scheduler.Clock clock) {
        this.clock = clock;
        this.dataSource = dataSource;
        this.values = values;
        this.settings = settings;
        this.launcher = launcher;
        this.polling = Duration.ofSeconds(Math.max(1, pollSeconds));
        this.task = Tasks.custom(TASK, Void.class).execute((instance, context) -> {
            Instant next = run(instance.getId(), context.getExecution().executionTime);
            return (CompletionHandler<Void>) (complete, operations) -> {
                if (next == null) operations.remove();
                else operations.reschedule(complete, next);
            };
        });
    }

    /** Runs one due task; answers when it is due next (null: disabled or gone, no longer scheduled). */
    private Instant run(String name, Instant due) {
        ScheduledTask definition = settings.task(name).orElse(null);
        if (definition == null || !definition.isEnabled()) return null;
        Instant now = clock.now();
        Instant next = CronSchedule.next(definition.getSchedule(), now, definition.zone(ZoneId.systemDefault()));
        try {
            List<Job> jobs = launcher.launch(definition);
            settings.recordRun(name, jobs.isEmpty() ? null : jobs.get(0), now, next);
            log.info("scheduled task {} ran on {} for the run due at {}: jobs {}; next at {}", name, JobRunner.workerId(), due,
                    jobs.stream().map(Job::getId).toList(), next);
        } catch (RuntimeException e) {
            // A task that cannot start (a library removed, say) waits for its next slot rather than retrying at once.
            settings.recordRun(name, null, now, next);
            log.warn("scheduled task {} could not start: {}", name, e.getMessage());
        }
        return next;
    }

    /** The task's execution moved to when it is due next, made if missing, or removed when the task is disabled. */
    void sync(ScheduledTask definition) {
        Scheduler running = scheduler;
        if (running == null) return;
        TaskInstanceId id = TaskInstanceId.of(TASK, definition.getName());
        var execution = running.getScheduledExecution(id);
        // A run in progress reschedules itself when it ends; it is left alone here.
        if (execution.isPresent() && execution.get().isPicked()) return;
        try {
            if (!definition.isEnabled() || definition.getNextRun() == null) {
                if (execution.isPresent()) running.cancel(id);
            } else if (execution.isEmpty()) {
                running.schedule(task.instance(definition.getName()), definition.getNextRun());
            } else if (!execution.get().getExecutionTime().equals(definition.getNextRun())) {
                running.reschedule(id, definition.getNextRun());
            }
        } catch (RuntimeException e) {
            // Picked by another node between the look and the change: that run reschedules it.
            log.debug("scheduled task {} not changed now: {}", definition.getName(), e.getMessage());
        }
    }

    @Override
    public void start() {
        JdbcCustomization jdbc = values.isSqlite() ? new SqliteTimes(values) : new PostgreSqlJdbcCustomization(false, true);
        var builder = Scheduler.create(dataSource, List.of(task))
                .tableName("scheduler_executions")
                .schedulerName(new SchedulerName.Fixed(JobRunner.workerId()))
                .jdbcCustomization(jdbc)
                .pollingInterval(polling)
                .clock(clock)
                .threads(2)
                .commitWhenAutocommitDisabled(true);
        if (!values.isSqlite()) builder.pollUsingLockAndFetch(0.5, 1.0);
        scheduler = builder.build();
        scheduler.start();
        // A new installation gets the default tasks (the analysis among them off until a person turns it on).
        seedDefaults();
        reconcile();
        // Definitions changed by another process (the command line, a node without workers) are brought in every half minute.
        reconciler = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "schedule-reconcile");
            thread.setDaemon(true);
            return thread;
        });
        reconciler.scheduleWithFixedDelay(() -> {
            try {
                reconcile();
            } catch (RuntimeException e) {
                log.warn("scheduled tasks could not be brought in step: {}", e.getMessage());
            }
        }, 30, 30, java.util.concurrent.TimeUnit.SECONDS);
        log.info("scheduler started on {}, polling every {} s", JobRunner.workerId(), polling.toSeconds());
    }

    /** Every definition's execution as it should be: made, moved or removed. */
    /**
     * A new installation's default settings and tasks. Two nodes starting together on an empty
     * database both try: the one whose rows arrive second gets a duplicate key, and looks again
     * (finding the other's rows, adding nothing or what is still missing).
     */
    private void seedDefaults() {
        for (int attempt = 1; ; attempt++) {
            try {
                if (settings.tasks().isEmpty()) settings.seedDefaults(clock.now(), ZoneId.systemDefault());
                return;
            } catch (org.springframework.dao.DataIntegrityViolationException e) {
                if (attempt == 3) throw e;
                log.info("another node is seeding the default settings at the same moment; looking again");
            }
        }
    }

    private void reconcile() {
        for (ScheduledTask definition : settings.tasks()) sync(definition);
    }

    @Override
    public void stop() {
        if (reconciler != null) reconciler.shutdownNow();
        Scheduler running = scheduler;
        scheduler = null;
        if (running != null) running.stop();
    }

    @Override
    public boolean isRunning() {
        return scheduler != null;
    }

    /** The job workers start first; the scheduler after them and stops before them. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 100;
    }

    /** On SQLite, instants in the text form the catalogue stores them in, so they compare as times, and LIMIT. */
    private static final class SqliteTimes extends DefaultJdbcCustomization {
        private final SqlValues values;

        SqliteTimes(SqlValues values) {
            super(true);
            this.values = values;
        }

        @Override
        public String getName() {
            return "SQLite";
        }

        /** SQLite has LIMIT, not the standard FETCH FIRST. */
        @Override
        public boolean supportsExplicitQueryLimitPart() {
            return true;
        }

        @Override
        public String getQueryLimitPart(int limit) {
            return " LIMIT " + limit;
        }

        @Override
        public void setInstant(PreparedStatement statement, int index, Instant instant) throws SQLException {
            values.setInstant(statement, index, instant);
        }

        @Override
        public Instant getInstant(ResultSet rows, String column) throws SQLException {
            return values.getInstant(rows, column);
        }
    }
}
