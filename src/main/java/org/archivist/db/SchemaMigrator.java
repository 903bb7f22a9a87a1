package org.archivist.db;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

import liquibase.Contexts;
import liquibase.LabelExpression;
import liquibase.Liquibase;
import liquibase.Scope;
import liquibase.changelog.ChangeSet;
import liquibase.changelog.RanChangeSet;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.exception.LiquibaseException;
import liquibase.resource.ClassLoaderResourceAccessor;
import liquibase.ui.LoggerUIService;

/**
 * Applies and rolls back the schema with Liquibase on its own connection (see
 * {@link ConnectionSettings#migrations}). Refuses to touch a schema written by a newer program.
 */
public final class SchemaMigrator {

    public static final String CHANGELOG = "db/changelog/db.changelog-master.yaml";

    /** Liquibase reports each changeset through java.util.logging; the commands say what matters. */
    private static final java.util.logging.Logger LIQUIBASE_LOG = java.util.logging.Logger.getLogger("liquibase");

    static {
        System.setProperty("liquibase.analytics.enabled", "false");
        System.setProperty("liquibase.showBanner", "false");
        System.setProperty("liquibase.command.showSummary", "OFF");
        System.setProperty("liquibase.command.showSummaryOutput", "LOG");
        LIQUIBASE_LOG.setLevel(java.util.logging.Level.WARNING);
    }

    private final DatabaseLocation location;

    public SchemaMigrator(DatabaseLocation location) {
        this.location = location;
    }

    /** Brings the schema to the newest version this program knows. */
    public SchemaStatus upgrade() {
        return change(liquibase -> {
            refuseNewerSchema(liquibase);
            liquibase.update(new Contexts(), new LabelExpression());
            return null;
        });
    }

    /** Brings the schema to the given release tag, applying only what comes before it. */
    public SchemaStatus upgradeTo(String tag) {
        return change(liquibase -> {
            refuseNewerSchema(liquibase);
            liquibase.update(tag, new Contexts(), new LabelExpression());
            return null;
        });
    }

    /** Undoes every changeset applied after the given release tag. */
    public SchemaStatus rollbackTo(String tag) {
        return change(liquibase -> {
            refuseNewerSchema(liquibase);
            if (!liquibase.tagExists(tag)) {
                throw new DatabaseException("schema tag '" + tag + "' was never applied to this database; "
                        + "see 'archivist db status' for the current tag");
            }
            liquibase.rollback(tag, new Contexts(), new LabelExpression());
            // Liquibase also undoes the tagDatabase changeset that set the tag; applying up to the
            // tag runs that one changeset again, so the database ends at the tag, still tagged.
            liquibase.update(tag, new Contexts(), new LabelExpression());
            return null;
        });
    }

    /** Undoes the last {@code count} changesets. */
    public SchemaStatus rollbackCount(int count) {
        if (count < 1) {
            throw new DatabaseException("--count must be at least 1, got " + count);
        }
        return change(liquibase -> {
            refuseNewerSchema(liquibase);
            int applied = liquibase.getDatabase().getRanChangeSetList().size();
            if (count > applied) {
                throw new DatabaseException("cannot roll back " + count + " changesets: the database has applied only " + applied);
            }
            liquibase.rollback(count, new Contexts(), new LabelExpression());
            return null;
        });
    }

    public SchemaStatus status() {
        return withLiquibase(SchemaMigrator::status);
    }

    /**
     * Whether the last changeset the database ran is the release tag that ends this program's
     * changelog: a plain query, so that everyday commands do not pay a second for Liquibase to
     * read the whole changelog. {@code false} means "ask {@link #status()}", not "out of date".
     */
    public boolean isAtThisRelease() {
        String tag = releaseTag();
        try (Connection connection = open(); java.sql.Statement statement = connection.createStatement();
             java.sql.ResultSet last = statement.executeQuery(
                     "SELECT id, tag FROM databasechangelog ORDER BY orderexecuted DESC, dateexecuted DESC LIMIT 1")) {
            return last.next() && ("tag-" + tag).equals(last.getString(1)) && tag.equals(last.getString(2));
        } catch (SQLException e) {
            return false; // no history table yet, or unreadable: the full check says which
        }
    }

    /** The tag of the changelog's last changeset (a test keeps the changelog ending with one). */
    public static String releaseTag() {
        try (var in = SchemaMigrator.class.getClassLoader().getResourceAsStream(CHANGELOG)) {
            String text = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            java.util.regex.Matcher tags = java.util.regex.Pattern.compile("tagDatabase: \\{tag: \"([^\"]+)\"}").matcher(text);
            String tag = null;
            while (tags.find()) tag = tags.group(1);
            if (tag == null) throw new IllegalStateException(CHANGELOG + " has no release tag");
            return tag;
        } catch (java.io.IOException | NullPointerException e) {
            throw new IllegalStateException("cannot read " + CHANGELOG + " from the program", e);
        }
    }

    private static SchemaStatus status(Liquibase liquibase) throws LiquibaseException {
        List<RanChangeSet> ran = liquibase.getDatabase().getRanChangeSetList();
        String tag = null;
        for (RanChangeSet changeSet : ran) {
            if (changeSet.getTag() != null) {
                tag = changeSet.getTag();
            }
        }
        List<String> pending = liquibase.listUnrunChangeSets(new Contexts(), new LabelExpression()).stream()
                .map(ChangeSet::getId).toList();
        List<String> unknown = liquibase.listUnexpectedChangeSets(new Contexts(), new LabelExpression()).stream()
                .map(RanChangeSet::getId).toList();
        return new SchemaStatus(tag, ran.size(), pending, unknown);
    }

    private static void refuseNewerSchema(Liquibase liquibase) throws LiquibaseException {
        var unknown = liquibase.listUnexpectedChangeSets(new Contexts(), new LabelExpression());
        if (!unknown.isEmpty()) {
            throw new DatabaseException("the database schema is newer than this program: it has "
                    + unknown.size() + " changeset(s) this version of Archivist does not know (first: "
                    + unknown.iterator().next().getId() + "); upgrade Archivist before using this database");
        }
    }

    /** Runs a change, then reads the status afresh: Liquibase caches what it has read of the history. */
    private SchemaStatus change(LiquibaseWork<Void> change) {
        // A bulk scan killed before its end left indexes set aside: no migration, forward or back, should meet their absence.
        try (Connection connection = open()) {
            SecondaryIndexes.restoreOn(connection);
        } catch (SQLException e) {
            throw new DatabaseException("the indexes a stopped bulk scan set aside could not be built again on " + location.displayUrl()
                    + ": " + e.getMessage(), e);
        }
        withLiquibase(change);
        return status();
    }

    private <T> T withLiquibase(LiquibaseWork<T> work) {
        try (Connection connection = open()) {
            Database database = DatabaseFactory.getInstance()
                    .findCorrectDatabaseImplementation(new JdbcConnection(connection));
            Liquibase liquibase = new Liquibase(CHANGELOG, new ClassLoaderResourceAccessor(getClass().getClassLoader()), database);
            return Scope.child(Map.of(Scope.Attr.ui.name(), new LoggerUIService()), () -> work.run(liquibase));
        } catch (Exception e) {
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                if (cause instanceof DatabaseException clear) {
                    throw clear;
                }
            }
            throw new DatabaseException("schema migration on " + location.displayUrl() + " failed: "
                    + DatabasePreflight.rootMessage(e), e);
        }
    }

    Connection open() throws SQLException {
        return DriverManager.getConnection(location.jdbcUrl(), ConnectionSettings.migrations(location));
    }

    @FunctionalInterface
    private interface LiquibaseWork<T> {
        T run(Liquibase liquibase) throws Exception;
    }
}
