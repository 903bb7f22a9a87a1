--liquibase formatted sql

-- SQLite checks JSON text with its built-in json_valid(); a jsonb value is valid by
-- construction, so PostgreSQL gets a json_valid() that says so and the CHECKs read the same.
--changeset archivist:0.1.0-json-valid dbms:postgresql splitStatements:false
CREATE FUNCTION json_valid(value JSONB) RETURNS BOOLEAN LANGUAGE sql IMMUTABLE AS 'SELECT TRUE';
--rollback DROP FUNCTION json_valid(JSONB);

--changeset archivist:0.1.0-users
CREATE TABLE users (
    id ${pk},
    email TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    first_name TEXT,
    last_name TEXT,
    role TEXT NOT NULL DEFAULT 'user' CONSTRAINT ck_users_role CHECK (role IN ('admin', 'user')),
    is_active BOOLEAN NOT NULL DEFAULT TRUE,
    last_login_at ${instant},
    created_at ${instant} NOT NULL DEFAULT ${now},
    updated_at ${instant} NOT NULL DEFAULT ${now}
);
CREATE UNIQUE INDEX ux_users_email ON users (lower(email));
--rollback DROP TABLE users;

--changeset archivist:0.1.0-libraries
CREATE TABLE libraries (
    id ${pk},
    name TEXT NOT NULL CONSTRAINT uq_libraries_name UNIQUE,
    root_path TEXT NOT NULL CONSTRAINT uq_libraries_root_path UNIQUE,
    media_types ${json} NOT NULL DEFAULT '[]' CONSTRAINT ck_libraries_media_types CHECK (json_valid(media_types)),
    settings ${json} NOT NULL DEFAULT '{}' CONSTRAINT ck_libraries_settings CHECK (json_valid(settings)),
    enabled BOOLEAN NOT NULL DEFAULT TRUE,
    last_scanned_at ${instant},
    created_at ${instant} NOT NULL DEFAULT ${now},
    updated_at ${instant} NOT NULL DEFAULT ${now}
);
--rollback DROP TABLE libraries;

--changeset archivist:0.1.0-studios
CREATE TABLE studios (
    id ${pk},
    name TEXT NOT NULL,
    parent_id BIGINT CONSTRAINT fk_studios_parent REFERENCES studios (id) ON DELETE SET NULL,
    stash_id TEXT CONSTRAINT uq_studios_stash_id UNIQUE,
    last_synced_at ${instant},
    created_at ${instant} NOT NULL DEFAULT ${now},
    updated_at ${instant} NOT NULL DEFAULT ${now},
    CONSTRAINT ck_studios_not_own_parent CHECK (parent_id IS NULL OR parent_id <> id)
);
CREATE INDEX ix_studios_name ON studios (name);
CREATE INDEX ix_studios_parent_id ON studios (parent_id);
--rollback DROP TABLE studios;

--changeset archivist:0.1.0-items
CREATE TABLE items (
    id ${pk},
    kind TEXT NOT NULL CONSTRAINT ck_items_kind CHECK (kind IN ('scene', 'photo', 'track', 'book', 'document', 'other')),
    title TEXT NOT NULL,
    details TEXT,
    item_date DATE,
    organized BOOLEAN NOT NULL DEFAULT FALSE,
    studio_id BIGINT CONSTRAINT fk_items_studio REFERENCES studios (id) ON DELETE SET NULL,
    isbn TEXT CONSTRAINT uq_items_isbn UNIQUE CONSTRAINT ck_items_isbn CHECK (isbn IS NULL OR length(isbn) = 13),
    cover_image_url TEXT,
    average_rating NUMERIC(3, 2) NOT NULL DEFAULT 0 CONSTRAINT ck_items_average_rating CHECK (average_rating BETWEEN 0 AND 5),
    review_count INTEGER NOT NULL DEFAULT 0 CONSTRAINT ck_items_review_count CHECK (review_count >= 0),
    stash_id TEXT CONSTRAINT uq_items_stash_id UNIQUE,
    last_synced_at ${instant},
    created_at ${instant} NOT NULL DEFAULT ${now},
    updated_at ${instant} NOT NULL DEFAULT ${now}
);
CREATE INDEX ix_items_kind ON items (kind);
CREATE INDEX ix_items_title ON items (title);
CREATE INDEX ix_items_item_date ON items (item_date);
CREATE INDEX ix_items_average_rating ON items (average_rating);
CREATE INDEX ix_items_studio_id ON items (studio_id);
--rollback DROP TABLE items;

--changeset archivist:0.1.0-people
CREATE TABLE people (
    id ${pk},
    name TEXT NOT NULL,
    disambiguation TEXT,
    stash_id TEXT CONSTRAINT uq_people_stash_id UNIQUE,
    last_synced_at ${instant},
    created_at ${instant} NOT NULL DEFAULT ${now},
    updated_at ${instant} NOT NULL DEFAULT ${now}
);
CREATE INDEX ix_people_name ON people (name);
--rollback DROP TABLE people;

--changeset archivist:0.1.0-item-people
CREATE TABLE item_people (
    item_id BIGINT NOT NULL CONSTRAINT fk_item_people_item REFERENCES items (id) ON DELETE CASCADE,
    person_id BIGINT NOT NULL CONSTRAINT fk_item_people_person REFERENCES people (id) ON DELETE CASCADE,
    role TEXT NOT NULL CONSTRAINT ck_item_people_role CHECK (role IN ('performer', 'author', 'artist', 'director', 'other')),
    CONSTRAINT pk_item_people PRIMARY KEY (item_id, person_id, role)
);
CREATE INDEX ix_item_people_person_id ON item_people (person_id);
--rollback DROP TABLE item_people;

--changeset archivist:0.1.0-tags
CREATE TABLE tags (
    id ${pk},
    name TEXT NOT NULL,
    description TEXT,
    color TEXT CONSTRAINT ck_tags_color CHECK (color IS NULL OR ${hex_color}),
    category TEXT,
    stash_id TEXT CONSTRAINT uq_tags_stash_id UNIQUE,
    last_synced_at ${instant},
    created_at ${instant} NOT NULL DEFAULT ${now},
    updated_at ${instant} NOT NULL DEFAULT ${now}
);
CREATE UNIQUE INDEX ux_tags_name ON tags (lower(name));
CREATE INDEX ix_tags_category ON tags (category);
--rollback DROP TABLE tags;

--changeset archivist:0.1.0-item-tags
CREATE TABLE item_tags (
    item_id BIGINT NOT NULL CONSTRAINT fk_item_tags_item REFERENCES items (id) ON DELETE CASCADE,
    tag_id BIGINT NOT NULL CONSTRAINT fk_item_tags_tag REFERENCES tags (id) ON DELETE CASCADE,
    created_at ${instant} NOT NULL DEFAULT ${now},
    CONSTRAINT pk_item_tags PRIMARY KEY (item_id, tag_id)
);
CREATE INDEX ix_item_tags_tag_id ON item_tags (tag_id);
--rollback DROP TABLE item_tags;

--changeset archivist:0.1.0-collections
CREATE TABLE collections (
    id ${pk},
    name TEXT NOT NULL CONSTRAINT uq_collections_name UNIQUE,
    description TEXT,
    owner_id BIGINT CONSTRAINT fk_collections_owner REFERENCES users (id) ON DELETE SET NULL,
    created_at ${instant} NOT NULL DEFAULT ${now},
    updated_at ${instant} NOT NULL DEFAULT ${now}
);
CREATE INDEX ix_collections_owner_id ON collections (owner_id);
--rollback DROP TABLE collections;

--changeset archivist:0.1.0-collection-items
CREATE TABLE collection_items (
    collection_id BIGINT NOT NULL CONSTRAINT fk_collection_items_collection REFERENCES collections (id) ON DELETE CASCADE,
    item_id BIGINT NOT NULL CONSTRAINT fk_collection_items_item REFERENCES items (id) ON DELETE CASCADE,
    position INTEGER NOT NULL CONSTRAINT ck_collection_items_position CHECK (position >= 0),
    added_at ${instant} NOT NULL DEFAULT ${now},
    CONSTRAINT pk_collection_items PRIMARY KEY (collection_id, item_id)
);
CREATE INDEX ix_collection_items_order ON collection_items (collection_id, position);
CREATE INDEX ix_collection_items_item_id ON collection_items (item_id);
--rollback DROP TABLE collection_items;

--changeset archivist:0.1.0-files
CREATE TABLE files (
    id ${pk},
    library_id BIGINT NOT NULL CONSTRAINT fk_files_library REFERENCES libraries (id) ON DELETE CASCADE,
    item_id BIGINT CONSTRAINT fk_files_item REFERENCES items (id) ON DELETE SET NULL,
    path TEXT NOT NULL,
    file_name TEXT NOT NULL,
    size_bytes BIGINT NOT NULL CONSTRAINT ck_files_size_bytes CHECK (size_bytes >= 0),
    file_created_at ${instant},
    file_modified_at ${instant} NOT NULL,
    mime_type TEXT,
    media_type TEXT NOT NULL CONSTRAINT ck_files_media_type CHECK (media_type IN ('video', 'audio', 'image', 'document', 'book', 'other')),
    sha256 TEXT CONSTRAINT ck_files_sha256 CHECK (sha256 IS NULL OR length(sha256) = 64),
    quick_hash TEXT,
    phash BIGINT,
    detected_at ${instant},
    detected_offset_minutes INTEGER CONSTRAINT ck_files_detected_offset CHECK (detected_offset_minutes BETWEEN -1080 AND 1080),
    timestamp_source TEXT CONSTRAINT ck_files_timestamp_source CHECK (timestamp_source IN ('exif', 'container', 'filename', 'filesystem', 'user')),
    confidence TEXT NOT NULL DEFAULT 'none' CONSTRAINT ck_files_confidence CHECK (confidence IN ('high', 'medium', 'low', 'none')),
    original_path TEXT NOT NULL,
    output_path TEXT,
    status TEXT NOT NULL DEFAULT 'present' CONSTRAINT ck_files_status CHECK (status IN ('present', 'missing', 'error')),
    scan_error TEXT,
    is_processed BOOLEAN NOT NULL DEFAULT FALSE,
    is_compressed BOOLEAN NOT NULL DEFAULT FALSE,
    compression_ratio DOUBLE PRECISION CONSTRAINT ck_files_compression_ratio CHECK (compression_ratio > 0),
    last_scanned_at ${instant} NOT NULL,
    created_at ${instant} NOT NULL DEFAULT ${now},
    updated_at ${instant} NOT NULL DEFAULT ${now},
    CONSTRAINT uq_files_library_path UNIQUE (library_id, path)
);
CREATE INDEX ix_files_item_id ON files (item_id);
CREATE INDEX ix_files_file_name ON files (file_name);
CREATE INDEX ix_files_mime_type ON files (mime_type);
CREATE INDEX ix_files_media_type ON files (media_type);
CREATE INDEX ix_files_sha256 ON files (sha256);
CREATE INDEX ix_files_quick_hash ON files (quick_hash);
CREATE INDEX ix_files_detected_at ON files (detected_at);
CREATE INDEX ix_files_is_processed ON files (is_processed);
CREATE INDEX ix_files_created_at ON files (created_at);
CREATE INDEX ix_files_media_type_created_at ON files (media_type, created_at, id);
--rollback DROP TABLE files;

--changeset archivist:0.1.0-file-metadata
CREATE TABLE file_metadata (
    file_id BIGINT NOT NULL CONSTRAINT pk_file_metadata PRIMARY KEY CONSTRAINT fk_file_metadata_file REFERENCES files (id) ON DELETE CASCADE,
    duration_seconds DOUBLE PRECISION CONSTRAINT ck_file_metadata_duration CHECK (duration_seconds >= 0),
    width INTEGER CONSTRAINT ck_file_metadata_width CHECK (width > 0),
    height INTEGER CONSTRAINT ck_file_metadata_height CHECK (height > 0),
    fps DOUBLE PRECISION,
    video_codec TEXT,
    audio_codec TEXT,
    bitrate BIGINT,
    sample_rate INTEGER,
    channels INTEGER,
    artist TEXT,
    album TEXT,
    title TEXT,
    year INTEGER,
    genre TEXT,
    camera_make TEXT,
    camera_model TEXT,
    lens TEXT,
    iso INTEGER,
    aperture DOUBLE PRECISION,
    shutter_speed TEXT,
    focal_length DOUBLE PRECISION,
    orientation INTEGER CONSTRAINT ck_file_metadata_orientation CHECK (orientation BETWEEN 1 AND 8),
    latitude DOUBLE PRECISION CONSTRAINT ck_file_metadata_latitude CHECK (latitude BETWEEN -90 AND 90),
    longitude DOUBLE PRECISION CONSTRAINT ck_file_metadata_longitude CHECK (longitude BETWEEN -180 AND 180),
    altitude DOUBLE PRECISION,
    location_name TEXT,
    page_count INTEGER CONSTRAINT ck_file_metadata_page_count CHECK (page_count >= 0),
    language TEXT,
    extra ${json} CONSTRAINT ck_file_metadata_extra CHECK (json_valid(extra))
);
CREATE INDEX ix_file_metadata_artist ON file_metadata (artist);
CREATE INDEX ix_file_metadata_album ON file_metadata (album);
CREATE INDEX ix_file_metadata_title ON file_metadata (title);
CREATE INDEX ix_file_metadata_genre ON file_metadata (genre);
--rollback DROP TABLE file_metadata;

--changeset archivist:0.1.0-duplicates
CREATE TABLE duplicates (
    id ${pk},
    file_id BIGINT NOT NULL CONSTRAINT fk_duplicates_file REFERENCES files (id) ON DELETE CASCADE,
    duplicate_of_id BIGINT NOT NULL CONSTRAINT fk_duplicates_duplicate_of REFERENCES files (id) ON DELETE CASCADE,
    match_type TEXT NOT NULL CONSTRAINT ck_duplicates_match_type CHECK (match_type IN ('exact', 'perceptual')),
    similarity DOUBLE PRECISION NOT NULL CONSTRAINT ck_duplicates_similarity CHECK (similarity BETWEEN 0 AND 1),
    detected_at ${instant} NOT NULL DEFAULT ${now},
    CONSTRAINT uq_duplicates_pair UNIQUE (file_id, duplicate_of_id, match_type),
    CONSTRAINT ck_duplicates_distinct CHECK (file_id <> duplicate_of_id)
);
CREATE INDEX ix_duplicates_file_pair ON duplicates (file_id, duplicate_of_id);
CREATE INDEX ix_duplicates_duplicate_of_id ON duplicates (duplicate_of_id);
--rollback DROP TABLE duplicates;

--changeset archivist:0.1.0-user-decisions
CREATE TABLE user_decisions (
    id ${pk},
    file_id BIGINT NOT NULL CONSTRAINT fk_user_decisions_file REFERENCES files (id) ON DELETE CASCADE,
    user_id BIGINT CONSTRAINT fk_user_decisions_user REFERENCES users (id) ON DELETE SET NULL,
    decision_type TEXT NOT NULL CONSTRAINT ck_user_decisions_type CHECK (decision_type IN
        ('timestamp_override', 'keep_duplicate', 'discard_duplicate', 'not_duplicate', 'tag_assignment', 'metadata_override')),
    decision_value ${json} NOT NULL DEFAULT '{}' CONSTRAINT ck_user_decisions_value CHECK (json_valid(decision_value)),
    decided_at ${instant} NOT NULL DEFAULT ${now},
    applied_at ${instant}
);
CREATE INDEX ix_user_decisions_file_id ON user_decisions (file_id, decision_type);
CREATE INDEX ix_user_decisions_user_id ON user_decisions (user_id);
--rollback DROP TABLE user_decisions;

--changeset archivist:0.1.0-analysis-plans
CREATE TABLE analysis_plans (
    id ${pk},
    name TEXT NOT NULL,
    description TEXT,
    metadata ${json} NOT NULL DEFAULT '{}' CONSTRAINT ck_analysis_plans_metadata CHECK (json_valid(metadata)),
    status TEXT NOT NULL DEFAULT 'draft' CONSTRAINT ck_analysis_plans_status CHECK (status IN ('draft', 'reviewing', 'applied', 'cancelled')),
    created_by BIGINT CONSTRAINT fk_analysis_plans_created_by REFERENCES users (id) ON DELETE SET NULL,
    created_at ${instant} NOT NULL DEFAULT ${now},
    applied_at ${instant}
);
CREATE INDEX ix_analysis_plans_status ON analysis_plans (status);
CREATE INDEX ix_analysis_plans_created_by ON analysis_plans (created_by);
--rollback DROP TABLE analysis_plans;

--changeset archivist:0.1.0-plan-changes
CREATE TABLE plan_changes (
    id ${pk},
    plan_id BIGINT NOT NULL CONSTRAINT fk_plan_changes_plan REFERENCES analysis_plans (id) ON DELETE CASCADE,
    item_id BIGINT NOT NULL CONSTRAINT fk_plan_changes_item REFERENCES items (id) ON DELETE CASCADE,
    field TEXT NOT NULL,
    action TEXT NOT NULL CONSTRAINT ck_plan_changes_action CHECK (action IN ('add', 'remove', 'update', 'set')),
    current_value ${json} CONSTRAINT ck_plan_changes_current_value CHECK (json_valid(current_value)),
    proposed_value ${json} CONSTRAINT ck_plan_changes_proposed_value CHECK (json_valid(proposed_value)),
    confidence DOUBLE PRECISION CONSTRAINT ck_plan_changes_confidence CHECK (confidence BETWEEN 0 AND 1),
    accepted BOOLEAN,
    applied BOOLEAN NOT NULL DEFAULT FALSE,
    applied_at ${instant}
);
CREATE INDEX ix_plan_changes_plan_id ON plan_changes (plan_id);
CREATE INDEX ix_plan_changes_item_id ON plan_changes (item_id);
--rollback DROP TABLE plan_changes;

--changeset archivist:0.1.0-jobs
CREATE TABLE jobs (
    id ${pk},
    type TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'pending' CONSTRAINT ck_jobs_status CHECK (status IN ('pending', 'running', 'completed', 'failed', 'cancelled')),
    params ${json} NOT NULL DEFAULT '{}' CONSTRAINT ck_jobs_params CHECK (json_valid(params)),
    progress INTEGER NOT NULL DEFAULT 0 CONSTRAINT ck_jobs_progress CHECK (progress BETWEEN 0 AND 100),
    total_items BIGINT CONSTRAINT ck_jobs_total_items CHECK (total_items >= 0),
    processed_items BIGINT NOT NULL DEFAULT 0 CONSTRAINT ck_jobs_processed_items CHECK (processed_items >= 0),
    result ${json} CONSTRAINT ck_jobs_result CHECK (json_valid(result)),
    error TEXT,
    retry_count INTEGER NOT NULL DEFAULT 0 CONSTRAINT ck_jobs_retry_count CHECK (retry_count >= 0),
    max_retries INTEGER NOT NULL DEFAULT 3 CONSTRAINT ck_jobs_max_retries CHECK (max_retries >= 0),
    priority INTEGER NOT NULL DEFAULT 0,
    worker_id TEXT,
    heartbeat_at ${instant},
    created_at ${instant} NOT NULL DEFAULT ${now},
    started_at ${instant},
    completed_at ${instant}
);
CREATE INDEX ix_jobs_status ON jobs (status);
CREATE INDEX ix_jobs_claim ON jobs (status, priority, created_at);
CREATE INDEX ix_jobs_type ON jobs (type);
--rollback DROP TABLE jobs;

--changeset archivist:0.1.0-job-files
CREATE TABLE job_files (
    job_id BIGINT NOT NULL CONSTRAINT fk_job_files_job REFERENCES jobs (id) ON DELETE CASCADE,
    file_id BIGINT NOT NULL CONSTRAINT fk_job_files_file REFERENCES files (id) ON DELETE CASCADE,
    CONSTRAINT pk_job_files PRIMARY KEY (job_id, file_id)
);
CREATE INDEX ix_job_files_file_id ON job_files (file_id);
--rollback DROP TABLE job_files;

--changeset archivist:0.1.0-settings
CREATE TABLE settings (
    key TEXT NOT NULL CONSTRAINT pk_settings PRIMARY KEY,
    value ${json} NOT NULL CONSTRAINT ck_settings_value CHECK (json_valid(value)),
    description TEXT,
    updated_at ${instant} NOT NULL DEFAULT ${now}
);
--rollback DROP TABLE settings;

--changeset archivist:0.1.0-scheduled-tasks
CREATE TABLE scheduled_tasks (
    id ${pk},
    name TEXT NOT NULL CONSTRAINT uq_scheduled_tasks_name UNIQUE,
    task_type TEXT NOT NULL,
    schedule TEXT NOT NULL,
    config ${json} NOT NULL DEFAULT '{}' CONSTRAINT ck_scheduled_tasks_config CHECK (json_valid(config)),
    enabled BOOLEAN NOT NULL DEFAULT TRUE,
    last_run ${instant},
    next_run ${instant},
    last_job_id BIGINT CONSTRAINT fk_scheduled_tasks_last_job REFERENCES jobs (id) ON DELETE SET NULL
);
CREATE INDEX ix_scheduled_tasks_next_run ON scheduled_tasks (enabled, next_run);
CREATE INDEX ix_scheduled_tasks_last_job_id ON scheduled_tasks (last_job_id);
--rollback DROP TABLE scheduled_tasks;

--changeset archivist:0.1.0-reviews
CREATE TABLE reviews (
    id ${pk},
    user_id BIGINT NOT NULL CONSTRAINT fk_reviews_user REFERENCES users (id) ON DELETE CASCADE,
    item_id BIGINT NOT NULL CONSTRAINT fk_reviews_item REFERENCES items (id) ON DELETE CASCADE,
    rating INTEGER NOT NULL CONSTRAINT ck_reviews_rating CHECK (rating BETWEEN 1 AND 5),
    review_text TEXT,
    created_at ${instant} NOT NULL DEFAULT ${now},
    updated_at ${instant} NOT NULL DEFAULT ${now},
    CONSTRAINT uq_reviews_user_item UNIQUE (user_id, item_id)
);
CREATE INDEX ix_reviews_user_id ON reviews (user_id);
CREATE INDEX ix_reviews_item_id ON reviews (item_id);
CREATE INDEX ix_reviews_rating ON reviews (rating);
--rollback DROP TABLE reviews;

--changeset archivist:0.1.0-user-favorites
CREATE TABLE user_favorites (
    id ${pk},
    user_id BIGINT NOT NULL CONSTRAINT fk_user_favorites_user REFERENCES users (id) ON DELETE CASCADE,
    item_id BIGINT NOT NULL CONSTRAINT fk_user_favorites_item REFERENCES items (id) ON DELETE CASCADE,
    created_at ${instant} NOT NULL DEFAULT ${now},
    CONSTRAINT uq_user_favorites_user_item UNIQUE (user_id, item_id)
);
CREATE INDEX ix_user_favorites_user_id ON user_favorites (user_id);
CREATE INDEX ix_user_favorites_item_id ON user_favorites (item_id);
--rollback DROP TABLE user_favorites;
