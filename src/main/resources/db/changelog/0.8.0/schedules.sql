--liquibase formatted sql

-- Scheduled tasks run by db-scheduler: its executions table (under its own name: ours, scheduled_tasks,
-- holds the definitions people edit), and the time zone a task's cron line is read in.

--changeset archivist:0.8.0-scheduler-executions
CREATE TABLE scheduler_executions (
    task_name TEXT NOT NULL,
    task_instance TEXT NOT NULL,
    task_data ${bytes},
    execution_time ${instant} NOT NULL,
    picked BOOLEAN NOT NULL,
    picked_by TEXT,
    last_success ${instant},
    last_failure ${instant},
    consecutive_failures INTEGER,
    last_heartbeat ${instant},
    version BIGINT NOT NULL,
    priority SMALLINT,
    PRIMARY KEY (task_name, task_instance)
);
CREATE INDEX ix_scheduler_executions_time ON scheduler_executions (execution_time);
CREATE INDEX ix_scheduler_executions_heartbeat ON scheduler_executions (last_heartbeat);
--rollback DROP TABLE scheduler_executions;

--changeset archivist:0.8.0-scheduled-task-zone
ALTER TABLE scheduled_tasks ADD COLUMN time_zone TEXT;
--rollback ALTER TABLE scheduled_tasks DROP COLUMN time_zone;
