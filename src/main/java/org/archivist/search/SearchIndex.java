package org.archivist.search;

import org.archivist.db.DatabaseLocation;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Brings the full-text index up to date. Triggers only queue the ids of items whose text
 * changed, so that bulk writes stay fast; this rebuilds the queued items' rows in one
 * statement per engine. Searches call it first; bulk work (a scan batch) may call it after.
 */
@Component
public class SearchIndex {

    private static final String SQLITE_REBUILD = """
            INSERT INTO item_search (rowid, title, details, tags, people, studio, files)
            SELECT i.id, i.title, i.details,
                (SELECT group_concat(t.name, ' ') FROM item_tags it JOIN tags t ON t.id = it.tag_id WHERE it.item_id = i.id),
                (SELECT group_concat(p.name, ' ') FROM item_people ip JOIN people p ON p.id = ip.person_id WHERE ip.item_id = i.id),
                (SELECT s.name FROM studios s WHERE s.id = i.studio_id),
                (SELECT group_concat(f.file_name, ' ') FROM files f WHERE f.item_id = i.id)
            FROM items i WHERE i.id IN (SELECT item_id FROM item_search_queue)""";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate writeTransaction;
    private final boolean sqlite;
    private final org.archivist.db.SecondaryIndexes indexes;

    SearchIndex(JdbcTemplate jdbc, PlatformTransactionManager transactions, DatabaseLocation location, org.archivist.db.SecondaryIndexes indexes) {
        this.indexes = indexes;
        this.jdbc = jdbc;
        this.writeTransaction = new TransactionTemplate(transactions);
        this.writeTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.sqlite = location.isSqlite();
    }

    /** Rebuilds the rows of every queued item; returns how many items were queued. */
    public int flush() {
        Boolean queued = jdbc.queryForObject("SELECT EXISTS (SELECT 1 FROM item_search_queue)", Boolean.class);
        if (!Boolean.TRUE.equals(queued)) {
            return 0;
        }
        // While a bulk scan writes, the queue waits: the search rows of its items are built once, at its end, with
        // its indexes (one large write instead of one per batch); a search meanwhile misses what is queued.
        if (sqlite && indexes.anySetAside()) {
            return 0;
        }
        Integer rebuilt = writeTransaction.execute(status -> {
            if (!sqlite) {
                return jdbc.queryForObject("SELECT item_search_flush()", Integer.class);
            }
            // SQLite writers are serialised, so nothing can be queued between these statements.
            jdbc.update("DELETE FROM item_search WHERE rowid IN (SELECT item_id FROM item_search_queue)");
            jdbc.update(SQLITE_REBUILD);
            return jdbc.update("DELETE FROM item_search_queue");
        });
        return rebuilt == null ? 0 : rebuilt;
    }
}
