package org.archivist.catalog;

import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;

/** Persistence of {@link ItemCollection}; used only inside this feature. */
public interface ItemCollectionRepository extends JpaRepository<ItemCollection, Long> {

    Optional<ItemCollection> findByName(String name);
}
