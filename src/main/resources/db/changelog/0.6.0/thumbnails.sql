--liquibase formatted sql

-- Thumbnails and previews live in the data folder, one set per content (files with the same
-- SHA-256 share it). This table is what was made for each content and by which engine, or why it
-- could not be made, so a failed image is not retried on every run and its reason can be shown.

--changeset archivist:0.6.0-thumbnails
CREATE TABLE thumbnails (
    sha256 VARCHAR(64) NOT NULL PRIMARY KEY CONSTRAINT ck_thumbnails_sha256 CHECK (length(sha256) = 64),
    status VARCHAR(16) NOT NULL CONSTRAINT ck_thumbnails_status CHECK (status IN ('ready', 'failed')),
    format VARCHAR(8) CONSTRAINT ck_thumbnails_format CHECK (format IS NULL OR format IN ('webp', 'jpg')),
    engine VARCHAR(16),
    error VARCHAR(2000),
    made_at ${instant} NOT NULL DEFAULT ${now}
);
--rollback DROP TABLE thumbnails;
