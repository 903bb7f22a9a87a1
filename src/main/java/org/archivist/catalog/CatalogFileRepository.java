package org.archivist.catalog;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;
import org.springframework.data.jpa.repository.JpaRepository;

/** Persistence of {@link CatalogFile}; used only inside this feature. */
public interface CatalogFileRepository extends JpaRepository<CatalogFile, Long> {

    Optional<CatalogFile> findByLibraryIdAndPath(Long libraryId, String path);

    List<CatalogFile> findBySha256(String sha256);

    /**
     * A keyset page: the files of one media type created after the given (created_at, id)
     * position. The row-value comparison lets both engines seek the (media_type, created_at, id)
     * index straight to the position; the equivalent OR form makes them scan from the start.
     */
    @Query(nativeQuery = true, value = """
            SELECT * FROM files
            WHERE media_type = :mediaType AND (created_at, id) > (:afterCreatedAt, :afterId)
            ORDER BY created_at, id LIMIT :limit""")
    List<CatalogFile> pageByMediaType(@Param("mediaType") String mediaType,
                                      @Param("afterCreatedAt") Instant afterCreatedAt,
                                      @Param("afterId") long afterId, @Param("limit") int limit);
}
