package org.archivist.catalog;

import java.util.List;
import java.util.Optional;

import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;
import org.springframework.data.jpa.repository.JpaRepository;

/** Persistence of {@link Tag}; used only inside this feature. */
public interface TagRepository extends JpaRepository<Tag, Long> {

    @Query("select t from Tag t where lower(t.name) = lower(:name)")
    Optional<Tag> findByNameIgnoringCase(@Param("name") String name);

    List<Tag> findByCategory(String category);
}
