package org.archivist.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.archivist.testing.TestDatabases;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

@ParameterizedClass(name = "{0}")
@EnumSource(Engine.class)
class MigrationTest {

    static final Set<String> APPLICATION_TABLES = Set.of("users", "libraries", "studios", "items", "people",
            "item_people", "tags", "item_tags", "collections", "collection_items", "files", "file_metadata",
            "duplicates", "user_decisions", "analysis_plans", "plan_changes", "jobs", "job_files", "settings",
            "scheduled_tasks", "reviews", "user_favorites", "item_search", "item_search_queue");

    @Parameter
    Engine engine;

    @Test
    void emptyToHeadToEmptyToHeadAgain() throws SQLException {
        DatabaseLocation location = TestDatabases.fresh(engine);
        SchemaMigrator migrator = new SchemaMigrator(location);

        assertThat(migrator.isAtThisRelease()).as("empty database").isFalse();
        SchemaStatus head = migrator.upgrade();
        assertThat(head.currentTag()).isEqualTo("0.10.0").isEqualTo(SchemaMigrator.releaseTag());
        assertThat(head.pendingChangeSets()).isEmpty();
        assertThat(migrator.isAtThisRelease()).as("the quick check agrees with Liquibase at the head").isTrue();
        assertThat(tables(location)).containsAll(APPLICATION_TABLES);

        SchemaStatus empty = migrator.rollbackCount(head.appliedChangeSets());
        assertThat(empty.appliedChangeSets()).isZero();
        assertThat(empty.currentTag()).isNull();
        List<String> left = tables(location).stream().filter(t -> !t.startsWith("databasechangelog")).toList();
        assertThat(left).as("application tables left after rolling everything back").isEmpty();

        SchemaStatus again = migrator.upgrade();
        assertThat(again.currentTag()).isEqualTo("0.10.0");
        assertThat(tables(location)).containsAll(APPLICATION_TABLES);
    }

    @Test
    void rollbackToTagAndUpgradeKeepEveryRowAndIndexThemForSearch() throws SQLException {
        DatabaseLocation location = TestDatabases.fresh(engine);
        SchemaMigrator migrator = new SchemaMigrator(location);
        assertThat(migrator.upgradeTo("0.1.0").currentTag()).isEqualTo("0.1.0");
        assertThat(tables(location)).doesNotContain("item_search");

        execute(location,
                "INSERT INTO libraries (name, root_path) VALUES ('photos', '/srv/photos')",
                "INSERT INTO items (kind, title) VALUES ('photo', 'Harbour at dusk')",
                "INSERT INTO items (kind, title) VALUES ('book', 'Moby Dick')",
                "INSERT INTO tags (name) VALUES ('Seaside')",
                "INSERT INTO item_tags (item_id, tag_id) VALUES (1, 1)",
                "INSERT INTO files (library_id, item_id, path, file_name, size_bytes, file_modified_at, media_type, original_path, last_scanned_at) "
                        + "VALUES (1, 1, '2020/IMG_4120.JPG', 'IMG_4120.JPG', 10, CURRENT_TIMESTAMP, 'image', '2020/IMG_4120.JPG', CURRENT_TIMESTAMP)");

        SchemaStatus upgraded = migrator.upgrade();
        assertThat(upgraded.currentTag()).isEqualTo("0.10.0");
        assertThat(count(location, "SELECT count(*) FROM items")).isEqualTo(2);
        assertThat(count(location, "SELECT count(*) FROM files")).isEqualTo(1);
        assertThat(count(location, "SELECT count(*) FROM item_tags")).isEqualTo(1);
        assertThat(count(location, "SELECT count(*) FROM item_search")).as("existing items indexed on upgrade").isEqualTo(2);
        String seaside = engine == Engine.SQLITE
                ? "SELECT count(*) FROM item_search WHERE item_search MATCH 'seaside'"
                : "SELECT count(*) FROM item_search WHERE document @@ plainto_tsquery('simple', 'seaside')";
        assertThat(count(location, seaside)).isEqualTo(1);

        SchemaStatus back = migrator.rollbackTo("0.1.0");
        assertThat(back.currentTag()).isEqualTo("0.1.0");
        assertThat(migrator.isAtThisRelease()).as("an older release").isFalse();
        assertThat(tables(location)).doesNotContain("item_search");
        assertThat(count(location, "SELECT count(*) FROM items")).isEqualTo(2);
        assertThat(migrator.upgrade().currentTag()).isEqualTo("0.10.0");
    }

    @Test
    void aSchemaFromANewerProgramIsRefused() throws SQLException {
        DatabaseLocation location = TestDatabases.fresh(engine);
        SchemaMigrator migrator = new SchemaMigrator(location);
        migrator.upgrade();
        execute(location, "INSERT INTO databasechangelog (id, author, filename, dateexecuted, orderexecuted, exectype) "
                + "VALUES ('9.9.9-from-the-future', 'archivist', 'db/changelog/9.9.9/future.sql', CURRENT_TIMESTAMP, 999, 'EXECUTED')");

        assertThat(migrator.status().isNewerThanProgram()).isTrue();
        assertThat(migrator.isAtThisRelease()).as("a newer program's changeset after our tag").isFalse();
        assertThatThrownBy(migrator::upgrade).isInstanceOf(DatabaseException.class)
                .hasMessageContaining("newer than this program");
        assertThatThrownBy(() -> migrator.rollbackCount(1)).isInstanceOf(DatabaseException.class)
                .hasMessageContaining("newer than this program");
    }

    @Test
    void rollbackToAnUnknownTagOrTooFarIsRefusedClearly() {
        DatabaseLocation location = TestDatabases.fresh(engine);
        SchemaMigrator migrator = new SchemaMigrator(location);
        SchemaStatus head = migrator.upgrade();
        assertThatThrownBy(() -> migrator.rollbackTo("7.0.0")).isInstanceOf(DatabaseException.class)
                .hasMessageContaining("'7.0.0' was never applied");
        assertThatThrownBy(() -> migrator.rollbackCount(head.appliedChangeSets() + 1)).isInstanceOf(DatabaseException.class)
                .hasMessageContaining("has applied only");
    }

    static List<String> tables(DatabaseLocation location) throws SQLException {
        String sql = location.isSqlite()
                ? "SELECT lower(name) FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT IN ('item_search_data', 'item_search_idx', 'item_search_content', 'item_search_docsize', 'item_search_config')"
                : "SELECT lower(table_name) FROM information_schema.tables WHERE table_schema = current_schema()";
        List<String> tables = new ArrayList<>();
        try (Connection connection = connect(location); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                tables.add(rows.getString(1));
            }
        }
        return tables;
    }

    static long count(DatabaseLocation location, String sql) throws SQLException {
        try (Connection connection = connect(location); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    static void execute(DatabaseLocation location, String... statements) throws SQLException {
        try (Connection connection = connect(location); Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    static Connection connect(DatabaseLocation location) throws SQLException {
        return DriverManager.getConnection(location.jdbcUrl(), ConnectionSettings.application(location));
    }
}
