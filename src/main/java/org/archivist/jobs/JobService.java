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

    JobService(JobRepository jobs) {
        this.jobs = jobs;
    }

    @Transactional
    public Job enqueue(JobSchemas.Create request) {
        Job job = new Job(request.type(), request.params() == null ? Map.of() : request.params());
        if (request.priority() != null) job.setPriority(request.priority());
        if (request.maxRetries() != null) job.setMaxRetries(request.maxRetries());
        return jobs.save(job);
    }

    @Transactional(readOnly = true)
    public Job get(long id) {
        return jobs.findById(id).orElseThrow(() -> new NotFoundException("job", id));
    }

    @Transactional(readOnly = true)
    public List<Job> pending() {
        return jobs.findByStatusOrderByPriorityDescCreatedAtAsc(JobStatus.PENDING);
    }

    @Transactional
    public Job start(long id, String worker) {
        Job job = get(id);
        job.start(worker);
        return job;
    }

    @Transactional
    public Job updateProgress(long id, JobSchemas.Update progress) {
        Job job = get(id);
        job.updateProgress(progress.processedItems(), progress.totalItems());
        return job;
    }

    @Transactional
    public Job markCompleted(long id, Map<String, Object> result) {
        Job job = get(id);
        job.markCompleted(result);
        return job;
    }

    @Transactional
    public Job markFailed(long id, String error) {
        Job job = get(id);
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
    public Job retry(long id) {
        Job job = get(id);
        job.retry();
        return job;
    }
}
