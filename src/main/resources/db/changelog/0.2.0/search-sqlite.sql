--liquibase formatted sql

-- Full-text search over items on SQLite: an FTS5 table whose rowid is the item id, kept in
-- step by triggers on every table that feeds it. SQLite has no stored procedures, so each
-- trigger repeats the statement that rebuilds the rows of the items it touches.

--changeset archivist:0.2.0-item-search-sqlite dbms:sqlite
CREATE VIRTUAL TABLE item_search USING fts5(title, details, tags, people, studio, files, tokenize = 'unicode61 remove_diacritics 2');
--rollback DROP TABLE item_search;

--changeset archivist:0.2.0-item-search-items-ai dbms:sqlite splitStatements:false
CREATE TRIGGER item_search_items_ai AFTER INSERT ON items BEGIN
    DELETE FROM item_search WHERE rowid IN (NEW.id);
    INSERT INTO item_search (rowid, title, details, tags, people, studio, files)
    SELECT i.id, i.title, i.details,
        (SELECT group_concat(t.name, ' ') FROM item_tags it JOIN tags t ON t.id = it.tag_id WHERE it.item_id = i.id),
        (SELECT group_concat(p.name, ' ') FROM item_people ip JOIN people p ON p.id = ip.person_id WHERE ip.item_id = i.id),
        (SELECT s.name FROM studios s WHERE s.id = i.studio_id),
        (SELECT group_concat(f.file_name, ' ') FROM files f WHERE f.item_id = i.id)
    FROM items i WHERE i.id IN (NEW.id);
END;
--rollback DROP TRIGGER item_search_items_ai;

--changeset archivist:0.2.0-item-search-items-au dbms:sqlite splitStatements:false
CREATE TRIGGER item_search_items_au AFTER UPDATE OF title, details, studio_id ON items BEGIN
    DELETE FROM item_search WHERE rowid IN (NEW.id);
    INSERT INTO item_search (rowid, title, details, tags, people, studio, files)
    SELECT i.id, i.title, i.details,
        (SELECT group_concat(t.name, ' ') FROM item_tags it JOIN tags t ON t.id = it.tag_id WHERE it.item_id = i.id),
        (SELECT group_concat(p.name, ' ') FROM item_people ip JOIN people p ON p.id = ip.person_id WHERE ip.item_id = i.id),
        (SELECT s.name FROM studios s WHERE s.id = i.studio_id),
        (SELECT group_concat(f.file_name, ' ') FROM files f WHERE f.item_id = i.id)
    FROM items i WHERE i.id IN (NEW.id);
END;
--rollback DROP TRIGGER item_search_items_au;

--changeset archivist:0.2.0-item-search-items-ad dbms:sqlite splitStatements:false
CREATE TRIGGER item_search_items_ad AFTER DELETE ON items BEGIN
    DELETE FROM item_search WHERE rowid = OLD.id;
END;
--rollback DROP TRIGGER item_search_items_ad;

--changeset archivist:0.2.0-item-search-item-tags-ai dbms:sqlite splitStatements:false
CREATE TRIGGER item_search_item_tags_ai AFTER INSERT ON item_tags BEGIN
    DELETE FROM item_search WHERE rowid IN (NEW.item_id);
    INSERT INTO item_search (rowid, title, details, tags, people, studio, files)
    SELECT i.id, i.title, i.details,
        (SELECT group_concat(t.name, ' ') FROM item_tags it JOIN tags t ON t.id = it.tag_id WHERE it.item_id = i.id),
        (SELECT group_concat(p.name, ' ') FROM item_people ip JOIN people p ON p.id = ip.person_id WHERE ip.item_id = i.id),
        (SELECT s.name FROM studios s WHERE s.id = i.studio_id),
        (SELECT group_concat(f.file_name, ' ') FROM files f WHERE f.item_id = i.id)
    FROM items i WHERE i.id IN (NEW.item_id);
END;
--rollback DROP TRIGGER item_search_item_tags_ai;

--changeset archivist:0.2.0-item-search-item-tags-ad dbms:sqlite splitStatements:false
CREATE TRIGGER item_search_item_tags_ad AFTER DELETE ON item_tags BEGIN
    DELETE FROM item_search WHERE rowid IN (OLD.item_id);
    INSERT INTO item_search (rowid, title, details, tags, people, studio, files)
    SELECT i.id, i.title, i.details,
        (SELECT group_concat(t.name, ' ') FROM item_tags it JOIN tags t ON t.id = it.tag_id WHERE it.item_id = i.id),
        (SELECT group_concat(p.name, ' ') FROM item_people ip JOIN people p ON p.id = ip.person_id WHERE ip.item_id = i.id),
        (SELECT s.name FROM studios s WHERE s.id = i.studio_id),
        (SELECT group_concat(f.file_name, ' ') FROM files f WHERE f.item_id = i.id)
    FROM items i WHERE i.id IN (OLD.item_id);
END;
--rollback DROP TRIGGER item_search_item_tags_ad;

--changeset archivist:0.2.0-item-search-tags-au dbms:sqlite splitStatements:false
CREATE TRIGGER item_search_tags_au AFTER UPDATE OF name ON tags BEGIN
    DELETE FROM item_search WHERE rowid IN (SELECT item_id FROM item_tags WHERE tag_id = NEW.id);
    INSERT INTO item_search (rowid, title, details, tags, people, studio, files)
    SELECT i.id, i.title, i.details,
        (SELECT group_concat(t.name, ' ') FROM item_tags it JOIN tags t ON t.id = it.tag_id WHERE it.item_id = i.id),
        (SELECT group_concat(p.name, ' ') FROM item_people ip JOIN people p ON p.id = ip.person_id WHERE ip.item_id = i.id),
        (SELECT s.name FROM studios s WHERE s.id = i.studio_id),
        (SELECT group_concat(f.file_name, ' ') FROM files f WHERE f.item_id = i.id)
    FROM items i WHERE i.id IN (SELECT item_id FROM item_tags WHERE tag_id = NEW.id);
END;
--rollback DROP TRIGGER item_search_tags_au;

--changeset archivist:0.2.0-item-search-item-people-ai dbms:sqlite splitStatements:false
CREATE TRIGGER item_search_item_people_ai AFTER INSERT ON item_people BEGIN
    DELETE FROM item_search WHERE rowid IN (NEW.item_id);
    INSERT INTO item_search (rowid, title, details, tags, people, studio, files)
    SELECT i.id, i.title, i.details,
        (SELECT group_concat(t.name, ' ') FROM item_tags it JOIN tags t ON t.id = it.tag_id WHERE it.item_id = i.id),
        (SELECT group_concat(p.name, ' ') FROM item_people ip JOIN people p ON p.id = ip.person_id WHERE ip.item_id = i.id),
        (SELECT s.name FROM studios s WHERE s.id = i.studio_id),
        (SELECT group_concat(f.file_name, ' ') FROM files f WHERE f.item_id = i.id)
    FROM items i WHERE i.id IN (NEW.item_id);
END;
--rollback DROP TRIGGER item_search_item_people_ai;

--changeset archivist:0.2.0-item-search-item-people-ad dbms:sqlite splitStatements:false
CREATE TRIGGER item_search_item_people_ad AFTER DELETE ON item_people BEGIN
    DELETE FROM item_search WHERE rowid IN (OLD.item_id);
    INSERT INTO item_search (rowid, title, details, tags, people, studio, files)
    SELECT i.id, i.title, i.details,
        (SELECT group_concat(t.name, ' ') FROM item_tags it JOIN tags t ON t.id = it.tag_id WHERE it.item_id = i.id),
        (SELECT group_concat(p.name, ' ') FROM item_people ip JOIN people p ON p.id = ip.person_id WHERE ip.item_id = i.id),
        (SELECT s.name FROM studios s WHERE s.id = i.studio_id),
        (SELECT group_concat(f.file_name, ' ') FROM files f WHERE f.item_id = i.id)
    FROM items i WHERE i.id IN (OLD.item_id);
END;
--rollback DROP TRIGGER item_search_item_people_ad;

--changeset archivist:0.2.0-item-search-people-au dbms:sqlite splitStatements:false
CREATE TRIGGER item_search_people_au AFTER UPDATE OF name ON people BEGIN
    DELETE FROM item_search WHERE rowid IN (SELECT item_id FROM item_people WHERE person_id = NEW.id);
    INSERT INTO item_search (rowid, title, details, tags, people, studio, files)
    SELECT i.id, i.title, i.details,
        (SELECT group_concat(t.name, ' ') FROM item_tags it JOIN tags t ON t.id = it.tag_id WHERE it.item_id = i.id),
        (SELECT group_concat(p.name, ' ') FROM item_people ip JOIN people p ON p.id = ip.person_id WHERE ip.item_id = i.id),
        (SELECT s.name FROM studios s WHERE s.id = i.studio_id),
        (SELECT group_concat(f.file_name, ' ') FROM files f WHERE f.item_id = i.id)
    FROM items i WHERE i.id IN (SELECT item_id FROM item_people WHERE person_id = NEW.id);
END;
--rollback DROP TRIGGER item_search_people_au;

--changeset archivist:0.2.0-item-search-studios-au dbms:sqlite splitStatements:false
CREATE TRIGGER item_search_studios_au AFTER UPDATE OF name ON studios BEGIN
    DELETE FROM item_search WHERE rowid IN (SELECT id FROM items WHERE studio_id = NEW.id);
    INSERT INTO item_search (rowid, title, details, tags, people, studio, files)
    SELECT i.id, i.title, i.details,
        (SELECT group_concat(t.name, ' ') FROM item_tags it JOIN tags t ON t.id = it.tag_id WHERE it.item_id = i.id),
        (SELECT group_concat(p.name, ' ') FROM item_people ip JOIN people p ON p.id = ip.person_id WHERE ip.item_id = i.id),
        (SELECT s.name FROM studios s WHERE s.id = i.studio_id),
        (SELECT group_concat(f.file_name, ' ') FROM files f WHERE f.item_id = i.id)
    FROM items i WHERE i.id IN (SELECT id FROM items WHERE studio_id = NEW.id);
END;
--rollback DROP TRIGGER item_search_studios_au;

--changeset archivist:0.2.0-item-search-files-ai dbms:sqlite splitStatements:false
CREATE TRIGGER item_search_files_ai AFTER INSERT ON files WHEN NEW.item_id IS NOT NULL BEGIN
    DELETE FROM item_search WHERE rowid IN (NEW.item_id);
    INSERT INTO item_search (rowid, title, details, tags, people, studio, files)
    SELECT i.id, i.title, i.details,
        (SELECT group_concat(t.name, ' ') FROM item_tags it JOIN tags t ON t.id = it.tag_id WHERE it.item_id = i.id),
        (SELECT group_concat(p.name, ' ') FROM item_people ip JOIN people p ON p.id = ip.person_id WHERE ip.item_id = i.id),
        (SELECT s.name FROM studios s WHERE s.id = i.studio_id),
        (SELECT group_concat(f.file_name, ' ') FROM files f WHERE f.item_id = i.id)
    FROM items i WHERE i.id IN (NEW.item_id);
END;
--rollback DROP TRIGGER item_search_files_ai;

--changeset archivist:0.2.0-item-search-files-au dbms:sqlite splitStatements:false
CREATE TRIGGER item_search_files_au AFTER UPDATE OF item_id, file_name ON files BEGIN
    DELETE FROM item_search WHERE rowid IN (OLD.item_id, NEW.item_id);
    INSERT INTO item_search (rowid, title, details, tags, people, studio, files)
    SELECT i.id, i.title, i.details,
        (SELECT group_concat(t.name, ' ') FROM item_tags it JOIN tags t ON t.id = it.tag_id WHERE it.item_id = i.id),
        (SELECT group_concat(p.name, ' ') FROM item_people ip JOIN people p ON p.id = ip.person_id WHERE ip.item_id = i.id),
        (SELECT s.name FROM studios s WHERE s.id = i.studio_id),
        (SELECT group_concat(f.file_name, ' ') FROM files f WHERE f.item_id = i.id)
    FROM items i WHERE i.id IN (OLD.item_id, NEW.item_id);
END;
--rollback DROP TRIGGER item_search_files_au;

--changeset archivist:0.2.0-item-search-files-ad dbms:sqlite splitStatements:false
CREATE TRIGGER item_search_files_ad AFTER DELETE ON files WHEN OLD.item_id IS NOT NULL BEGIN
    DELETE FROM item_search WHERE rowid IN (OLD.item_id);
    INSERT INTO item_search (rowid, title, details, tags, people, studio, files)
    SELECT i.id, i.title, i.details,
        (SELECT group_concat(t.name, ' ') FROM item_tags it JOIN tags t ON t.id = it.tag_id WHERE it.item_id = i.id),
        (SELECT group_concat(p.name, ' ') FROM item_people ip JOIN people p ON p.id = ip.person_id WHERE ip.item_id = i.id),
        (SELECT s.name FROM studios s WHERE s.id = i.studio_id),
        (SELECT group_concat(f.file_name, ' ') FROM files f WHERE f.item_id = i.id)
    FROM items i WHERE i.id IN (OLD.item_id);
END;
--rollback DROP TRIGGER item_search_files_ad;

--changeset archivist:0.2.0-item-search-backfill-sqlite dbms:sqlite
INSERT INTO item_search (rowid, title, details, tags, people, studio, files)
SELECT i.id, i.title, i.details,
    (SELECT group_concat(t.name, ' ') FROM item_tags it JOIN tags t ON t.id = it.tag_id WHERE it.item_id = i.id),
    (SELECT group_concat(p.name, ' ') FROM item_people ip JOIN people p ON p.id = ip.person_id WHERE ip.item_id = i.id),
    (SELECT s.name FROM studios s WHERE s.id = i.studio_id),
    (SELECT group_concat(f.file_name, ' ') FROM files f WHERE f.item_id = i.id)
FROM items i WHERE i.id IN (SELECT id FROM items);
--rollback DELETE FROM item_search;
