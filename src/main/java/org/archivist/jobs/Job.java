package org.archivist.jobs;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.JoinTable;
import jakarta.persistence.ManyToMany;
import jakarta.persistence.PrePersist;
import jakarta.persistence.Table;

import org.archivist.catalog.CatalogFile;
import org.archivist.db.IllegalTransitionException;
import org.archivist.db.Instants;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A unit of background work (scan, hash, dedup, ...) that survives restarts. */
@Entity
@Table(name = "jobs")
public class Job {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false)
    private String type;

    @Column(nullable = false)
    private JobStatus status = JobStatus.PENDING;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    private Map<String, Object> params = new LinkedHashMap<>();

    @Column(nullable = false)
    private int progress;

    @Column(name = "total_items")
    private Long totalItems;

    @Column(name = "processed_items", nullable = false)
    private long processedItems;

    @JdbcTypeCode(SqlTypes.JSON)
    private Map<String, Object> result;

    private String error;

    @Column(name = "retry_count", nullable = false)
    private int retryCount;

    @Column(name = "max_retries", nullable = false)
    private int maxRetries = 3;

    @Column(nullable = false)
    private int priority;

    @Column(name = "worker_id")
    private String workerId;

    @Column(name = "heartbeat_at")
    private Instant heartbeatAt;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "started_at")
    private Instant startedAt;

    @Column(name = "completed_at")
    private Instant completedAt;

    @ManyToMany
    @JoinTable(name = "job_files", joinColumns = @JoinColumn(name = "job_id"),
            inverseJoinColumns = @JoinColumn(name = "file_id"))
    private Set<CatalogFile> files = new LinkedHashSet<>();

    protected Job() {
    }

    public Job(String type, Map<String, Object> params) {
        this.type = type;
        this.params = new LinkedHashMap<>(params);
    }

    @PrePersist
    void stampCreation() {
        if (createdAt == null) {
            createdAt = Instants.now();
        }
    }

    public void start(String worker) {
        moveTo(JobStatus.RUNNING);
        this.workerId = worker;
        this.startedAt = Instants.now();
        this.heartbeatAt = startedAt;
        this.error = null;
    }

    /**
     * Records how far the job is; the percentage follows from processed and total and never
     * exceeds 100. Only a running job makes progress.
     */
    public void updateProgress(long processed, Long total) {
        if (status != JobStatus.RUNNING) {
            throw new IllegalTransitionException("job " + id + " progress", status.value(), "an update (it is not running)");
        }
        if (processed < 0 || (total != null && total < 0)) {
            throw new IllegalArgumentException("progress counts must not be negative: processed=" + processed + ", total=" + total);
        }
        this.processedItems = processed;
        this.totalItems = total;
        if (total != null) {
            this.progress = total == 0 ? 100 : (int) Math.min(100, processed * 100 / total);
        }
        this.heartbeatAt = Instants.now();
    }

    /** Puts back in the queue a job whose worker stopped (crashed, killed): its progress is kept. */
    public void requeue() {
        if (status != JobStatus.PENDING) moveTo(JobStatus.PENDING);
        this.workerId = null;
    }

    public void heartbeat() {
        this.heartbeatAt = Instants.now();
    }

    public void markCompleted(Map<String, Object> outcome) {
        moveTo(JobStatus.COMPLETED);
        this.progress = 100;
        if (totalItems != null) {
            this.processedItems = totalItems;
        }
        this.result = outcome == null ? null : new LinkedHashMap<>(outcome);
        this.completedAt = Instants.now();
    }

    public void markFailed(String reason) {
        moveTo(JobStatus.FAILED);
        this.error = reason;
        this.completedAt = Instants.now();
    }

    public void cancel() {
        moveTo(JobStatus.CANCELLED);
        this.completedAt = Instants.now();
    }

    /** Whether a failed job still has retries left. */
    public boolean canRetry() {
        return status == JobStatus.FAILED && retryCount < maxRetries;
    }

    /**
     * Back in the queue without using a retry while it waits for another job's claim. Its start is
     * kept (it still holds its own claims against younger jobs) and so is its worker: the process
     * that waits on it takes it again, no other one does while that process's heart beats.
     */
    public void release() {
        moveTo(JobStatus.PENDING);
        this.heartbeatAt = Instants.now();
    }

    /** A pending job only {@code worker} may claim (see {@link #release()}). */
    public void keepFor(String worker) {
        this.workerId = worker;
    }

    /** Puts a failed job back in the queue; it keeps its processed count so work resumes. */
    public void retry() {
        if (!canRetry()) {
            throw new IllegalTransitionException("job " + id + " (" + retryCount + " of " + maxRetries + " retries used)",
                    status.value(), JobStatus.PENDING.value());
        }
        moveTo(JobStatus.PENDING);
        this.retryCount++;
        this.workerId = null;
        this.completedAt = null;
    }

    /**
     * A person's retry of a failed job, whatever its automatic retries used: it goes back in the
     * queue with a fresh count, keeping its progress so the work resumes.
     */
    public void restart() {
        if (status != JobStatus.FAILED) {
            throw new IllegalTransitionException("job " + id + " (only a failed job can be retried)", status.value(), JobStatus.PENDING.value());
        }
        moveTo(JobStatus.PENDING);
        this.retryCount = 0;
        this.workerId = null;
        this.completedAt = null;
    }

    private void moveTo(JobStatus target) {
        if (!status.next().contains(target)) {
            throw new IllegalTransitionException("job " + id, status.value(), target.value());
        }
        this.status = target;
    }

    public Long getId() { return id; }
    public String getType() { return type; }
    public JobStatus getStatus() { return status; }
    public Map<String, Object> getParams() { return params; }
    public int getProgress() { return progress; }
    public Long getTotalItems() { return totalItems; }
    public long getProcessedItems() { return processedItems; }
    public Map<String, Object> getResult() { return result; }
    public String getError() { return error; }
    public int getRetryCount() { return retryCount; }
    public int getMaxRetries() { return maxRetries; }
    public void setMaxRetries(int maxRetries) { this.maxRetries = maxRetries; }
    public int getPriority() { return priority; }
    public void setPriority(int priority) { this.priority = priority; }
    public String getWorkerId() { return workerId; }
    public Instant getHeartbeatAt() { return heartbeatAt; }
    public Instant getCreatedAt() { return createdAt; }
    public Instant getStartedAt() { return startedAt; }
    public Instant getCompletedAt() { return completedAt; }
    public Set<CatalogFile> getFiles() { return files; }
}
