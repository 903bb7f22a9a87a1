package org.archivist.jobs;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The server's background workers: a small pool (setting {@code jobs.concurrency}) that takes
 * queued jobs in priority order and runs each through its {@link JobHandler}, so no request ever
 * runs a scan, hashing or detection on its own thread. At start, jobs a killed process left
 * running are put back in the queue and resumed. Only {@code archivist serve} has workers.
 */
@Component
@ConditionalOnProperty(name = "archivist.workers", havingValue = "true")
class JobWorkers implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(JobWorkers.class);
    private static final long IDLE_MILLIS = 250;

    private final JobRunner runner;
    private final JobService jobs;
    private final Map<String, JobHandler<?>> handlers;
    private final int concurrency;
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running;
    private final DatabaseOutage outage = new DatabaseOutage();

    private final org.springframework.context.ApplicationEventPublisher events;
    /** What a bulk scan left set aside is built again by the sweep (see {@link #sweepDead}). */
    private final org.archivist.db.SecondaryIndexes indexes;

    JobWorkers(JobRunner runner, JobService jobs, List<JobHandler<?>> handlers, JobConcurrency concurrency,
               org.springframework.context.ApplicationEventPublisher events, org.archivist.db.SecondaryIndexes indexes) {
        this.indexes = indexes;
        this.events = events;
        this.runner = runner;
        this.jobs = jobs;
        this.handlers = handlers.stream().collect(Collectors.toMap(JobHandler::type, Function.identity()));
        this.concurrency = Math.max(1, Math.min(16, concurrency.workers()));
    }

    @Override
    public void start() {
        int resumed = runner.requeueDead();
        if (resumed > 0) log.info("{} jobs left by a stopped process were queued again", resumed);
        running = true;
        for (int i = 0; i < concurrency; i++) {
            Thread worker = new Thread(this::work, "job-worker-" + (i + 1));
            worker.setDaemon(true);
            worker.start();
            threads.add(worker);
        }
        log.info("{} background job workers started", concurrency);
    }

    private void work() {
        while (running) {
            try {
                if (!runNext()) Thread.sleep(IDLE_MILLIS);
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException | Error e) {
                // The database away for a moment, or one job's Error, must not end the worker: it goes on.
                if (org.archivist.db.DatabaseUnreachable.cause(e) != null) {
                    outage.unreachable(e);
                } else {
                    log.warn("background worker: {}", e.toString());
                }
                try {
                    Thread.sleep(5 * IDLE_MILLIS);
                } catch (InterruptedException stop) {
                    return;
                }
            }
        }
    }

    /** Claims and runs the next queued job this server knows how to run; false when there is none. */
    private boolean runNext() {
        sweepDead();
        java.util.Optional<Long> claimed = jobs.claimNext(JobRunner.workerId(), handlers.keySet());
        outage.reachable();
        if (claimed.isEmpty()) return false;
        Job job = jobs.get(claimed.get());
        runWith(handlers.get(job.getType()), job);
        return true;
    }

    /**
     * At most once a minute (or once per stale time, if shorter), jobs whose node died (no heart
     * beat for the stale time, or a process of this host that is gone) go back in the queue:
     * another node resumes them.
     */
    private void sweepDead() {
        long now = System.nanoTime();
        long last = lastSweep.get();
        long every = Math.min(java.util.concurrent.TimeUnit.MINUTES.toNanos(1), runner.stale().toNanos());
        if (now - last < every || !lastSweep.compareAndSet(last, now)) return;
        if (outage.backWithin(runner.stale())) return;
        int resumed = runner.requeueDead();
        if (resumed > 0) log.info("{} jobs of a node that stopped (or ended while the database was away) were queued again", resumed);
        // A bulk scan whose indexes could not be built at its end (a full disk, say) gets them now, not only at the next start.
        try {
            indexes.restoreLeftOver();
        } catch (RuntimeException e) {
            log.warn("the indexes a bulk scan set aside could not be built yet (tried again at the next sweep): {}", e.toString());
        }
    }

    private final java.util.concurrent.atomic.AtomicLong lastSweep = new java.util.concurrent.atomic.AtomicLong(System.nanoTime());

    private <S extends JobSpec> void runWith(JobHandler<S> handler, Job job) {
        S spec;
        try {
            spec = runner.specOf(job, handler.specification());
        } catch (RuntimeException e) {
            jobs.markFailed(job.getId(), JobRunner.workerId(), "its parameters " + job.getParams() + " are not a " + handler.type() + " job's: " + e.getMessage());
            return;
        }
        Job finished;
        try {
            finished = runner.runClaimed(job, context -> handler.run(spec, context));
        } catch (JobService.JobTakenOverException lost) {
            return; // another node runs it now, and announces its completion
        }
        if (finished.getStatus() == JobStatus.COMPLETED) events.publishEvent(new JobCompleted(spec, finished.getId()));
    }

    /**
     * Stops taking jobs. A job still running is not interrupted: when the process ends it is left
     * "running" under this process's id, and the next start puts it back in the queue and resumes it.
     */
    @Override
    public void stop() {
        running = false;
        threads.clear();
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
