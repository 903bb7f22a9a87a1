package org.archivist.dedup;

import java.util.List;

import org.springframework.data.jpa.repository.JpaRepository;

/** Persistence of {@link Duplicate}; used only inside this feature. */
public interface DuplicateRepository extends JpaRepository<Duplicate, Long> {

    List<Duplicate> findByDuplicateOfId(Long fileId);
}
