package org.archivist.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import org.archivist.db.DatabaseLocation;
import org.archivist.db.Engine;
import org.archivist.testing.TestDatabases;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The {@code archivist db} commands, run as a person would, on both engines. */
class DbCommandTest {

    record Result(int exitCode, String out, String err) {
    }

    static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = ArchivistCli.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Result(code, out.toString(), err.toString());
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void upgradeStatusHealthSeedRollbackAndReset(Engine engine) {
        String url = TestDatabases.fresh(engine).jdbcUrl();

        Result unhealthy = run("db", "health", "--db", url);
        assertThat(unhealthy.exitCode()).as("an empty database is not healthy").isEqualTo(1);
        assertThat(unhealthy.out()).contains("pending").contains("UNHEALTHY");

        Result upgrade = run("db", "upgrade", "--db", url);
        assertThat(upgrade.exitCode()).isZero();
        assertThat(upgrade.out()).contains("schema 0.10.0");

        Result health = run("db", "health", "--db", url);
        assertThat(health.exitCode()).as(health.out() + health.err()).isZero();
        assertThat(health.out()).contains("engine:       " + engine.displayName()).contains("schema tag:   0.10.0")
                .contains("round trip:").contains("healthy");
        if (engine == Engine.SQLITE) {
            assertThat(health.out()).contains("journal mode: wal").contains("foreign keys: on");
        }

        Result seed = run("db", "seed", "--db", url);
        assertThat(seed.exitCode()).isZero();
        assertThat(seed.out()).contains("added 8 settings, 5 scheduled tasks, 6 standard tags");
        assertThat(run("db", "seed", "--db", url).out()).as("seeding twice adds nothing")
                .contains("added 0 settings, 0 scheduled tasks, 0 standard tags");

        Result rollback = run("db", "rollback", "--to", "0.1.0", "--db", url);
        assertThat(rollback.exitCode()).isZero();
        assertThat(rollback.out()).contains("schema 0.1.0");
        Result status = run("db", "status", "--db", url);
        assertThat(status.out()).contains("schema tag: 0.1.0").contains("tag-0.2.0");
        assertThat(run("db", "rollback", "--count", "1", "--db", url).exitCode()).isZero();
        assertThat(run("db", "upgrade", "--db", url).exitCode()).isZero();

        Result refused = run("db", "reset", "--db", url);
        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.err()).contains("without --yes");
        assertThat(run("db", "status", "--db", url).out()).contains("schema tag: 0.10.0");

        Result reset = run("db", "reset", "--yes", "--db", url);
        assertThat(reset.exitCode()).isZero();
        assertThat(run("db", "status", "--db", url).out()).contains("none (empty database)");
    }

    @Test
    void rollbackNeedsExactlyOneTarget() {
        String url = TestDatabases.freshSqlite().jdbcUrl();
        assertThat(run("db", "rollback", "--db", url).exitCode()).isEqualTo(2);
        assertThat(run("db", "rollback", "--to", "0.1.0", "--count", "2", "--db", url).exitCode()).isEqualTo(2);
    }

    @Test
    void badLocationsGiveOneClearErrorAndANonZeroExit() throws Exception {
        Path notSqlite = Files.createTempFile("notes", ".db");
        Files.writeString(notSqlite, "shopping list: milk, eggs");
        Result wrongFile = run("db", "upgrade", "--db", notSqlite.toString());
        assertThat(wrongFile.exitCode()).isEqualTo(1);
        assertThat(wrongFile.err()).contains(notSqlite + " is not an SQLite database").doesNotContain("Exception");
        assertThat(Files.readString(notSqlite)).as("the file is left as it was").isEqualTo("shopping list: milk, eggs");

        Result unsupported = run("db", "status", "--db", "jdbc:mysql://localhost/archivist");
        assertThat(unsupported.exitCode()).isEqualTo(1);
        assertThat(unsupported.err()).contains("is not supported");

        Result unreachable = run("db", "health", "--db", "jdbc:postgresql://127.0.0.1:1/archivist?user=x&password=secret");
        assertThat(unreachable.exitCode()).isEqualTo(1);
        assertThat(unreachable.err()).contains("cannot connect to PostgreSQL").contains("password=***").doesNotContain("secret");

        Path folder = Files.createTempDirectory("a-folder");
        assertThat(run("db", "upgrade", "--db", folder.toString()).err()).contains("is a directory");

        DatabaseLocation missingServerDb = DatabaseLocation.parse(TestDatabases.postgres().getJdbcUrl("postgres", "no_such_db"));
        Result noDatabase = run("db", "status", "--db", missingServerDb.jdbcUrl());
        assertThat(noDatabase.exitCode()).isEqualTo(1);
        assertThat(noDatabase.err()).contains("no_such_db");
    }

    @Test
    void aNewerSchemaIsReportedAndNotTouched() throws Exception {
        DatabaseLocation location = TestDatabases.freshSqlite();
        assertThat(run("db", "upgrade", "--db", location.jdbcUrl()).exitCode()).isZero();
        try (var connection = java.sql.DriverManager.getConnection(location.jdbcUrl());
             var statement = connection.createStatement()) {
            statement.execute("INSERT INTO databasechangelog (id, author, filename, dateexecuted, orderexecuted, exectype) "
                    + "VALUES ('9.0.0-future', 'archivist', 'future.sql', CURRENT_TIMESTAMP, 999, 'EXECUTED')");
        }
        Result upgrade = run("db", "upgrade", "--db", location.jdbcUrl());
        assertThat(upgrade.exitCode()).isEqualTo(1);
        assertThat(upgrade.err()).contains("newer than this program");
        assertThat(run("db", "health", "--db", location.jdbcUrl()).exitCode()).isEqualTo(1);
        assertThat(run("db", "status", "--db", location.jdbcUrl()).exitCode()).isEqualTo(1);
    }

    @Test
    void theDefaultDatabaseIsAnSqliteFileInTheUsersDataDirectory() {
        var environment = java.util.Map.of("XDG_DATA_HOME", "/srv/data");
        assertThat(DatabaseLocation.resolve(null, environment).sqliteFile()).isEqualTo(Path.of("/srv/data/archivist/archivist.db"));
        assertThat(DatabaseLocation.resolve(null, java.util.Map.of("ARCHIVIST_DB", "jdbc:postgresql://db/archivist")).engine())
                .isEqualTo(Engine.POSTGRESQL);
        assertThat(DatabaseLocation.resolve("jdbc:sqlite:/tmp/x.db", java.util.Map.of("ARCHIVIST_DB", "jdbc:postgresql://db/a"))
                .sqliteFile()).isEqualTo(Path.of("/tmp/x.db"));
    }
}
