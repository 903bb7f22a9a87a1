package org.archivist.catalog;

import java.util.List;

import org.springframework.data.jpa.repository.JpaRepository;

/** Persistence of {@link Person}; used only inside this feature. */
public interface PersonRepository extends JpaRepository<Person, Long> {

    List<Person> findByNameIgnoreCase(String name);
}
