package org.archivist.settings;

import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;

/** Persistence of {@link ScheduledTask}; used only inside this feature. */
public interface ScheduledTaskRepository extends JpaRepository<ScheduledTask, Long> {

    Optional<ScheduledTask> findByName(String name);
}
