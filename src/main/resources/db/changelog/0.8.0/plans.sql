--liquibase formatted sql

-- Analysis plans that propose and never impose: the rule behind each change, what became of it when
-- the plan was applied or undone, and the fields a person edited, which no plan overwrites.

--changeset archivist:0.8.0-plan-change-outcomes
ALTER TABLE plan_changes ADD COLUMN rule TEXT;
ALTER TABLE plan_changes ADD COLUMN outcome TEXT CONSTRAINT ck_plan_changes_outcome
    CHECK (outcome IS NULL OR outcome IN ('applied', 'unchanged', 'stale', 'locked', 'gone', 'undone', 'kept'));
ALTER TABLE plan_changes ADD COLUMN outcome_detail TEXT;
-- What apply and undo walk, in id order, without sorting: accepted and not yet applied; applied and not yet undone.
CREATE INDEX ix_plan_changes_to_apply ON plan_changes (plan_id, accepted, applied, id);
CREATE INDEX ix_plan_changes_outcome ON plan_changes (plan_id, outcome, id);
--rollback DROP INDEX ix_plan_changes_outcome;
--rollback DROP INDEX ix_plan_changes_to_apply;
--rollback ALTER TABLE plan_changes DROP COLUMN outcome_detail;
--rollback ALTER TABLE plan_changes DROP COLUMN outcome;
--rollback ALTER TABLE plan_changes DROP COLUMN rule;

--changeset archivist:0.8.0-item-field-locks
CREATE TABLE item_field_locks (
    item_id BIGINT NOT NULL REFERENCES items (id) ON DELETE CASCADE,
    field TEXT NOT NULL CONSTRAINT ck_item_field_locks_field CHECK (field IN ('title', 'details', 'date', 'studio', 'tag', 'person', 'capture_date')),
    locked_at ${instant} NOT NULL DEFAULT ${now},
    PRIMARY KEY (item_id, field)
);
--rollback DROP TABLE item_field_locks;

--changeset archivist:0.8.0-person-aliases
CREATE TABLE person_aliases (
    person_id BIGINT NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    alias TEXT NOT NULL,
    PRIMARY KEY (person_id, alias)
);
--rollback DROP TABLE person_aliases;
