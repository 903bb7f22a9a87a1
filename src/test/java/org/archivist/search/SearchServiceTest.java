package org.archivist.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.archivist.testing.EngineTest;
import org.junit.jupiter.api.Test;

/** The full-text index follows every table that feeds it, through triggers, on both engines. */
class SearchServiceTest extends EngineTest {

    private List<Long> search(String words) {
        return bean(SearchService.class).findItemIds(words, 50);
    }

    private long insertItem(String title) {
        jdbc().update("INSERT INTO items (kind, title, details) VALUES ('scene', ?, 'filmed on a rainy afternoon')", title);
        return jdbc().queryForObject("SELECT max(id) FROM items WHERE title = ?", Long.class, title);
    }

    @Test
    void findsAnItemByAWordOfItsTitleAndStopsAfterTheWordIsRemoved() {
        String word = "zephyr" + System.nanoTime();
        long item = insertItem("The " + word + " harbour");
        assertThat(search(word.toUpperCase())).containsExactly(item);
        assertThat(search("harbour " + word)).containsExactly(item);
        jdbc().update("UPDATE items SET title = 'The quiet harbour' WHERE id = ?", item);
        assertThat(search(word)).isEmpty();
        jdbc().update("DELETE FROM items WHERE id = ?", item);
        assertThat(search("harbour")).doesNotContain(item);
    }

    @Test
    void findsAnItemByATagAndFollowsRenamesAndRemovals() {
        long item = insertItem(unique("tagged"));
        String tag = "lighthouse" + System.nanoTime();
        jdbc().update("INSERT INTO tags (name) VALUES (?)", tag);
        long tagId = jdbc().queryForObject("SELECT id FROM tags WHERE name = ?", Long.class, tag);
        jdbc().update("INSERT INTO item_tags (item_id, tag_id) VALUES (?, ?)", item, tagId);
        assertThat(search(tag)).containsExactly(item);
        String renamed = "beacon" + System.nanoTime();
        jdbc().update("UPDATE tags SET name = ? WHERE id = ?", renamed, tagId);
        assertThat(search(tag)).isEmpty();
        assertThat(search(renamed)).containsExactly(item);
        jdbc().update("DELETE FROM item_tags WHERE item_id = ? AND tag_id = ?", item, tagId);
        assertThat(search(renamed)).isEmpty();
    }

    @Test
    void findsAnItemByAPersonAndAStudio() {
        long item = insertItem(unique("credited"));
        String person = "Ingrid Marsh" + System.nanoTime();
        jdbc().update("INSERT INTO people (name) VALUES (?)", person);
        long personId = jdbc().queryForObject("SELECT id FROM people WHERE name = ?", Long.class, person);
        jdbc().update("INSERT INTO item_people (item_id, person_id, role) VALUES (?, ?, 'performer')", item, personId);
        assertThat(search(person)).containsExactly(item);
        jdbc().update("DELETE FROM people WHERE id = ?", personId);
        assertThat(search(person)).isEmpty();

        String studio = "Northlight" + System.nanoTime();
        jdbc().update("INSERT INTO studios (name) VALUES (?)", studio);
        long studioId = jdbc().queryForObject("SELECT id FROM studios WHERE name = ?", Long.class, studio);
        jdbc().update("UPDATE items SET studio_id = ? WHERE id = ?", studioId, item);
        assertThat(search(studio)).containsExactly(item);
        jdbc().update("DELETE FROM studios WHERE id = ?", studioId);
        assertThat(search(studio)).isEmpty();
    }

    @Test
    void findsAnItemByAFileName() {
        long item = insertItem(unique("with files"));
        String library = unique("lib");
        jdbc().update("INSERT INTO libraries (name, root_path) VALUES (?, ?)", library, "/" + library);
        long libraryId = jdbc().queryForObject("SELECT id FROM libraries WHERE name = ?", Long.class, library);
        String stem = "DSCN" + System.nanoTime();
        jdbc().update("INSERT INTO files (library_id, item_id, path, file_name, size_bytes, file_modified_at, media_type, "
                + "original_path, last_scanned_at) VALUES (?, ?, ?, ?, 1, CURRENT_TIMESTAMP, 'image', ?, CURRENT_TIMESTAMP)",
                libraryId, item, "2010/" + stem + "_0001.JPG", stem + "_0001.JPG", "x");
        assertThat(search(stem)).containsExactly(item);
        assertThat(search(stem + "_0001.jpg")).containsExactly(item);
        jdbc().update("UPDATE files SET item_id = NULL WHERE library_id = ?", libraryId);
        assertThat(search(stem)).isEmpty();
    }

    @Test
    void punctuationAloneFindsNothing() {
        assertThat(search("  -- \" * ")).isEmpty();
        assertThat(search(null)).isEmpty();
    }
}
