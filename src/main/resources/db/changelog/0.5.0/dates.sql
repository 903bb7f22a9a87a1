--liquibase formatted sql

-- On SQLite, dates are text in the form the JDBC driver reads back ('yyyy-MM-dd HH:mm:ss.SSS', the
-- connections' date_string_format). Scans before 0.5.0 wrote a bare 'yyyy-MM-dd' into items.item_date,
-- which the driver cannot read: every such item failed to load. This brings them to the read form.

--changeset archivist:0.5.0-item-date-text dbms:sqlite
UPDATE items SET item_date = item_date || ' 00:00:00.000' WHERE length(item_date) = 10;
--rollback UPDATE items SET item_date = substr(item_date, 1, 10) WHERE length(item_date) = 23;
