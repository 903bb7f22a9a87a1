package org.archivist.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.archivist.testing.EngineTest;
import org.junit.jupiter.api.Test;

/** The indexes of the data model exist (those 0.10.0 dropped as covered or unused do not), read from each engine's own catalogue. */
class IndexesTest extends EngineTest {

    static final List<String> EXPECTED = List.of(
            "ux_users_email", "ix_studios_name", "ix_items_kind", "ix_items_title", "ix_items_item_date",
            "ix_items_average_rating", "ix_people_name", "ix_item_people_person_id", "ux_tags_name", "ix_item_tags_tag_id",
            "ix_collection_items_order", "ix_files_item_id", "ix_files_file_name", "ix_files_mime_type",
            "ix_files_sha256", "ix_files_unhashed", "ix_files_quick_hash", "ix_files_detected_at",
            "ix_files_created_at", "ix_files_media_type_created_at", "ix_file_metadata_artist",
            "ix_file_metadata_album", "ix_file_metadata_title", "ix_file_metadata_genre", "ix_duplicates_file_pair",
            "ix_duplicates_duplicate_of_id", "ix_user_decisions_file_id", "ix_analysis_plans_status",
            "ix_plan_changes_plan_id", "ix_jobs_claim", "ix_job_files_file_id",
            "ix_reviews_user_id", "ix_reviews_item_id", "ix_reviews_rating", "ix_user_favorites_user_id");

    @Test
    void everyIndexOfTheDataModelExists() {
        String sql = engine == Engine.SQLITE
                ? "SELECT lower(name) FROM sqlite_master WHERE type = 'index'"
                : "SELECT lower(indexname) FROM pg_indexes WHERE schemaname = current_schema()";
        List<String> indexes = jdbc().queryForList(sql, String.class);
        assertThat(indexes).containsAll(EXPECTED);
        assertThat(indexes).as("covered or unused (schema 0.10.0)").doesNotContain("ix_files_media_type", "ix_jobs_status", "ix_files_is_processed");
        if (engine == Engine.POSTGRESQL) {
            assertThat(indexes).contains("ix_item_search_document");
        }
    }

    @Test
    void lookupsUseTheirIndexes() {
        if (engine != Engine.SQLITE) {
            return; // PostgreSQL's planner picks sequential scans on tiny tables; the benchmark covers it at scale
        }
        assertThat(jdbc().queryForList("EXPLAIN QUERY PLAN SELECT id FROM files WHERE sha256 = 'x'")
                .toString()).contains("ix_files_sha256");
        assertThat(jdbc().queryForList("EXPLAIN QUERY PLAN SELECT id FROM files WHERE media_type = 'image' "
                + "AND (created_at, id) > ('2020-01-01', 0) ORDER BY created_at, id LIMIT 100").toString())
                .contains("ix_files_media_type_created_at").doesNotContain("TEMP B-TREE");
    }
}
