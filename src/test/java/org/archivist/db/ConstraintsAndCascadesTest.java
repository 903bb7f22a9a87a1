package org.archivist.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.archivist.testing.EngineTest;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;

/**
 * The schema's own rules, exercised with plain SQL so that they hold for every writer, and the
 * one exception type every violation surfaces as.
 */
class ConstraintsAndCascadesTest extends EngineTest {

    private long insertLibrary() {
        String name = unique("lib");
        jdbc().update("INSERT INTO libraries (name, root_path) VALUES (?, ?)", name, "/" + name);
        return jdbc().queryForObject("SELECT id FROM libraries WHERE name = ?", Long.class, name);
    }

    private long insertItem(String title) {
        jdbc().update("INSERT INTO items (kind, title) VALUES ('photo', ?)", title);
        return jdbc().queryForObject("SELECT max(id) FROM items WHERE title = ?", Long.class, title);
    }

    private long insertFile(long libraryId, Long itemId, String path) {
        jdbc().update("INSERT INTO files (library_id, item_id, path, file_name, size_bytes, file_modified_at, media_type, "
                + "original_path, last_scanned_at) VALUES (?, ?, ?, ?, 1, CURRENT_TIMESTAMP, 'image', ?, CURRENT_TIMESTAMP)",
                libraryId, itemId, path, path, path);
        return jdbc().queryForObject("SELECT id FROM files WHERE library_id = ? AND path = ?", Long.class, libraryId, path);
    }

    private long insertUser() {
        String email = unique("u") + "@example.org";
        jdbc().update("INSERT INTO users (email, password_hash) VALUES (?, 'x')", email);
        return jdbc().queryForObject("SELECT id FROM users WHERE email = ?", Long.class, email);
    }

    @Test
    void uniqueViolationsAreDuplicateKeys() {
        long library = insertLibrary();
        insertFile(library, null, "a.jpg");
        assertThatThrownBy(() -> insertFile(library, null, "a.jpg")).isInstanceOf(DuplicateKeyException.class);
        String email = unique("Someone") + "@Example.org";
        jdbc().update("INSERT INTO users (email, password_hash) VALUES (?, 'x')", email);
        assertThatThrownBy(() -> jdbc().update("INSERT INTO users (email, password_hash) VALUES (?, 'x')", email.toUpperCase()))
                .as("e-mail unique regardless of case").isInstanceOf(DuplicateKeyException.class);
    }

    @Test
    void checkConstraintsRejectOutOfRangeValues() {
        long item = insertItem("checked");
        long user = insertUser();
        long library = insertLibrary();
        long file = insertFile(library, item, "c.jpg");
        String[] violations = {
                "INSERT INTO reviews (user_id, item_id, rating) VALUES (" + user + ", " + item + ", 6)",
                "INSERT INTO reviews (user_id, item_id, rating) VALUES (" + user + ", " + item + ", 0)",
                "INSERT INTO tags (name, color) VALUES ('" + unique("t") + "', 'red')",
                "INSERT INTO tags (name, color) VALUES ('" + unique("t") + "', '#12345g')",
                "INSERT INTO items (kind, title) VALUES ('movie', 'unknown kind')",
                "UPDATE items SET average_rating = 5.5 WHERE id = " + item,
                "UPDATE files SET confidence = 'certain' WHERE id = " + file,
                "UPDATE files SET media_type = 'VIDEO' WHERE id = " + file,
                "INSERT INTO jobs (type, progress) VALUES ('scan', 101)",
                "INSERT INTO jobs (type, status) VALUES ('scan', 'paused')",
                "INSERT INTO duplicates (file_id, duplicate_of_id, match_type, similarity) VALUES (" + file + ", " + file + ", 'exact', 1)",
                "INSERT INTO settings (key, value) VALUES ('" + unique("k") + "', '{not json')",
                "INSERT INTO users (email, password_hash, role) VALUES ('" + unique("r") + "@x.org', 'x', 'root')",
                "INSERT INTO analysis_plans (name, status) VALUES ('p', 'done')",
        };
        for (String sql : violations) {
            assertThatThrownBy(() -> jdbc().update(sql)).as(sql).isInstanceOf(DataIntegrityViolationException.class);
        }
        jdbc().update("INSERT INTO tags (name, color) VALUES (?, '#A1b2C3')", unique("ok"));
    }

    @Test
    void notNullAndForeignKeyViolationsAreIntegrityViolations() {
        assertThatThrownBy(() -> jdbc().update("INSERT INTO items (kind) VALUES ('photo')"))
                .isInstanceOf(DataIntegrityViolationException.class);
        assertThatThrownBy(() -> insertFile(987_654_321L, null, "orphan.jpg"))
                .isInstanceOf(DataIntegrityViolationException.class);
        assertThatThrownBy(() -> jdbc().update("INSERT INTO item_tags (item_id, tag_id) VALUES (987654321, 987654321)"))
                .isInstanceOf(DataIntegrityViolationException.class);
    }

    @Test
    void childrenThatCannotLiveAloneCascadeAndReferencesAreSetNull() {
        long library = insertLibrary();
        long item = insertItem("cascading");
        long file = insertFile(library, item, "x/cascade.jpg");
        long other = insertFile(library, null, "x/other.jpg");
        long user = insertUser();
        jdbc().update("INSERT INTO file_metadata (file_id, width, height) VALUES (?, 10, 10)", file);
        jdbc().update("INSERT INTO duplicates (file_id, duplicate_of_id, match_type, similarity) VALUES (?, ?, 'exact', 1)", other, file);
        jdbc().update("INSERT INTO user_decisions (file_id, user_id, decision_type, decision_value) VALUES (?, ?, 'keep_duplicate', '{}')", file, user);
        String tagName = unique("tag");
        jdbc().update("INSERT INTO tags (name) VALUES (?)", tagName);
        long tag = jdbc().queryForObject("SELECT id FROM tags WHERE name = ?", Long.class, tagName);
        jdbc().update("INSERT INTO item_tags (item_id, tag_id) VALUES (?, ?)", item, tag);
        jdbc().update("INSERT INTO reviews (user_id, item_id, rating) VALUES (?, ?, 4)", user, item);
        jdbc().update("INSERT INTO user_favorites (user_id, item_id) VALUES (?, ?)", user, item);
        String collection = unique("col");
        jdbc().update("INSERT INTO collections (name, owner_id) VALUES (?, ?)", collection, user);
        long collectionId = jdbc().queryForObject("SELECT id FROM collections WHERE name = ?", Long.class, collection);
        jdbc().update("INSERT INTO collection_items (collection_id, item_id, position) VALUES (?, ?, 0)", collectionId, item);
        jdbc().update("INSERT INTO jobs (type) VALUES ('scan')");
        long job = jdbc().queryForObject("SELECT max(id) FROM jobs", Long.class);
        jdbc().update("INSERT INTO job_files (job_id, file_id) VALUES (?, ?)", job, file);
        String task = unique("task");
        jdbc().update("INSERT INTO scheduled_tasks (name, task_type, schedule, last_job_id) VALUES (?, 'scan', '0 3 * * *', ?)", task, job);
        jdbc().update("INSERT INTO analysis_plans (name, created_by) VALUES ('plan', ?)", user);
        long plan = jdbc().queryForObject("SELECT max(id) FROM analysis_plans", Long.class);
        jdbc().update("INSERT INTO plan_changes (plan_id, item_id, field, action) VALUES (?, ?, 'title', 'set')", plan, item);

        // deleting the item: its files stay (item set null), its tags links, reviews, favourites, entries and plan changes go
        jdbc().update("DELETE FROM items WHERE id = ?", item);
        assertThat(jdbc().queryForObject("SELECT count(*) FROM files WHERE id = ? AND item_id IS NULL", Long.class, file)).isEqualTo(1);
        for (String child : new String[] {"item_tags", "reviews", "user_favorites", "collection_items", "plan_changes"}) {
            assertThat(jdbc().queryForObject("SELECT count(*) FROM " + child + " WHERE item_id = ?", Long.class, item)).as(child).isZero();
        }
        assertThat(jdbc().queryForObject("SELECT count(*) FROM tags WHERE id = ?", Long.class, tag)).isEqualTo(1);

        // deleting the job: the task keeps existing without it
        jdbc().update("DELETE FROM jobs WHERE id = ?", job);
        assertThat(jdbc().queryForObject("SELECT count(*) FROM scheduled_tasks WHERE name = ? AND last_job_id IS NULL", Long.class, task)).isEqualTo(1);

        // deleting the user: references to them are set null, their own rows go
        jdbc().update("DELETE FROM users WHERE id = ?", user);
        assertThat(jdbc().queryForObject("SELECT count(*) FROM collections WHERE id = ? AND owner_id IS NULL", Long.class, collectionId)).isEqualTo(1);
        assertThat(jdbc().queryForObject("SELECT count(*) FROM analysis_plans WHERE id = ? AND created_by IS NULL", Long.class, plan)).isEqualTo(1);
        assertThat(jdbc().queryForObject("SELECT count(*) FROM user_decisions WHERE file_id = ? AND user_id IS NULL", Long.class, file)).isEqualTo(1);

        // deleting the library: its files and everything hanging off them go
        jdbc().update("DELETE FROM libraries WHERE id = ?", library);
        for (String child : new String[] {"file_metadata", "user_decisions", "job_files"}) {
            assertThat(jdbc().queryForObject("SELECT count(*) FROM " + child + " WHERE file_id = ?", Long.class, file)).as(child).isZero();
        }
        assertThat(jdbc().queryForObject("SELECT count(*) FROM duplicates WHERE duplicate_of_id = ?", Long.class, file)).isZero();
        assertThat(jdbc().queryForObject("SELECT count(*) FROM files WHERE library_id = ?", Long.class, library)).isZero();
    }

    @Test
    void aStudioOutlivesItsParent() {
        String parent = unique("network");
        jdbc().update("INSERT INTO studios (name) VALUES (?)", parent);
        long parentId = jdbc().queryForObject("SELECT id FROM studios WHERE name = ?", Long.class, parent);
        String child = unique("label");
        jdbc().update("INSERT INTO studios (name, parent_id) VALUES (?, ?)", child, parentId);
        long item = insertItem("studio-bound");
        jdbc().update("UPDATE items SET studio_id = ? WHERE id = ?", parentId, item);
        jdbc().update("DELETE FROM studios WHERE id = ?", parentId);
        assertThat(jdbc().queryForObject("SELECT count(*) FROM studios WHERE name = ? AND parent_id IS NULL", Long.class, child)).isEqualTo(1);
        assertThat(jdbc().queryForObject("SELECT count(*) FROM items WHERE id = ? AND studio_id IS NULL", Long.class, item)).isEqualTo(1);
    }
}
