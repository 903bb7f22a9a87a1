package org.archivist.plans;


import org.springframework.data.jpa.repository.JpaRepository;

/** Persistence of {@link AnalysisPlan}; used only inside this feature. */
public interface AnalysisPlanRepository extends JpaRepository<AnalysisPlan, Long> {

}
