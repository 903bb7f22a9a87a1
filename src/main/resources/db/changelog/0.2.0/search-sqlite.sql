--liquibase formatted sql

-- Full-text search over items on SQLite: an FTS5 table whose rowid is the item id. Triggers on
-- every table that feeds it only queue the ids of the items whose text changed (cheap, so bulk
-- inserts stay fast); SearchIndex rebuilds the queued rows before each search and after bulk
-- work, so a search always sees the catalogue as it is.

--changeset archivist:0.2.0-item-search-sqlite dbms:sqlite
CREATE VIRTUAL TABLE item_search USING fts5(title, details, tags, people, studio, files, tokenize = 'unicode61 remove_diacritics 2');
CREATE TABLE item_search_queue (item_id INTEGER PRIMARY KEY);
--rollback DROP TABLE item_search_queue;
--rollback DROP TABLE item_search;

--changeset archivist:0.2.0-item-search-items-ai dbms:sqlite splitStatements:false
CREATE TRIGGER item_search_items_ai AFTER INSERT ON items BEGIN
    INSERT INTO item_search_queue (item_id) SELECT NEW.id WHERE true ON CONFLICT DO NOTHING;
END;
--rollback DROP TRIGGER item_search_items_ai;

--changeset archivist:0.2.0-item-search-items-au dbms:sqlite splitStatements:false
CREATE TRIGGER item_search_items_au AFTER UPDATE OF title, details, studio_id ON items BEGIN
    INSERT INTO item_search_queue (item_id) SELECT NEW.id WHERE true ON CONFLICT DO NOTHING;
END;
--rollback DROP TRIGGER item_search_items_au;

--changeset archivist:0.2.0-item-search-items-ad dbms:sqlite splitStatements:false
CREATE TRIGGER item_search_items_ad AFTER DELETE ON items BEGIN
    INSERT INTO item_search_queue (item_id) SELECT OLD.id WHERE true ON CONFLICT DO NOTHING;
END;
--rollback DROP TRIGGER item_search_items_ad;

--changeset archivist:0.2.0-item-search-item-tags-ai dbms:sqlite splitStatements:false
CREATE TRIGGER item_search_item_tags_ai AFTER INSERT ON item_tags BEGIN
    INSERT INTO item_search_queue (item_id) SELECT NEW.item_id WHERE true ON CONFLICT DO NOTHING;
END;
--rollback DROP TRIGGER item_search_item_tags_ai;

--changeset archivist:0.2.0-item-search-item-tags-ad dbms:sqlite splitStatements:false
CREATE TRIGGER item_search_item_tags_ad AFTER DELETE ON item_tags BEGIN
    INSERT INTO item_search_queue (item_id) SELECT OLD.item_id WHERE true ON CONFLICT DO NOTHING;
END;
--rollback DROP TRIGGER item_search_item_tags_ad;

--changeset archivist:0.2.0-item-search-tags-au dbms:sqlite splitStatements:false
CREATE TRIGGER item_search_tags_au AFTER UPDATE OF name ON tags BEGIN
    INSERT INTO item_search_queue (item_id) SELECT item_id FROM item_tags WHERE tag_id = NEW.id ON CONFLICT DO NOTHING;
END;
--rollback DROP TRIGGER item_search_tags_au;

--changeset archivist:0.2.0-item-search-item-people-ai dbms:sqlite splitStatements:false
CREATE TRIGGER item_search_item_people_ai AFTER INSERT ON item_people BEGIN
    INSERT INTO item_search_queue (item_id) SELECT NEW.item_id WHERE true ON CONFLICT DO NOTHING;
END;
--rollback DROP TRIGGER item_search_item_people_ai;

--changeset archivist:0.2.0-item-search-item-people-ad dbms:sqlite splitStatements:false
CREATE TRIGGER item_search_item_people_ad AFTER DELETE ON item_people BEGIN
    INSERT INTO item_search_queue (item_id) SELECT OLD.item_id WHERE true ON CONFLICT DO NOTHING;
END;
--rollback DROP TRIGGER item_search_item_people_ad;

--changeset archivist:0.2.0-item-search-people-au dbms:sqlite splitStatements:false
CREATE TRIGGER item_search_people_au AFTER UPDATE OF name ON people BEGIN
    INSERT INTO item_search_queue (item_id) SELECT item_id FROM item_people WHERE person_id = NEW.id ON CONFLICT DO NOTHING;
END;
--rollback DROP TRIGGER item_search_people_au;

--changeset archivist:0.2.0-item-search-studios-au dbms:sqlite splitStatements:false
CREATE TRIGGER item_search_studios_au AFTER UPDATE OF name ON studios BEGIN
    INSERT INTO item_search_queue (item_id) SELECT id FROM items WHERE studio_id = NEW.id ON CONFLICT DO NOTHING;
END;
--rollback DROP TRIGGER item_search_studios_au;

--changeset archivist:0.2.0-item-search-files-ai dbms:sqlite splitStatements:false
CREATE TRIGGER item_search_files_ai AFTER INSERT ON files WHEN NEW.item_id IS NOT NULL BEGIN
    INSERT INTO item_search_queue (item_id) SELECT NEW.item_id WHERE true ON CONFLICT DO NOTHING;
END;
--rollback DROP TRIGGER item_search_files_ai;

--changeset archivist:0.2.0-item-search-files-au-old dbms:sqlite splitStatements:false
CREATE TRIGGER item_search_files_au_old AFTER UPDATE OF item_id, file_name ON files WHEN OLD.item_id IS NOT NULL BEGIN
    INSERT INTO item_search_queue (item_id) SELECT OLD.item_id WHERE true ON CONFLICT DO NOTHING;
END;
--rollback DROP TRIGGER item_search_files_au_old;

--changeset archivist:0.2.0-item-search-files-au-new dbms:sqlite splitStatements:false
CREATE TRIGGER item_search_files_au_new AFTER UPDATE OF item_id, file_name ON files WHEN NEW.item_id IS NOT NULL BEGIN
    INSERT INTO item_search_queue (item_id) SELECT NEW.item_id WHERE true ON CONFLICT DO NOTHING;
END;
--rollback DROP TRIGGER item_search_files_au_new;

--changeset archivist:0.2.0-item-search-files-ad dbms:sqlite splitStatements:false
CREATE TRIGGER item_search_files_ad AFTER DELETE ON files WHEN OLD.item_id IS NOT NULL BEGIN
    INSERT INTO item_search_queue (item_id) SELECT OLD.item_id WHERE true ON CONFLICT DO NOTHING;
END;
--rollback DROP TRIGGER item_search_files_ad;

--changeset archivist:0.2.0-item-search-backfill-sqlite dbms:sqlite
INSERT INTO item_search (rowid, title, details, tags, people, studio, files)
SELECT i.id, i.title, i.details,
    (SELECT group_concat(t.name, ' ') FROM item_tags it JOIN tags t ON t.id = it.tag_id WHERE it.item_id = i.id),
    (SELECT group_concat(p.name, ' ') FROM item_people ip JOIN people p ON p.id = ip.person_id WHERE ip.item_id = i.id),
    (SELECT s.name FROM studios s WHERE s.id = i.studio_id),
    (SELECT group_concat(f.file_name, ' ') FROM files f WHERE f.item_id = i.id)
FROM items i;
--rollback DELETE FROM item_search;
