package org.archivist.reviews;

import java.util.List;
import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;

/** Persistence of {@link UserFavorite}; used only inside this feature. */
public interface UserFavoriteRepository extends JpaRepository<UserFavorite, Long> {

    Optional<UserFavorite> findByUserIdAndItemId(Long userId, Long itemId);

    List<UserFavorite> findByUserId(Long userId);
}
