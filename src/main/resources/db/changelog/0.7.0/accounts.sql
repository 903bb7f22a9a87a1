--liquibase formatted sql

-- Access per library, personal API tokens, and the sign-in sessions (Spring Session's tables, made
-- here rather than by Spring so both engines get them with a rollback, and several nodes share them).

--changeset archivist:0.7.0-user-libraries
CREATE TABLE user_libraries (
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    library_id BIGINT NOT NULL REFERENCES libraries (id) ON DELETE CASCADE,
    granted_at ${instant} NOT NULL DEFAULT ${now},
    PRIMARY KEY (user_id, library_id)
);
CREATE INDEX ix_user_libraries_library ON user_libraries (library_id);
--rollback DROP TABLE user_libraries;

--changeset archivist:0.7.0-api-tokens
CREATE TABLE api_tokens (
    id ${pk},
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    name VARCHAR(100) NOT NULL,
    token_hash VARCHAR(64) NOT NULL CONSTRAINT ck_api_tokens_hash CHECK (length(token_hash) = 64),
    scope VARCHAR(16) NOT NULL CONSTRAINT ck_api_tokens_scope CHECK (scope IN ('read', 'read-write')),
    created_at ${instant} NOT NULL DEFAULT ${now},
    last_used_at ${instant},
    revoked_at ${instant}
);
CREATE UNIQUE INDEX ux_api_tokens_hash ON api_tokens (token_hash);
CREATE INDEX ix_api_tokens_user ON api_tokens (user_id);
--rollback DROP TABLE api_tokens;

--changeset archivist:0.7.0-sessions
CREATE TABLE spring_session (
    primary_id CHAR(36) NOT NULL PRIMARY KEY,
    session_id CHAR(36) NOT NULL,
    creation_time BIGINT NOT NULL,
    last_access_time BIGINT NOT NULL,
    max_inactive_interval INT NOT NULL,
    expiry_time BIGINT NOT NULL,
    principal_name VARCHAR(100)
);
CREATE UNIQUE INDEX spring_session_ix1 ON spring_session (session_id);
CREATE INDEX spring_session_ix2 ON spring_session (expiry_time);
CREATE INDEX spring_session_ix3 ON spring_session (principal_name);
CREATE TABLE spring_session_attributes (
    session_primary_id CHAR(36) NOT NULL REFERENCES spring_session (primary_id) ON DELETE CASCADE,
    attribute_name VARCHAR(200) NOT NULL,
    attribute_bytes ${bytes} NOT NULL,
    PRIMARY KEY (session_primary_id, attribute_name)
);
--rollback DROP TABLE spring_session_attributes;
--rollback DROP TABLE spring_session;
