--liquibase formatted sql

-- The offline guard: a scan that finds a library's root missing, empty, or with more than half of
-- its files gone stops, changes nothing, and records why here. The next good scan clears it.
--changeset archivist:0.3.0-libraries-offline
ALTER TABLE libraries ADD COLUMN offline_reason TEXT;
--rollback ALTER TABLE libraries DROP COLUMN offline_reason;

-- A moved file is found by its size and cheap fingerprint among the files that vanished.
--changeset archivist:0.3.0-files-size-quick-hash
CREATE INDEX ix_files_library_quick_hash ON files (library_id, quick_hash, size_bytes);
--rollback DROP INDEX ix_files_library_quick_hash;
