package org.archivist.catalog;

import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;


import org.archivist.db.Instants;
import org.archivist.db.NotFoundException;
import org.archivist.db.SqlValues;
import org.archivist.validation.RequestValidator;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * What a person gives items: tags, people with their roles, a studio, places in collections, on
 * one item or many (by ids or by a filter), in one transaction. Every id is checked before
 * anything is written, so one that does not exist fails the whole request and changes nothing.
 */
@Service
public class CurationService {

    /** The most items one request may change (a filter that matches more must be narrowed). */
    public static final int LARGEST_CHANGE = 100_000;
    private static final int CHUNK = 500;

    private final JdbcTemplate jdbc;
    private final SqlValues values;
    private final ItemBrowser browser;
    private final RequestValidator validator;
    private final CatalogAccess access;
    private final CollectionService collections;

    private final org.springframework.transaction.support.TransactionTemplate transactions;

    private final ItemFields fields;

    CurationService(JdbcTemplate jdbc, SqlValues values, ItemBrowser browser, RequestValidator validator, CatalogAccess access, CollectionService collections,
                    org.springframework.transaction.PlatformTransactionManager transactionManager, ItemFields fields) {
        this.fields = fields;
        this.transactions = new org.springframework.transaction.support.TransactionTemplate(transactionManager);
        this.jdbc = jdbc;
        this.values = values;
        this.browser = browser;
        this.validator = validator;
        this.access = access;
        this.collections = collections;
    }

    /**
     * Applies the change to its items; returns how many items it concerned. A filter is resolved
     * first (reading, with the search index brought up to date), then every write runs in one
     * transaction.
     */
    public int apply(org.archivist.access.Caller caller, CurationSchemas.Change change) {
        validator.validate(change);
        if ((change.items() == null) == (change.filter() == null)) {
            throw new IllegalArgumentException("items: give either items (ids) or filter, not both and not neither");
        }
        List<Long> items = change.items() != null ? List.copyOf(new LinkedHashSet<>(change.items())) : matching(change.filter(), caller);
        // Every item must be the caller's: one from a library they do not have is "not found", and nothing changes.
        if (change.items() != null) access.items(items, caller);
        if (items.size() > LARGEST_CHANGE) throw new IllegalArgumentException("items: more than " + LARGEST_CHANGE + " in one request");
        return transactions.execute(status -> write(change, items));
    }

    private int write(CurationSchemas.Change change, List<Long> items) {
        long links = (long) items.size() * (size(change.addTags()) + size(change.removeTags()) + size(change.addPeople()) + size(change.removePeople()));
        if (links > 1_000_000) {
            throw new IllegalArgumentException("items: " + items.size() + " items by that many tags and people is " + links
                    + " changes; at most 1,000,000 in one request");
        }
        requireAll("item", "items", items);
        requireAll("tag", "tags", ids(change.addTags(), change.removeTags()));
        List<Long> people = new ArrayList<>();
        for (List<CurationSchemas.Credit> credits : java.util.Arrays.asList(change.addPeople(), change.removePeople())) {
            if (credits != null) credits.forEach(c -> people.add(c.personId()));
        }
        requireAll("person", "people", people);
        if (change.studio() != null) requireAll("studio", "studios", List.of(change.studio()));
        Long collection = change.addToCollection() != null ? change.addToCollection() : change.removeFromCollection();
        if (change.addToCollection() != null && change.removeFromCollection() != null) {
            throw new IllegalArgumentException("removeFromCollection: one collection change a request (addToCollection is given too)");
        }
        if (change.studio() != null && Boolean.TRUE.equals(change.clearStudio())) {
            throw new IllegalArgumentException("clearStudio: a request either sets a studio or clears it");
        }
        if (collection != null) requireAll("collection", "collections", List.of(collection));
        if (items.isEmpty()) return 0;

        Instant now = Instants.now();
        if (change.addTags() != null) {
            pairs("INSERT INTO item_tags (item_id, tag_id, created_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING", items, change.addTags(), now);
        }
        if (change.removeTags() != null) pairs("DELETE FROM item_tags WHERE item_id = ? AND tag_id = ?", items, change.removeTags(), null);
        if (change.addPeople() != null) credits("INSERT INTO item_people (item_id, person_id, role) VALUES (?, ?, ?) ON CONFLICT DO NOTHING", items, change.addPeople());
        if (change.removePeople() != null) credits("DELETE FROM item_people WHERE item_id = ? AND person_id = ? AND role = ?", items, change.removePeople());
        if (change.studio() != null || Boolean.TRUE.equals(change.clearStudio())) {
            jdbc.batchUpdate("UPDATE items SET studio_id = ?, updated_at = ? WHERE id = ?", items, CHUNK, (ps, item) -> {
                SqlValues.setNullable(ps, 1, change.studio());
                values.setInstant(ps, 2, now);
                ps.setLong(3, item);
            });
            fields.lockAll(items, "studio");
        }
        if (change.addToCollection() != null) collections.append(change.addToCollection(), items);
        if (change.removeFromCollection() != null) collections.removeAll(change.removeFromCollection(), items);
        return items.size();
    }

    private List<Long> matching(ItemFilter filter, org.archivist.access.Caller caller) {
        ItemQuery query = filter.query("added", "asc").within(caller.libraries());
        List<Long> ids = new ArrayList<>();
        String cursor = null;
        do {
            ItemBrowser.Page page = browser.page(query, cursor, ItemBrowser.LARGEST_PAGE);
            page.items().forEach(row -> ids.add(row.id()));
            if (ids.size() > LARGEST_CHANGE) {
                throw new IllegalArgumentException("filter: matches more than " + LARGEST_CHANGE + " items; narrow it");
            }
            cursor = page.next();
        } while (cursor != null);
        return ids;
    }

    /** Fails, naming the first missing id, unless every id names a row of the table. */
    private void requireAll(String what, String table, Collection<Long> ids) {
        List<Long> distinct = List.copyOf(new LinkedHashSet<>(ids));
        for (int from = 0; from < distinct.size(); from += CHUNK) {
            List<Long> chunk = distinct.subList(from, Math.min(distinct.size(), from + CHUNK));
            List<Long> found = jdbc.queryForList("SELECT id FROM " + table + " WHERE id IN ("
                    + String.join(", ", java.util.Collections.nCopies(chunk.size(), "?")) + ")", Long.class, chunk.toArray());
            if (found.size() < chunk.size()) {
                Set<Long> present = Set.copyOf(found);
                long missing = chunk.stream().filter(id -> !present.contains(id)).findFirst().orElseThrow();
                throw new NotFoundException(what, missing);
            }
        }
    }

    private static int size(List<?> list) {
        return list == null ? 0 : list.size();
    }

    private static List<Long> ids(List<Long> a, List<Long> b) {
        List<Long> all = new ArrayList<>();
        if (a != null) all.addAll(a);
        if (b != null) all.addAll(b);
        return all;
    }

    /** Binds one (item, other) row of a batch. */
    private interface Binder<T> {
        void bind(PreparedStatement statement, long item, T other) throws java.sql.SQLException;
    }

    private void pairs(String sql, List<Long> items, List<Long> others, Instant now) {
        batch(sql, items, others, (statement, item, other) -> {
            statement.setLong(1, item);
            statement.setLong(2, other);
            if (now != null) values.setInstant(statement, 3, now);
        });
    }

    private void credits(String sql, List<Long> items, List<CurationSchemas.Credit> credits) {
        batch(sql, items, credits, (statement, item, credit) -> {
            statement.setLong(1, item);
            statement.setLong(2, credit.personId());
            statement.setString(3, credit.role().value());
        });
    }

    /** One statement for every item with every other, sent in batches of {@link #CHUNK}. */
    private <T> void batch(String sql, List<Long> items, List<T> others, Binder<T> binder) {
        jdbc.execute((org.springframework.jdbc.core.ConnectionCallback<Void>) connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                int pending = 0;
                for (Long item : items) {
                    for (T other : others) {
                        binder.bind(statement, item, other);
                        statement.addBatch();
                        if (++pending % CHUNK == 0) statement.executeBatch();
                    }
                }
                statement.executeBatch();
            }
            return null;
        });
    }
}
