package org.archivist.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.archivist.ArchivistApplication;
import org.archivist.db.DatabaseLocation;
import org.archivist.db.Engine;
import org.archivist.db.SchemaMigrator;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Real databases for tests: SQLite files under target/, and one embedded PostgreSQL server per
 * test JVM with a fresh database for each caller.
 */
public final class TestDatabases {

    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static final Map<Engine, ConfigurableApplicationContext> CONTEXTS = new EnumMap<>(Engine.class);
    private static EmbeddedPostgres postgres;

    private TestDatabases() {
    }

    /** A new, empty database on the engine (no schema). */
    public static DatabaseLocation fresh(Engine engine) {
        return engine == Engine.SQLITE ? freshSqlite() : freshPostgres();
    }

    public static DatabaseLocation freshSqlite() {
        try {
            Path folder = Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir"), "test-databases"));
            return DatabaseLocation.sqlite(folder.resolve("archivist-" + ProcessHandle.current().pid() + "-"
                    + COUNTER.incrementAndGet() + ".db"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static synchronized DatabaseLocation freshPostgres() {
        String name = "archivist_" + COUNTER.incrementAndGet();
        try (Connection connection = postgres().getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create test database " + name, e);
        }
        return DatabaseLocation.parse(postgres().getJdbcUrl("postgres", name));
    }

    /** The embedded server, started on first use and stopped when the JVM exits. */
    public static synchronized EmbeddedPostgres postgres() {
        if (postgres == null) {
            try {
                postgres = EmbeddedPostgres.builder().start();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start embedded PostgreSQL", e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    postgres.close();
                } catch (IOException ignored) {
                    // the JVM is exiting
                }
            }));
        }
        return postgres;
    }

    /**
     * The application on a migrated database of the engine, shared by the tests of one JVM
     * (tests must not assume empty tables). On PostgreSQL Hibernate also validates the mapping
     * against the schema.
     */
    public static synchronized ConfigurableApplicationContext context(Engine engine) {
        return CONTEXTS.computeIfAbsent(engine, TestDatabases::startApplication);
    }

    public static ConfigurableApplicationContext startApplication(Engine engine) {
        DatabaseLocation location = fresh(engine);
        new SchemaMigrator(location).upgrade();
        String ddl = engine == Engine.POSTGRESQL ? "validate" : "none";
        return ArchivistApplication.start(location, "spring.jpa.hibernate.ddl-auto=" + ddl);
    }
}
