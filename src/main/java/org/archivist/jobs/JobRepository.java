package org.archivist.jobs;

import java.util.List;

import org.springframework.data.jpa.repository.JpaRepository;

/** Persistence of {@link Job}; used only inside this feature. */
public interface JobRepository extends JpaRepository<Job, Long> {

    List<Job> findByStatusOrderByPriorityDescCreatedAtAsc(JobStatus status);

    /**
     * The jobs that may hold a claim against job {@code id}: every running one, and the older ones that
     * started and have not ended (waiting for a claim or for a retry). Failed jobs with no retry left,
     * which pile up over the years, are not read.
     */
    @org.springframework.data.jpa.repository.Query("""
            SELECT j FROM Job j WHERE j.id <> :id AND (j.status = org.archivist.jobs.JobStatus.RUNNING
                OR (j.id < :id AND j.startedAt IS NOT NULL AND (j.status = org.archivist.jobs.JobStatus.PENDING
                    OR (j.status = org.archivist.jobs.JobStatus.FAILED AND j.retryCount < j.maxRetries))))
            ORDER BY j.id""")
    List<Job> findPossibleHolders(@org.springframework.data.repository.query.Param("id") long id);

    List<Job> findByTypeAndStatusInOrderByIdAsc(String type, java.util.Collection<JobStatus> statuses);

    List<Job> findTop50ByOrderByIdDesc();

    List<Job> findByTypeAndStatusOrderByIdDesc(String type, JobStatus status, org.springframework.data.domain.Pageable page);

    List<Job> findByTypeOrderByIdDesc(String type, org.springframework.data.domain.Pageable page);

    List<Job> findByStatusOrderByIdDesc(JobStatus status, org.springframework.data.domain.Pageable page);

    List<Job> findAllByOrderByIdDesc(org.springframework.data.domain.Pageable page);

    /** Atomic claim: only one worker moves a pending job to running; one waiting for a claim only the process that waits on it. */
    @org.springframework.data.jpa.repository.Modifying(clearAutomatically = true, flushAutomatically = true)
    @org.springframework.data.jpa.repository.Query("""
            UPDATE Job j SET j.status = org.archivist.jobs.JobStatus.RUNNING, j.workerId = :worker,
                j.startedAt = :now, j.heartbeatAt = :now, j.error = NULL
            WHERE j.id = :id AND j.status = org.archivist.jobs.JobStatus.PENDING AND (j.workerId IS NULL OR j.workerId = :worker)""")
    int claim(@org.springframework.data.repository.query.Param("id") long id,
              @org.springframework.data.repository.query.Param("worker") String worker,
              @org.springframework.data.repository.query.Param("now") java.time.Instant now);
}
