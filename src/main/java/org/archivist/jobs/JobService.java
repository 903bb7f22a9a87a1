package org.archivist.jobs;

import java.util.List;
import java.util.Map;

import org.archivist.db.NotFoundException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Queues jobs and moves them through their life cycle; each step is its own transaction. */
@Service
public class JobService {

    private final JobRepository jobs;
    private final org.springframework.jdbc.core.JdbcTemplate jdbc;
    private final org.archivist.db.SqlValues values;

    @jakarta.persistence.PersistenceContext
    private jakarta.persistence.EntityManager entityManager;

    /** For the calls work makes from inside its own transactions (see {@link #ofItsOwn}). */
    private final org.springframework.transaction.support.TransactionTemplate separateWrite;
    private final org.springframework.transaction.support.TransactionTemplate separateRead;

    JobService(JobRepository jobs, org.springframework.jdbc.core.JdbcTemplate jdbc, org.archivist.db.SqlValues values,
               org.springframework.transaction.PlatformTransactionManager transactions) {
        this.separateWrite = new org.springframework.transaction.support.TransactionTemplate(transactions);
        this.separateWrite.setPropagationBehavior(org.springframework.transaction.TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.separateRead = new org.springframework.transaction.support.TransactionTemplate(transactions);
        this.separateRead.setPropagationBehavior(org.springframework.transaction.TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.separateRead.setReadOnly(true);
        this.jobs = jobs;
        this.jdbc = jdbc;
        this.values = values;
    }

    /**
     * Claims the next queued job of these types for this worker, in one statement: on PostgreSQL
     * the candidate row is locked with {@code FOR UPDATE SKIP LOCKED}, so nodes polling at once
     * each take a different job instead of queueing on the same row; SQLite has one writer at a
     * time, so the same update is atomic there as it is. Answers the job's id.
     */
    @Transactional
    public java.util.Optional<Long> claimNext(String worker, java.util.Collection<String> types) {
        if (types.isEmpty()) return java.util.Optional.empty();
        String in = String.join(", ", java.util.Collections.nCopies(types.size(), "?"));
        String lock = values.isSqlite() ? "" : " FOR UPDATE SKIP LOCKED";
        java.time.Instant now = org.archivist.db.Instants.now();
        java.util.List<Long> claimed = jdbc.query("UPDATE jobs SET status = 'running', worker_id = ?, started_at = ?, heartbeat_at = ?, error = NULL"
                + " WHERE id = (SELECT id FROM jobs WHERE status = 'pending' AND worker_id IS NULL AND type IN (" + in + ") ORDER BY priority DESC, created_at, id LIMIT 1" + lock
                + ") AND status = 'pending' RETURNING id", ps -> {
                    ps.setString(1, worker);
                    values.setInstant(ps, 2, now);
                    values.setInstant(ps, 3, now);
                    int i = 4;
                    for (String type : types) ps.setString(i++, type);
                }, (rows, n) -> rows.getLong(1));
        return claimed.stream().findFirst();
    }

    /** A new job already running on {@code worker}: a command's, which no background worker may take first. */
    @Transactional
    public Job enqueueStarted(JobSchemas.Create request, String worker) {
        Job job = newJob(request);
        job.start(worker);
        return jobs.save(job);
    }

    @Transactional
    public Job enqueue(JobSchemas.Create request) {
        return jobs.save(newJob(request));
    }

    private static Job newJob(JobSchemas.Create request) {
        Job job = new Job(request.type(), request.params() == null ? Map.of() : request.params());
        if (request.priority() != null) job.setPriority(request.priority());
        if (request.maxRetries() != null) job.setMaxRetries(request.maxRetries());
        return job;
    }

    @Transactional(readOnly = true)
    public Job get(long id) {
        return jobs.findById(id).orElseThrow(() -> new NotFoundException("job", id));
    }

    @Transactional(readOnly = true)
    public List<Job> pending() {
        return jobs.findByStatusOrderByPriorityDescCreatedAtAsc(JobStatus.PENDING);
    }

    /** Atomically moves a pending job to running for this worker; false when someone else has it. */
    @Transactional
    public boolean claim(long id, String worker) {
        return jobs.claim(id, worker, org.archivist.db.Instants.now()) == 1;
    }

    @Transactional(readOnly = true)
    public boolean isCancelled(long id) {
        return get(id).getStatus() == JobStatus.CANCELLED;
    }

    /** The newest jobs first. */
    @Transactional(readOnly = true)
    public List<Job> recent() {
        return jobs.findTop50ByOrderByIdDesc();
    }

    /** The newest jobs first, of one type and/or status when given, at most {@code limit}. */
    @Transactional(readOnly = true)
    public List<Job> list(String type, JobStatus status, int limit) {
        var page = org.springframework.data.domain.PageRequest.of(0, limit);
        if (type != null && status != null) return jobs.findByTypeAndStatusOrderByIdDesc(type, status, page);
        if (type != null) return jobs.findByTypeOrderByIdDesc(type, page);
        if (status != null) return jobs.findByStatusOrderByIdDesc(status, page);
        return jobs.findAllByOrderByIdDesc(page);
    }

    /** A person's retry of a failed job: back in the queue with a fresh count of retries. */
    @Transactional
    public Job restart(long id) {
        Job job = get(id);
        job.restart();
        return job;
    }

    /**
     * Whether the caller may see the job: an admin every job, a user the jobs of their libraries
     * (a job that works on no one library, such as detection over all of them, is the admins').
     */
    public static boolean visibleTo(Job job, org.archivist.access.Caller caller) {
        if (caller.libraries() == null) return true;
        Object library = job.getParams() == null ? null : job.getParams().get("libraryId");
        return library instanceof Number number && caller.sees(number.longValue());
    }

    /** The job, or "not found" when the caller may not see it (as if it did not exist). */
    @Transactional(readOnly = true)
    public Job get(long id, org.archivist.access.Caller caller) {
        Job job = get(id);
        if (!visibleTo(job, caller)) throw new org.archivist.db.NotFoundException("job", id);
        return job;
    }

    /**
     * Another job that holds this exclusive claim (e.g. {@code library:7}), if any: one running now,
     * or one older than {@code jobId} that started and has not ended (it waits for a retry).
     */
    @Transactional(readOnly = true)
    public java.util.Optional<Job> holding(String claim, long jobId) {
        return jobs.findPossibleHolders(jobId).stream()
                .filter(job -> job.getParams().get("exclusive") instanceof java.util.Collection<?> claims
                        && claims.stream().map(String::valueOf).anyMatch(claim::equals))
                .findFirst();
    }

    /** The job of this type whose params' {@code key} matches, not yet completed or cancelled (failed ones can be retried). */
    @Transactional(readOnly = true)
    public java.util.Optional<Job> unfinished(String type, String key) {
        return jobs.findByTypeAndStatusInOrderByIdAsc(type, java.util.EnumSet.of(JobStatus.PENDING, JobStatus.RUNNING, JobStatus.FAILED))
                .stream().filter(job -> key.equals(String.valueOf(job.getParams().get("key"))))
                .filter(job -> job.getStatus() != JobStatus.FAILED || job.canRetry())
                .findFirst();
    }

    /**
     * Requeues running jobs whose worker is gone (see {@link #workerGone}), knowing which jobs this
     * process is running ({@code runningHere}): a job in this process's name that it no longer runs
     * and whose heart has stopped was orphaned here (its run ended while the database was away, so
     * its end could not be written) and goes back in the queue too. So do jobs waiting for a claim
     * (pending, still in their process's name) and failed jobs with retries left of such workers.
     * Each is locked and looked at again before it moves, so a holder's write that lands meanwhile (its
     * end, a heart beat) is seen, not overwritten.
     */
    @Transactional
    public int requeueDead(String thisWorker, java.time.Duration stale, java.util.Set<Long> runningHere) {
        String host = thisWorker.substring(0, thisWorker.lastIndexOf(':'));
        java.time.Instant limit = org.archivist.db.Instants.now().minus(stale);
        java.util.function.Predicate<Job> dead = job -> workerGone(job, host, thisWorker, limit)
                || (thisWorker.equals(job.getWorkerId()) && !runningHere.contains(job.getId())
                    && (job.getHeartbeatAt() == null || job.getHeartbeatAt().isBefore(limit)));
        int requeued = 0;
        for (Job job : jobs.findByStatusOrderByPriorityDescCreatedAtAsc(JobStatus.RUNNING)) {
            if (soUnderLock(job, j -> j.getStatus() == JobStatus.RUNNING && dead.test(j))) {
                job.requeue();
                requeued++;
            }
        }
        // A job waiting for a claim is its process's; if that process is gone, anyone's.
        for (Job job : jobs.findByStatusOrderByPriorityDescCreatedAtAsc(JobStatus.PENDING)) {
            if (soUnderLock(job, j -> j.getStatus() == JobStatus.PENDING && j.getWorkerId() != null && dead.test(j))) {
                job.requeue();
                requeued++;
            }
        }
        // A failed job whose worker lives is that worker's to retry (it is waiting out its back-off).
        for (Job job : jobs.findByStatusOrderByPriorityDescCreatedAtAsc(JobStatus.FAILED)) {
            if (soUnderLock(job, j -> j.canRetry() && (j.getWorkerId() == null || dead.test(j)))) {
                job.retry();
                requeued++;
            }
        }
        return requeued;
    }

    /**
     * The job's heart beats: {@code worker} is alive and still holds it. False when the job is no
     * longer in that worker's name (another node took it over while this one was stopped or cut off).
     */
    @Transactional
    public boolean heartbeat(long id, String worker) {
        Job job = locked(id);
        if (!worker.equals(job.getWorkerId())) return false;
        if (job.getStatus() == JobStatus.RUNNING || job.getStatus() == JobStatus.PENDING) job.heartbeat();
        return true;
    }

    /**
     * Whether {@code worker} should go on with the job: it is running in that worker's name. A
     * cancelled job, or one another node took over after this one's heart stopped (a long pause, a
     * cut-off network), is not: the work stops at its next look.
     */
    public boolean stillHeldBy(long id, String worker) {
        return ofItsOwn(separateRead, () -> {
            Job job = get(id);
            return job.getStatus() == JobStatus.RUNNING && worker.equals(job.getWorkerId());
        });
    }

    /**
     * Work asks and reports from inside its own transactions, such as a read-only one that streams a
     * library's files. Joined, such a read would see the job as it was when that transaction began (on
     * SQLite, a cancel or a takeover since would go unseen) and a write would never be flushed. So
     * these run in a transaction of their own, unless the caller's is a write, which they join: on
     * SQLite a second writer beside it would wait for itself.
     */
    private <T> T ofItsOwn(org.springframework.transaction.support.TransactionTemplate separate, java.util.function.Supplier<T> call) {
        boolean inWrite = org.springframework.transaction.support.TransactionSynchronizationManager.isActualTransactionActive()
                && !org.springframework.transaction.support.TransactionSynchronizationManager.isCurrentTransactionReadOnly();
        if (inWrite) return call.get();
        return separate.execute(status -> call.get());
    }

    /**
     * The job, when it is in {@code worker}'s name: every write of a job's run goes through this, so a
     * node that comes back after another took its job over never writes over the new holder's progress or end.
     */
    private Job heldBy(long id, String worker) {
        Job job = locked(id);
        boolean elsewhere = job.getWorkerId() != null && !worker.equals(job.getWorkerId());
        boolean requeued = job.getWorkerId() == null && job.getStatus() == JobStatus.PENDING && job.getStartedAt() != null;
        if (elsewhere || requeued) throw new JobTakenOverException(id, worker, job.getWorkerId());
        // Otherwise the life cycle decides (completing a job that never ran is an illegal transition).
        return job;
    }

    /**
     * The job read with its row locked until the transaction ends (a row lock on PostgreSQL; SQLite's
     * write transactions hold the one write lock already), so no other node's claim or requeue lands
     * between the check of who holds it and the write.
     */
    private Job locked(long id) {
        Job job = entityManager.find(Job.class, id, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
        if (job == null) throw new NotFoundException("job", id);
        return job;
    }

    /** Whether {@code test} holds for the job as read, and still once its row is locked and read again. */
    private boolean soUnderLock(Job job, java.util.function.Predicate<Job> test) {
        if (!test.test(job)) return false;
        entityManager.refresh(job, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
        return test.test(job);
    }

    /** A write of a run refused because the job is no longer in the name of the worker that made it. */
    public static final class JobTakenOverException extends RuntimeException {
        JobTakenOverException(long id, String worker, String holder) {
            super("job " + id + " is no longer " + worker + "'s: " + (holder == null ? "it went back in the queue" : holder + " holds it now"));
        }
    }

    /**
     * Whether the job's worker is gone: a process of this host that no longer exists, or any worker
     * whose heart stopped beating longer ago than {@code limit}. This process's own jobs are alive.
     */
    private static boolean workerGone(Job job, String host, String thisWorker, java.time.Instant limit) {
        String worker = job.getWorkerId() == null ? "" : job.getWorkerId();
        if (worker.equals(thisWorker)) return false;
        boolean deadHere = worker.startsWith(host + ":") && !org.archivist.db.ProcessName.aliveElsewhere(worker);
        boolean silent = job.getHeartbeatAt() == null || job.getHeartbeatAt().isBefore(limit);
        return deadHere || silent;
    }

    @Transactional
    public Job start(long id, String worker) {
        Job job = get(id);
        job.start(worker);
        return job;
    }

    public Job updateProgress(long id, String worker, JobSchemas.Update progress) {
        return ofItsOwn(separateWrite, () -> {
            Job job = heldBy(id, worker);
            job.updateProgress(progress.processedItems(), progress.totalItems());
            return job;
        });
    }

    @Transactional
    public Job markCompleted(long id, String worker, Map<String, Object> result) {
        Job job = heldBy(id, worker);
        job.markCompleted(result);
        return job;
    }

    @Transactional
    public Job markFailed(long id, String worker, String error) {
        Job job = heldBy(id, worker);
        job.markFailed(error);
        return job;
    }

    @Transactional
    public Job cancel(long id) {
        Job job = get(id);
        job.cancel();
        return job;
    }

    @Transactional
    public Job release(long id, String worker) {
        Job job = heldBy(id, worker);
        job.release();
        return job;
    }

    @Transactional
    public Job retry(long id) {
        Job job = get(id);
        job.retry();
        return job;
    }

    /**
     * The retry a worker makes after its back-off, of the run that failed in its name: false (and
     * nothing changed) when the job is no longer that failed run in its name (another node retried or took it meanwhile).
     */
    @Transactional
    public boolean retryOwn(long id, String worker) {
        Job job = locked(id);
        if (!job.canRetry() || !worker.equals(job.getWorkerId())) return false;
        job.retry();
        job.keepFor(worker);
        return true;
    }

    /**
     * A command resuming its job that failed (in whichever process's name): back in the queue in this
     * worker's name, so no other worker takes it between this and its claim.
     */
    @Transactional
    public Job retryHere(long id, String worker) {
        Job job = get(id);
        job.retry();
        job.keepFor(worker);
        return job;
    }
}
