package org.archivist.catalog;

import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;

/** Persistence of {@link Item}; used only inside this feature. */
public interface ItemRepository extends JpaRepository<Item, Long> {

    Optional<Item> findByIsbn(String isbn);

    Optional<Item> findByStashId(String stashId);
}
