package org.archivist.decisions;

import java.util.List;

import org.springframework.data.jpa.repository.JpaRepository;

/** Persistence of {@link UserDecision}; used only inside this feature. */
public interface UserDecisionRepository extends JpaRepository<UserDecision, Long> {

    List<UserDecision> findByFileId(Long fileId);
}
