--liquibase formatted sql

-- A faster writer. Every secondary index costs each inserted row a B-tree write: an index another
-- one covers (its columns lead the other's) or no query uses goes, and an index on a column that
-- is mostly empty holds only the rows that have a value. Lookups by value (sha256 = ?, studio_id
-- = ?) imply the column is not null, so both engines still use them; the audio tags' indexes are
-- there for lookups by artist, album, title and genre (docs/database.md).
-- suspended_indexes records the indexes a bulk first scan on SQLite drops while it writes, so that
-- a killed scan's indexes are built again by the next start.

--changeset archivist:0.10.0-drop-covered-indexes
-- ix_files_media_type_created_at (media_type, created_at, id) covers (media_type); ix_jobs_claim
-- (status, priority, created_at) covers (status); no query filters on is_processed alone.
DROP INDEX ix_files_media_type;
DROP INDEX ix_jobs_status;
DROP INDEX ix_files_is_processed;
--rollback CREATE INDEX ix_files_media_type ON files (media_type);
--rollback CREATE INDEX ix_jobs_status ON jobs (status);
--rollback CREATE INDEX ix_files_is_processed ON files (is_processed);

--changeset archivist:0.10.0-partial-indexes
DROP INDEX ix_files_sha256;
CREATE INDEX ix_files_sha256 ON files (sha256) WHERE sha256 IS NOT NULL;
DROP INDEX ix_items_studio_id;
CREATE INDEX ix_items_studio_id ON items (studio_id) WHERE studio_id IS NOT NULL;
DROP INDEX ix_file_metadata_artist;
CREATE INDEX ix_file_metadata_artist ON file_metadata (artist) WHERE artist IS NOT NULL;
DROP INDEX ix_file_metadata_album;
CREATE INDEX ix_file_metadata_album ON file_metadata (album) WHERE album IS NOT NULL;
DROP INDEX ix_file_metadata_title;
CREATE INDEX ix_file_metadata_title ON file_metadata (title) WHERE title IS NOT NULL;
DROP INDEX ix_file_metadata_genre;
CREATE INDEX ix_file_metadata_genre ON file_metadata (genre) WHERE genre IS NOT NULL;
--rollback DROP INDEX ix_files_sha256;
--rollback CREATE INDEX ix_files_sha256 ON files (sha256);
--rollback DROP INDEX ix_items_studio_id;
--rollback CREATE INDEX ix_items_studio_id ON items (studio_id);
--rollback DROP INDEX ix_file_metadata_artist;
--rollback CREATE INDEX ix_file_metadata_artist ON file_metadata (artist);
--rollback DROP INDEX ix_file_metadata_album;
--rollback CREATE INDEX ix_file_metadata_album ON file_metadata (album);
--rollback DROP INDEX ix_file_metadata_title;
--rollback CREATE INDEX ix_file_metadata_title ON file_metadata (title);
--rollback DROP INDEX ix_file_metadata_genre;
--rollback CREATE INDEX ix_file_metadata_genre ON file_metadata (genre);

--changeset archivist:0.10.0-unhashed-files
-- The hashing stage's queue (library_id = ? AND sha256 IS NULL AND id > ? ORDER BY id): the files that
-- wait for their SHA-256, in order, which the partial ix_files_sha256 no longer holds.
CREATE INDEX ix_files_unhashed ON files (library_id, id) WHERE sha256 IS NULL;
--rollback DROP INDEX ix_files_unhashed;

--changeset archivist:0.10.0-suspended-indexes
CREATE TABLE suspended_indexes (
    name TEXT NOT NULL CONSTRAINT pk_suspended_indexes PRIMARY KEY,
    table_name TEXT NOT NULL,
    definition TEXT NOT NULL,
    suspended_by TEXT NOT NULL,
    suspended_at ${instant} NOT NULL DEFAULT ${now}
);
--rollback DROP TABLE suspended_indexes;
