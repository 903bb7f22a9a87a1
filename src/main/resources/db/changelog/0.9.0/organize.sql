--liquibase formatted sql

-- Organize: a library's folder layout (templates, copy or move, a destination), runs computed as a
-- preview of every move, and the journal each move goes through so a crash at any step is finished
-- or undone by looking at where the file is (docs/organize.md).

--changeset archivist:0.9.0-organize-settings
CREATE TABLE organize_settings (
    library_id BIGINT NOT NULL CONSTRAINT pk_organize_settings PRIMARY KEY CONSTRAINT fk_organize_settings_library REFERENCES libraries (id) ON DELETE CASCADE,
    mode TEXT NOT NULL DEFAULT 'move' CONSTRAINT ck_organize_settings_mode CHECK (mode IN ('move', 'copy')),
    destination TEXT,
    templates ${json} NOT NULL DEFAULT '{}' CONSTRAINT ck_organize_settings_templates CHECK (json_valid(templates)),
    xmp_into_originals BOOLEAN NOT NULL DEFAULT FALSE,
    updated_at ${instant} NOT NULL DEFAULT ${now}
);
--rollback DROP TABLE organize_settings;

--changeset archivist:0.9.0-organize-runs
CREATE TABLE organize_runs (
    id ${pk},
    library_id BIGINT NOT NULL CONSTRAINT fk_organize_runs_library REFERENCES libraries (id) ON DELETE CASCADE,
    undoes_run_id BIGINT CONSTRAINT fk_organize_runs_undoes REFERENCES organize_runs (id) ON DELETE SET NULL,
    status TEXT NOT NULL CONSTRAINT ck_organize_runs_status CHECK (status IN ('preview', 'applying', 'applied', 'undone', 'cancelled')),
    mode TEXT NOT NULL CONSTRAINT ck_organize_runs_mode CHECK (mode IN ('move', 'copy')),
    source_root TEXT NOT NULL,
    destination TEXT NOT NULL,
    settings ${json} NOT NULL CONSTRAINT ck_organize_runs_settings CHECK (json_valid(settings)),
    created_at ${instant} NOT NULL DEFAULT ${now},
    applied_at ${instant}
);
CREATE INDEX ix_organize_runs_library ON organize_runs (library_id, id);
--rollback DROP TABLE organize_runs;

--changeset archivist:0.9.0-organize-moves
-- One row per file (a sidecar has its own row, pointing at its file's). The journal: a move is
-- 'moving' before anything touches the disk and 'placed' (the catalogue updated) or 'done' after.
CREATE TABLE organize_moves (
    id ${pk},
    run_id BIGINT NOT NULL CONSTRAINT fk_organize_moves_run REFERENCES organize_runs (id) ON DELETE CASCADE,
    file_id BIGINT CONSTRAINT fk_organize_moves_file REFERENCES files (id) ON DELETE SET NULL,
    sidecar_of BIGINT CONSTRAINT fk_organize_moves_sidecar_of REFERENCES organize_moves (id) ON DELETE CASCADE,
    source_path TEXT NOT NULL,
    target_path TEXT,
    target_library_id BIGINT CONSTRAINT fk_organize_moves_target_library REFERENCES libraries (id) ON DELETE SET NULL,
    sha256 TEXT,
    size_bytes BIGINT,
    state TEXT NOT NULL CONSTRAINT ck_organize_moves_state
        CHECK (state IN ('planned', 'moving', 'placed', 'done', 'unchanged', 'duplicate', 'skipped', 'failed')),
    reason TEXT,
    updated_at ${instant} NOT NULL DEFAULT ${now}
);
CREATE INDEX ix_organize_moves_run ON organize_moves (run_id, state, id);
CREATE INDEX ix_organize_moves_sidecar_of ON organize_moves (sidecar_of);
--rollback DROP TABLE organize_moves;
