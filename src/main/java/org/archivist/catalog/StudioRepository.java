package org.archivist.catalog;

import java.util.List;

import org.springframework.data.jpa.repository.JpaRepository;

/** Persistence of {@link Studio}; used only inside this feature. */
public interface StudioRepository extends JpaRepository<Studio, Long> {

    List<Studio> findByNameIgnoreCase(String name);
}
