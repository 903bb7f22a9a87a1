--liquibase formatted sql

-- Why a file has no perceptual hash (a format nothing here decodes, a video ffmpeg cannot read),
-- so detection does not try it again until the file changes (the scanner clears it with phash).
--changeset archivist:0.4.0-files-phash-error
ALTER TABLE files ADD COLUMN phash_error TEXT;
--rollback ALTER TABLE files DROP COLUMN phash_error;

-- The journal of files moved into a library's trash folder. A row is written before the move
-- ('moving', 'restoring') and completed after it, so a crash at any point can be finished or
-- undone at the next start by looking at where the file is. Emptying is the only deletion.
--changeset archivist:0.4.0-trash-entries
CREATE TABLE trash_entries (
    id ${pk},
    library_id BIGINT NOT NULL CONSTRAINT fk_trash_entries_library REFERENCES libraries (id) ON DELETE CASCADE,
    file_id BIGINT CONSTRAINT fk_trash_entries_file REFERENCES files (id) ON DELETE SET NULL,
    kept_file_id BIGINT CONSTRAINT fk_trash_entries_kept_file REFERENCES files (id) ON DELETE SET NULL,
    original_path TEXT NOT NULL,
    trash_path TEXT NOT NULL,
    size_bytes BIGINT NOT NULL,
    sha256 TEXT NOT NULL,
    state TEXT NOT NULL CONSTRAINT ck_trash_entries_state CHECK (state IN ('moving', 'trashed', 'restoring', 'restored', 'emptied')),
    trashed_at ${instant} NOT NULL DEFAULT ${now},
    finished_at ${instant}
);
CREATE INDEX ix_trash_entries_state ON trash_entries (state, trashed_at);
CREATE INDEX ix_trash_entries_file_id ON trash_entries (file_id);
CREATE INDEX ix_trash_entries_kept_file_id ON trash_entries (kept_file_id);
--rollback DROP TABLE trash_entries;
