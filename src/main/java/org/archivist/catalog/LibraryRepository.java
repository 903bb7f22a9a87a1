package org.archivist.catalog;

import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;

/** Persistence of {@link Library}; used only inside this feature. */
public interface LibraryRepository extends JpaRepository<Library, Long> {

    Optional<Library> findByName(String name);

    Optional<Library> findByRootPath(String rootPath);
}
