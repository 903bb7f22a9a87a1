package org.archivist.settings;

import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

import org.archivist.db.Instants;
import org.archivist.jobs.Job;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.annotations.OnDelete;
import org.hibernate.annotations.OnDeleteAction;
import org.hibernate.type.SqlTypes;

/** Work that runs on a cron schedule, such as a nightly scan. */
@Entity
@Table(name = "scheduled_tasks")
public class ScheduledTask {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false, unique = true)
    private String name;

    @Column(name = "task_type", nullable = false)
    private String taskType;

    /** Validated by {@link CronSchedule}. */
    @Column(nullable = false)
    private String schedule;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    private Map<String, Object> config = new LinkedHashMap<>();

    @Column(nullable = false)
    private boolean enabled = true;

    /** The zone the cron line is read in (its wall clock); null: the server's. */
    @Column(name = "time_zone")
    private String timeZone;

    @Column(name = "last_run")
    private Instant lastRun;

    @Column(name = "next_run")
    private Instant nextRun;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "last_job_id")
    @OnDelete(action = OnDeleteAction.SET_NULL)
    private Job lastJob;

    protected ScheduledTask() {
    }

    public ScheduledTask(String name, String taskType, String schedule, Map<String, Object> config) {
        this.name = name;
        this.taskType = taskType;
        setSchedule(schedule);
        this.config = new LinkedHashMap<>(config);
    }

    /** Computes the next run after {@code after} in the task's zone (else {@code fallback}): cron schedules are wall-clock times. */
    public void planNextRun(Instant after, ZoneId fallback) {
        this.nextRun = Instants.stored(CronSchedule.next(schedule, after, zone(fallback)));
    }

    public ZoneId zone(ZoneId fallback) {
        return timeZone == null ? fallback : ZoneId.of(timeZone);
    }

    public String getTimeZone() { return timeZone; }

    /** A zone such as Europe/Berlin or UTC; an unknown one is refused, named. */
    public void setTimeZone(String zone) {
        if (zone == null || zone.isBlank()) {
            this.timeZone = null;
            return;
        }
        try {
            this.timeZone = ZoneId.of(zone.strip()).getId();
        } catch (java.time.DateTimeException e) {
            throw new IllegalArgumentException("timeZone: '" + zone + "' is not a time zone (such as Europe/Berlin or UTC)");
        }
    }

    public void recordRun(Job job, Instant at) {
        this.lastJob = job;
        this.lastRun = Instants.stored(at);
    }

    public void setNextRun(Instant next) {
        this.nextRun = Instants.stored(next);
    }

    public Long getId() { return id; }
    public String getName() { return name; }
    public void setName(String name) { this.name = name; }
    public String getTaskType() { return taskType; }
    public void setTaskType(String taskType) { this.taskType = taskType; }
    public String getSchedule() { return schedule; }
    public void setSchedule(String schedule) {
        CronSchedule.parse(schedule);
        this.schedule = schedule.trim();
    }
    public Map<String, Object> getConfig() { return config; }
    public void setConfig(Map<String, Object> config) { this.config = new LinkedHashMap<>(config); }
    public boolean isEnabled() { return enabled; }
    public void setEnabled(boolean enabled) { this.enabled = enabled; }
    public Instant getLastRun() { return lastRun; }
    public Instant getNextRun() { return nextRun; }
    public Job getLastJob() { return lastJob; }
}
