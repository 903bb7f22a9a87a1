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

    /** An SQL condition and its arguments, for another feature's query to include as it is. */
    public record Condition(String sql, List<Object> arguments) {
    }

    /**
     * The condition that {@code itemIdColumn} is an item matching every word of {@code query}, for
     * queries that combine the search with other filters (the index is brought up to date first).
     * A query with no word in it matches nothing.
     */
    public Condition matching(String itemIdColumn, String query) {
        List<String> words = words(query);
        if (words.isEmpty()) return new Condition("1 = 0", List.of());
        index.flush();
        if (sqlite) {
            return new Condition(itemIdColumn + " IN (SELECT rowid FROM item_search WHERE item_search MATCH ?)",
                    List.of(String.join(" ", words.stream().map(w -> "\"" + w + "\"").toList())));
        }
        return new Condition(itemIdColumn + " IN (SELECT item_id FROM item_search WHERE document @@ plainto_tsquery('simple', ?))",
                List.of(String.join(" ", words)));
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
