--liquibase formatted sql

-- Full-text search over items on PostgreSQL: one tsvector per item with a GIN index. Triggers on
-- every table that feeds it queue the ids of the items whose text changed; item_search_flush()
-- rebuilds the queued rows (SearchIndex calls it before each search and after bulk work). The
-- 'simple' configuration and the folding of punctuation to spaces make words match as they do
-- in SQLite's unicode61.

--changeset archivist:0.2.0-item-search-postgresql dbms:postgresql
CREATE TABLE item_search (
    item_id BIGINT NOT NULL CONSTRAINT pk_item_search PRIMARY KEY CONSTRAINT fk_item_search_item REFERENCES items (id) ON DELETE CASCADE,
    document TSVECTOR NOT NULL
);
CREATE INDEX ix_item_search_document ON item_search USING GIN (document);
CREATE TABLE item_search_queue (item_id BIGINT NOT NULL CONSTRAINT pk_item_search_queue PRIMARY KEY);
--rollback DROP TABLE item_search_queue;
--rollback DROP TABLE item_search;

--changeset archivist:0.2.0-item-search-words-postgresql dbms:postgresql splitStatements:false
CREATE FUNCTION item_search_words(value TEXT) RETURNS TEXT LANGUAGE sql IMMUTABLE AS
$$ SELECT regexp_replace(lower(coalesce(value, '')), '[^[:alnum:]]+', ' ', 'g') $$;
--rollback DROP FUNCTION item_search_words(TEXT);

--changeset archivist:0.2.0-item-search-refresh-postgresql dbms:postgresql splitStatements:false
CREATE FUNCTION item_search_refresh(ids BIGINT[]) RETURNS VOID LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM item_search WHERE item_id = ANY (ids);
    INSERT INTO item_search (item_id, document)
    SELECT i.id,
        setweight(to_tsvector('simple', item_search_words(i.title)), 'A')
        || to_tsvector('simple', item_search_words(i.details))
        || to_tsvector('simple', item_search_words((SELECT string_agg(t.name, ' ') FROM item_tags it JOIN tags t ON t.id = it.tag_id WHERE it.item_id = i.id)))
        || to_tsvector('simple', item_search_words((SELECT string_agg(p.name, ' ') FROM item_people ip JOIN people p ON p.id = ip.person_id WHERE ip.item_id = i.id)))
        || to_tsvector('simple', item_search_words((SELECT s.name FROM studios s WHERE s.id = i.studio_id)))
        || to_tsvector('simple', item_search_words((SELECT string_agg(f.file_name, ' ') FROM files f WHERE f.item_id = i.id)))
    FROM items i WHERE i.id = ANY (ids);
END $$;
--rollback DROP FUNCTION item_search_refresh(BIGINT[]);

--changeset archivist:0.2.0-item-search-flush-postgresql dbms:postgresql splitStatements:false
CREATE FUNCTION item_search_flush() RETURNS INTEGER LANGUAGE plpgsql AS $$
DECLARE
    queued BIGINT[];
BEGIN
    -- Taking the ids with DELETE ... RETURNING never loses an id queued by a concurrent writer.
    WITH taken AS (DELETE FROM item_search_queue RETURNING item_id) SELECT array_agg(item_id) INTO queued FROM taken;
    IF queued IS NULL THEN
        RETURN 0;
    END IF;
    PERFORM item_search_refresh(queued);
    RETURN cardinality(queued);
END $$;
--rollback DROP FUNCTION item_search_flush();

--changeset archivist:0.2.0-item-search-trigger-postgresql dbms:postgresql splitStatements:false
CREATE FUNCTION item_search_on_change() RETURNS TRIGGER LANGUAGE plpgsql AS $$
BEGIN
    IF TG_TABLE_NAME = 'items' THEN
        IF TG_OP = 'DELETE' THEN
            INSERT INTO item_search_queue VALUES (OLD.id) ON CONFLICT DO NOTHING;
        ELSE
            INSERT INTO item_search_queue VALUES (NEW.id) ON CONFLICT DO NOTHING;
        END IF;
    ELSIF TG_TABLE_NAME IN ('item_tags', 'item_people', 'files') THEN
        IF TG_OP <> 'INSERT' AND OLD.item_id IS NOT NULL THEN
            INSERT INTO item_search_queue VALUES (OLD.item_id) ON CONFLICT DO NOTHING;
        END IF;
        IF TG_OP <> 'DELETE' AND NEW.item_id IS NOT NULL THEN
            INSERT INTO item_search_queue VALUES (NEW.item_id) ON CONFLICT DO NOTHING;
        END IF;
    ELSIF TG_TABLE_NAME = 'tags' THEN
        INSERT INTO item_search_queue SELECT item_id FROM item_tags WHERE tag_id = NEW.id ON CONFLICT DO NOTHING;
    ELSIF TG_TABLE_NAME = 'people' THEN
        INSERT INTO item_search_queue SELECT item_id FROM item_people WHERE person_id = NEW.id ON CONFLICT DO NOTHING;
    ELSIF TG_TABLE_NAME = 'studios' THEN
        INSERT INTO item_search_queue SELECT id FROM items WHERE studio_id = NEW.id ON CONFLICT DO NOTHING;
    END IF;
    RETURN NULL;
END $$;
--rollback DROP FUNCTION item_search_on_change();

--changeset archivist:0.2.0-item-search-triggers-postgresql dbms:postgresql
CREATE TRIGGER item_search_items AFTER INSERT OR DELETE OR UPDATE OF title, details, studio_id ON items FOR EACH ROW EXECUTE FUNCTION item_search_on_change();
CREATE TRIGGER item_search_item_tags AFTER INSERT OR DELETE ON item_tags FOR EACH ROW EXECUTE FUNCTION item_search_on_change();
CREATE TRIGGER item_search_tags AFTER UPDATE OF name ON tags FOR EACH ROW EXECUTE FUNCTION item_search_on_change();
CREATE TRIGGER item_search_item_people AFTER INSERT OR DELETE ON item_people FOR EACH ROW EXECUTE FUNCTION item_search_on_change();
CREATE TRIGGER item_search_people AFTER UPDATE OF name ON people FOR EACH ROW EXECUTE FUNCTION item_search_on_change();
CREATE TRIGGER item_search_studios AFTER UPDATE OF name ON studios FOR EACH ROW EXECUTE FUNCTION item_search_on_change();
CREATE TRIGGER item_search_files_insert AFTER INSERT ON files FOR EACH ROW WHEN (NEW.item_id IS NOT NULL) EXECUTE FUNCTION item_search_on_change();
CREATE TRIGGER item_search_files_update AFTER UPDATE OF item_id, file_name ON files FOR EACH ROW EXECUTE FUNCTION item_search_on_change();
CREATE TRIGGER item_search_files_delete AFTER DELETE ON files FOR EACH ROW WHEN (OLD.item_id IS NOT NULL) EXECUTE FUNCTION item_search_on_change();
--rollback DROP TRIGGER item_search_items ON items;
--rollback DROP TRIGGER item_search_item_tags ON item_tags;
--rollback DROP TRIGGER item_search_tags ON tags;
--rollback DROP TRIGGER item_search_item_people ON item_people;
--rollback DROP TRIGGER item_search_people ON people;
--rollback DROP TRIGGER item_search_studios ON studios;
--rollback DROP TRIGGER item_search_files_insert ON files;
--rollback DROP TRIGGER item_search_files_update ON files;
--rollback DROP TRIGGER item_search_files_delete ON files;

--changeset archivist:0.2.0-item-search-backfill-postgresql dbms:postgresql
SELECT item_search_refresh(ARRAY(SELECT id FROM items));
--rollback DELETE FROM item_search;
