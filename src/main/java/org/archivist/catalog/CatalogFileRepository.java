package org.archivist.catalog;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;
import org.springframework.data.jpa.repository.JpaRepository;

/** Persistence of {@link CatalogFile}; used only inside this feature. */
public interface CatalogFileRepository extends JpaRepository<CatalogFile, Long> {

    Optional<CatalogFile> findByLibraryIdAndPath(Long libraryId, String path);

    List<CatalogFile> findBySha256(String sha256);

    /** A keyset page: the files of one media type created after the given (created_at, id) position. */
    @Query("""
            select f from CatalogFile f
            where f.mediaType = :mediaType
              and (f.createdAt > :afterCreatedAt or (f.createdAt = :afterCreatedAt and f.id > :afterId))
            order by f.createdAt, f.id""")
    List<CatalogFile> pageByMediaType(@Param("mediaType") MediaType mediaType,
                                      @Param("afterCreatedAt") Instant afterCreatedAt,
                                      @Param("afterId") long afterId, Limit limit);
}
