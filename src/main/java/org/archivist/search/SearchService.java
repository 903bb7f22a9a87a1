package org.archivist.search;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.archivist.db.DatabaseLocation;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * Full-text search over items: title, details, tag names, people, studio and file names.
 * Every word must match (a word is a run of letters or digits, as both engines index them);
 * the best matches come first.
 */
@Service
public class SearchService {

    private final JdbcTemplate jdbc;
    private final SearchIndex index;
    private final boolean sqlite;

    SearchService(JdbcTemplate jdbc, SearchIndex index, DatabaseLocation location) {
        this.jdbc = jdbc;
        this.index = index;
        this.sqlite = location.isSqlite();
    }

    /** Ids of the best-matching items, best first; the index is brought up to date first. */
    public List<Long> findItemIds(String query, int limit) {
        List<String> words = words(query);
        if (words.isEmpty()) {
            return List.of();
        }
        index.flush();
        if (sqlite) {
            String match = String.join(" ", words.stream().map(w -> "\"" + w + "\"").toList());
            return jdbc.queryForList("SELECT rowid FROM item_search WHERE item_search MATCH ? ORDER BY rank LIMIT ?",
                    Long.class, match, limit);
        }
        return jdbc.queryForList("""
                SELECT item_id FROM item_search, plainto_tsquery('simple', ?) AS query
                WHERE document @@ query ORDER BY ts_rank(document, query) DESC, item_id LIMIT ?""",
                Long.class, String.join(" ", words), limit);
    }

    /**
     * The items matching every word of a query as a table of one column, {@code item_id}, to start a
     * join from ({@code sql} names it {@code alias} and ends with the join that must follow, so the
     * matches drive the query instead of being probed row by row along another index: two common
     * words match about 1 % of a million items, and walking a date index to find 100 of them reads
     * tens of thousands of rows). The index is brought up to date first. {@code null} when the query
     * has no word in it.
     */
    public Source matches(String query, String alias) {
        return matches(query, alias, null, null);
    }

    /**
     * The same, in item id order ({@code descending} or not, when not null) from past {@code afterId}
     * (when not null): the index gives its matches in that order and stops at the page's end, where
     * another order needs every match sorted.
     */
    public Source matches(String query, String alias, Boolean descending, Long afterId) {
        List<String> words = words(query);
        if (words.isEmpty()) return null;
        index.flush();
        String id = sqlite ? "rowid" : "item_id";
        List<Object> arguments = new ArrayList<>();
        StringBuilder sql = new StringBuilder(sqlite
                ? "(SELECT rowid AS item_id FROM item_search WHERE item_search MATCH ?"
                : "(SELECT item_id FROM item_search WHERE document @@ plainto_tsquery('simple', ?)");
        arguments.add(sqlite ? String.join(" ", words.stream().map(w -> "\"" + w + "\"").toList()) : String.join(" ", words));
        if (descending != null && afterId != null) {
            sql.append(" AND ").append(id).append(descending ? " < ?" : " > ?");
            arguments.add(afterId);
        }
        if (descending != null) sql.append(" ORDER BY ").append(id).append(descending ? " DESC" : " ASC");
        // CROSS JOIN is how SQLite is told to keep this table first (its planner would rather walk an ORDER BY index).
        sql.append(") ").append(alias).append(sqlite ? " CROSS JOIN" : " JOIN");
        return new Source(sql.toString(), arguments);
    }

    /** An SQL fragment of a FROM clause and its arguments, for another feature's query to include as it is. */
    public record Source(String sql, List<Object> arguments) {
    }

    static List<String> words(String query) {
        List<String> words = new ArrayList<>();
        if (query == null) {
            return words;
        }
        for (String word : query.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
            if (!word.isEmpty()) {
                words.add(word);
            }
        }
        return words;
    }
}
