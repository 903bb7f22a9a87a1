package org.archivist.plans;

import java.util.List;

import org.springframework.data.jpa.repository.JpaRepository;

/** Persistence of {@link PlanChange}; used only inside this feature. */
public interface PlanChangeRepository extends JpaRepository<PlanChange, Long> {

    List<PlanChange> findByItemId(Long itemId);
}
