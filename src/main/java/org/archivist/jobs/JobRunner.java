package org.archivist.jobs;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import org.springframework.stereotype.Service;

/**
 * Runs a job in this process: claims it atomically, reports progress with a heart beat, and on a
 * failure retries it with exponential back-off up to its {@code max_retries}. A job left running
 * by a process that died is put back in the queue and resumed; the work itself must skip what an
 * earlier run finished (a scan does, by design).
 */
@Service
public class JobRunner {

    /** A running job whose heart has not beaten for this long is presumed dead, wherever it ran. */
    static final Duration STALE = Duration.ofMinutes(5);

    private final JobService jobs;
    private Duration firstBackOff = Duration.ofSeconds(2);

    JobRunner(JobService jobs) {
        this.jobs = jobs;
    }

    /** For tests: retries without waiting long. */
    public void setFirstBackOff(Duration firstBackOff) {
        this.firstBackOff = firstBackOff;
    }

    public static String workerId() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            host = "localhost";
        }
        return host + ":" + ProcessHandle.current().pid();
    }

    /**
     * The unfinished job of this type and key (e.g. the scan of one library), resumed if an earlier
     * run died or failed, or a new one.
     */
    public Job jobFor(String type, String key, Map<String, Object> params) {
        jobs.requeueDead(workerId(), STALE);
        Optional<Job> unfinished = jobs.unfinished(type, key);
        if (unfinished.isPresent()) {
            Job job = unfinished.get();
            if (job.getStatus() == JobStatus.RUNNING) {
                throw new JobBusyException("job " + job.getId() + " (" + type + " " + key + ") is already running on " + job.getWorkerId());
            }
            return job;
        }
        return jobs.enqueue(new JobSchemas.Create(type, params, null, null));
    }

    /**
     * The job of this type and key (resumed or new) run to its end; a job that failed for good
     * becomes an exception naming it.
     */
    public Job runToEnd(String type, String key, Map<String, Object> params, Function<JobContext, Map<String, Object>> work) {
        Map<String, Object> withKey = new java.util.LinkedHashMap<>(params);
        withKey.put("key", key);
        Job finished = run(jobFor(type, key, withKey), work);
        if (finished.getStatus() == JobStatus.FAILED) {
            throw new IllegalStateException(type + " " + key + " failed after " + finished.getRetryCount()
                    + " retries (job " + finished.getId() + "): " + finished.getError());
        }
        return finished;
    }

    /** Runs the job to its end; returns its final state. */
    public Job run(Job job, Function<JobContext, Map<String, Object>> work) {
        long id = job.getId();
        String worker = workerId();
        while (true) {
            if (!jobs.claim(id, worker)) {
                return jobs.get(id);
            }
            try {
                Map<String, Object> result = work.apply(new Context(id));
                if (jobs.isCancelled(id)) return jobs.get(id);
                return jobs.markCompleted(id, result);
            } catch (RuntimeException e) {
                if (jobs.isCancelled(id)) return jobs.get(id);
                Job failed = jobs.markFailed(id, e.getClass().getSimpleName() + ": " + e.getMessage());
                if (!failed.canRetry()) return failed;
                sleep(firstBackOff.multipliedBy(1L << Math.min(failed.getRetryCount(), 6)));
                jobs.retry(id);
            }
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

        Context(long id) {
            this.id = id;
        }

        @Override
        public long jobId() {
            return id;
        }

        @Override
        public void progress(long processed, Long total) {
            jobs.updateProgress(id, new JobSchemas.Update(processed, total));
        }

        @Override
        public boolean cancelled() {
            return jobs.isCancelled(id);
        }
    }

    /** Another live process is running this job. */
    public static final class JobBusyException extends RuntimeException {
        public JobBusyException(String message) {
            super(message);
        }
    }

}
