package org.archivist.jobs;

import java.util.List;

import org.springframework.data.jpa.repository.JpaRepository;

/** Persistence of {@link Job}; used only inside this feature. */
public interface JobRepository extends JpaRepository<Job, Long> {

    List<Job> findByStatusOrderByPriorityDescCreatedAtAsc(JobStatus status);
}
