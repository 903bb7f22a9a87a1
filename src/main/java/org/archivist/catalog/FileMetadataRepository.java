package org.archivist.catalog;


import org.springframework.data.jpa.repository.JpaRepository;

/** Persistence of {@link FileMetadata}; used only inside this feature. */
public interface FileMetadataRepository extends JpaRepository<FileMetadata, Long> {

}
