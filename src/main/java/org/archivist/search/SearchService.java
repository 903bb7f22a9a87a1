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
