package org.archivist.reviews;

import java.util.List;
import java.util.Optional;

import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;
import org.springframework.data.jpa.repository.JpaRepository;

/** Persistence of {@link Review}; used only inside this feature. */
public interface ReviewRepository extends JpaRepository<Review, Long> {

    Optional<Review> findByUserIdAndItemId(Long userId, Long itemId);

    List<Review> findByItemIdOrderByUpdatedAtDesc(Long itemId);

    @Query("select count(r), coalesce(sum(r.rating), 0) from Review r where r.item.id = :itemId")
    List<Object[]> summarize(@Param("itemId") Long itemId);
}
