package org.archivist.jobs;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import tools.jackson.databind.json.JsonMapper;

/**
 * Runs jobs: claims one atomically, reports progress with a heart beat, and on a failure retries
 * it with exponential back-off up to its {@code max_retries}. A job left running by a process
 * that died is put back in the queue and resumed; the work itself must skip what an earlier run
 * finished (a scan does, by design). Commands run their job here to its end; {@code serve} hands
 * queued jobs to its background workers ({@link JobWorkers}), which run them through the same
 * {@link #run} so both behave alike.
 */
@Service
public class JobRunner {

    private static final Logger log = LoggerFactory.getLogger(JobRunner.class);

    /** A running job whose heart has not beaten for this long is presumed dead, wherever it ran (setting archivist.jobs.stale-seconds). */
    private final Duration stale;
    /** How often a running job looks whether it was cancelled: within a second of a request, it stops. */
    static final Duration CANCEL_CHECK = Duration.ofMillis(250);

    /** How often a running job's heart beats, whatever its work reports: well inside {@link #stale} (30 s, or a third of it). */
    private final Duration heartbeat;

    private final JobService jobs;
    private final JsonMapper json;
    private final java.util.concurrent.ScheduledExecutorService hearts = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "job-heartbeat");
        thread.setDaemon(true);
        return thread;
    });
    private Duration firstBackOff = Duration.ofSeconds(2);

    private final io.micrometer.core.instrument.MeterRegistry metrics;

    JobRunner(JobService jobs, JsonMapper json, io.micrometer.core.instrument.MeterRegistry metrics,
              @org.springframework.beans.factory.annotation.Value("${archivist.jobs.stale-seconds:300}") long staleSeconds) {
        this.stale = Duration.ofSeconds(Math.max(3, staleSeconds));
        this.heartbeat = Duration.ofMillis(Math.min(30_000, stale.toMillis() / 3));
        this.jobs = jobs;
        this.metrics = metrics;
        // Parameters written by another version may hold fields this one no longer has.
        this.json = json.rebuild().disable(tools.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
    }

    /** How long a silent job may be before another node takes it back. */
    Duration stale() {
        return stale;
    }

    /** For tests: retries without waiting long. */
    public void setFirstBackOff(Duration firstBackOff) {
        this.firstBackOff = firstBackOff;
    }

    /** The jobs this process is running now: one in its name that is not here was orphaned (see {@link JobService#requeueDead}). */
    private final java.util.Set<Long> runningHere = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /** Puts back in the queue the jobs of stopped processes and those orphaned in this one; returns how many. */
    public int requeueDead() {
        return jobs.requeueDead(workerId(), stale, java.util.Set.copyOf(runningHere));
    }

    public static String workerId() {
        return org.archivist.db.ProcessName.current();
    }

    /**
     * Queues the job for the background workers, or answers the one already queued or running for
     * the same type and key (a failed one with retries left goes back in the queue).
     */
    @org.springframework.transaction.annotation.Transactional
    public Job submit(JobSpec spec) {
        requeueDead();
        Optional<Job> unfinished = jobs.unfinished(spec.type(), spec.key());
        if (unfinished.isPresent()) {
            Job job = unfinished.get();
            return job.getStatus() == JobStatus.FAILED ? jobs.retry(job.getId()) : job;
        }
        Job queued = jobs.enqueue(new JobSchemas.Create(spec.type(), params(spec), null, null));
        log.info("job {} queued: {} {}", queued.getId(), spec.type(), spec.key());
        return queued;
    }

    /**
     * The unfinished job of the spec's type and key (e.g. the scan of one library), resumed if an
     * earlier run died or failed, or a new one.
     */
    Job jobFor(JobSpec spec) {
        requeueDead();
        Optional<Job> unfinished = jobs.unfinished(spec.type(), spec.key());
        if (unfinished.isPresent()) {
            Job job = unfinished.get();
            if (job.getStatus() == JobStatus.RUNNING) {
                throw new JobBusyException("job " + job.getId() + " (" + spec.type() + " " + spec.key() + ") is already running on " + job.getWorkerId());
            }
            // One that failed with retries left (killed by an Error, say) is resumed, as submit() does.
            if (job.getStatus() == JobStatus.FAILED) jobs.retryHere(job.getId(), workerId());
            // Claimed here and now, so a background worker cannot take it between this and the run.
            if (!jobs.claim(job.getId(), workerId())) {
                Job taken = jobs.get(job.getId());
                throw new JobBusyException("job " + taken.getId() + " (" + spec.type() + " " + spec.key() + ") is already " + taken.getStatus().value()
                        + (taken.getWorkerId() == null ? "" : " on " + taken.getWorkerId()));
            }
            return jobs.get(job.getId());
        }
        return jobs.enqueueStarted(new JobSchemas.Create(spec.type(), params(spec), null, null), workerId());
    }

    /** A job run to its end and what its work returned (null when it was cancelled before it could). */
    public record Finished<R>(Job job, R value) {
    }

    /**
     * The spec's job (resumed or new) run here to its end by {@code work}, whose value {@code stored}
     * turns into the job's stored result; a job that failed for good becomes an exception naming it.
     * Commands use this, with their own progress display.
     */
    public <R> Finished<R> runToEnd(JobSpec spec, Function<JobContext, R> work, Function<R, Map<String, Object>> stored) {
        java.util.concurrent.atomic.AtomicReference<R> value = new java.util.concurrent.atomic.AtomicReference<>();
        Job finished = run(jobFor(spec), context -> {
            R outcome = work.apply(context);
            value.set(outcome);
            return stored.apply(outcome);
        }, true);
        if (finished.getStatus() == JobStatus.FAILED) {
            throw new IllegalStateException(spec.type() + " " + spec.key() + " failed after " + finished.getRetryCount()
                    + " retries (job " + finished.getId() + "): " + finished.getError());
        }
        return new Finished<>(finished, value.get());
    }

    /** The job's stored parameters read back as its handler's specification. */
    <S extends JobSpec> S specOf(Job job, Class<S> type) {
        Map<String, Object> params = new LinkedHashMap<>(job.getParams());
        params.remove("key");
        params.remove("exclusive");
        return json.convertValue(params, type);
    }

    private Map<String, Object> params(JobSpec spec) {
        @SuppressWarnings("unchecked")
        Map<String, Object> params = new LinkedHashMap<>(json.convertValue(spec, Map.class));
        params.put("key", spec.key());
        if (!spec.exclusive().isEmpty()) params.put("exclusive", spec.exclusive());
        return params;
    }

    /** Runs the job to its end; returns its final state. */
    public Job run(Job job, Function<JobContext, Map<String, Object>> work) {
        return run(job, work, false);
    }

    /** Runs a job this worker has claimed already ({@link JobService#claimNext}) to its end. */
    Job runClaimed(Job job, Function<JobContext, Map<String, Object>> work) {
        return run(job, work, true);
    }

    private Job run(Job job, Function<JobContext, Map<String, Object>> work, boolean claimed) {
        runningHere.add(job.getId());
        try {
            return runHere(job, work, claimed);
        } finally {
            runningHere.remove(job.getId());
        }
    }

    private Job runHere(Job job, Function<JobContext, Map<String, Object>> work, boolean claimed) {
        long id = job.getId();
        String worker = workerId();
        boolean waited = false;
        // jobFor() hands a command its job already running here.
        boolean holding = claimed || (job.getStatus() == JobStatus.RUNNING && worker.equals(job.getWorkerId()));
        long startedWork = System.nanoTime();
        while (true) {
            if (!holding && !jobs.claim(id, worker)) {
                return jobs.get(id);
            }
            holding = false;
            log.info("job {} ({}) started on {}", id, job.getType(), worker);
            // Work that reports no progress for a while (a long match, a huge file) must not look dead.
            java.util.concurrent.ScheduledFuture<?> heart = hearts.scheduleWithFixedDelay(() -> {
                boolean ours;
                try {
                    ours = jobs.heartbeat(id, worker);
                } catch (RuntimeException e) {
                    log.debug("heartbeat of job {}: {}", id, e.toString());
                    return;
                }
                if (!ours) {
                    log.warn("job {} ({}) is no longer {}'s: another node took it over; its heart here stops", id, job.getType(), worker);
                    throw new java.util.concurrent.CancellationException(); // a scheduled task that throws runs no more
                }
            }, heartbeat.toMillis(), heartbeat.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
            try {
                try {
                    requireExclusive(job);
                } catch (JobBusyException busy) {
                    // Waiting is not failing: back in the queue with its retries, to look again after a pause (a random one, so two
                    // jobs that looked at the same moment do not keep meeting).
                    // It stays in this process's name (release() stamps its heart): no other process takes it while this one waits.
                    jobs.release(id, worker);
                    if (!waited) log.info("job {} ({}) waits: {}", id, job.getType(), busy.getMessage());
                    waited = true;
                    sleep(Duration.ofMillis((long) (firstBackOff.toMillis() * (0.5 + java.util.concurrent.ThreadLocalRandom.current().nextDouble()))));
                    continue;
                }
                startedWork = System.nanoTime();
                Map<String, Object> result = work.apply(new Context(id, worker));
                if (jobs.isCancelled(id)) {
                    log.info("job {} ({}) cancelled", id, job.getType());
                    return jobs.get(id);
                }
                // Written first: work that stopped because another node took the job over is refused here, and not logged as completed.
                Job completed = jobs.markCompleted(id, worker, result);
                log.info("job {} ({}) completed", id, job.getType());
                timed(job, "completed", startedWork);
                return completed;
            } catch (JobService.JobTakenOverException lost) {
                throw takenOver(job, lost, startedWork);
            } catch (RuntimeException | Error e) {
                heart.cancel(false);
                if (jobs.isCancelled(id)) return jobs.get(id);
                Job failed;
                try {
                    failed = jobs.markFailed(id, worker, e.getClass().getSimpleName() + ": " + e.getMessage());
                } catch (JobService.JobTakenOverException lost) {
                    throw takenOver(job, lost, startedWork);
                }
                log.warn("job {} ({}) failed: {}", id, job.getType(), e.toString());
                timed(job, "failed", startedWork);
                if (e instanceof Error || !failed.canRetry()) return failed;
                sleep(firstBackOff.multipliedBy(1L << Math.min(failed.getRetryCount(), 6)));
                // Another process may have retried or taken it meanwhile; then it is theirs.
                if (!jobs.retryOwn(id, worker)) return jobs.get(id);
            } finally {
                heart.cancel(false);
            }
        }
    }

    /**
     * This node was stopped or cut off long enough for another to take the job over: the other's run
     * stands, and this one ends without writing its end. Thrown on, so that no caller takes the other
     * node's job for this run's outcome (a worker publishes no completion, a command reports the takeover).
     */
    private JobService.JobTakenOverException takenOver(Job job, JobService.JobTakenOverException lost, long startedWork) {
        log.warn("job {} ({}): {}; the run here ends without writing its end", job.getId(), job.getType(), lost.getMessage());
        timed(job, "taken-over", startedWork);
        return lost;
    }

    /** How long each kind of job takes, by how it ended: {@code archivist_jobs_seconds} for admins (/actuator/prometheus). */
    private void timed(Job job, String outcome, long startedWork) {
        metrics.timer("archivist.jobs", "type", job.getType(), "outcome", outcome).record(System.nanoTime() - startedWork, java.util.concurrent.TimeUnit.NANOSECONDS);
    }

    /**
     * Refuses (the job waits) while another job holds one of this job's claims: any running job, or
     * an older one that has started and not ended. The older of two waiting jobs goes first, so two
     * never wait for each other.
     */
    private void requireExclusive(Job job) {
        Object claims = job.getParams().get("exclusive");
        if (!(claims instanceof java.util.Collection<?> all)) return;
        for (Object claim : all) {
            jobs.holding(String.valueOf(claim), job.getId()).ifPresent(other -> {
                throw new JobBusyException("job " + other.getId() + " (" + other.getType() + ") is working on " + claim + "; this one waits for it");
            });
        }
    }

    private static void sleep(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to retry", e);
        }
    }

    private final class Context implements JobContext {
        private final long id;
        private final String worker;
        private long checkedAt = System.nanoTime();
        private volatile boolean cancelled;

        Context(long id, String worker) {
            this.id = id;
            this.worker = worker;
        }

        @Override
        public long jobId() {
            return id;
        }

        @Override
        public void progress(long processed, Long total) {
            jobs.updateProgress(id, worker, new JobSchemas.Update(processed, total));
        }

        /**
         * Asks the database at most every {@link #CANCEL_CHECK}, so work may call it for every file. A job
         * another node took over (this one's heart had stopped) counts as cancelled here: the work stops.
         */
        @Override
        public boolean cancelled() {
            if (cancelled) return true;
            long now = System.nanoTime();
            synchronized (this) {
                if (now - checkedAt >= CANCEL_CHECK.toNanos()) {
                    checkedAt = now;
                    cancelled = !jobs.stillHeldBy(id, worker);
                }
            }
            return cancelled;
        }
    }

    /** Another live process is running this job. */
    public static final class JobBusyException extends RuntimeException {
        public JobBusyException(String message) {
            super(message);
        }
    }

}
