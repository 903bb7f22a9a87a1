package org.archivist.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

import org.archivist.db.DatabaseBackup;
import org.archivist.db.DatabaseHealth;
import org.archivist.db.DatabaseLocation;
import org.archivist.db.DatabasePreflight;
import org.archivist.db.DatabaseReset;
import org.archivist.db.HealthReport;
import org.archivist.db.SchemaMigrator;
import org.archivist.db.SchemaStatus;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code archivist db ...}: the catalogue database's schema and health. */
@Command(name = "db", description = "Create, upgrade, check and reset the catalogue database.",
        mixinStandardHelpOptions = true,
        subcommands = {DbCommand.Upgrade.class, DbCommand.Rollback.class, DbCommand.Status.class,
                DbCommand.Health.class, SeedCommand.class, DbCommand.Reset.class, DbCommand.Backup.class, DbCommand.Restore.class, DbCommand.Copy.class})
class DbCommand {

    @Command(name = "upgrade", description = "Create the database or bring its schema to this version.")
    static class Upgrade implements Callable<Integer> {
        @Mixin DatabaseOption database;
        @Spec CommandSpec spec;

        @Override
        public Integer call() {
            DatabaseLocation location = database.location();
            DatabasePreflight.check(location);
            SchemaStatus before = new SchemaMigrator(location).status();
            SchemaStatus after = new SchemaMigrator(location).upgrade();
            int applied = after.appliedChangeSets() - before.appliedChangeSets();
            out(spec).printf("%s: schema %s (%d changeset%s applied now, %d in all)%n", location.displayUrl(),
                    after.currentTag(), applied, applied == 1 ? "" : "s", after.appliedChangeSets());
            return ExitCodes.OK;
        }
    }

    @Command(name = "rollback", description = "Undo schema changes, back to a release tag or by a number of changesets.")
    static class Rollback implements Callable<Integer> {
        @Mixin DatabaseOption database;
        @Spec CommandSpec spec;
        @ArgGroup(multiplicity = "1") Target target;

        static class Target {
            @Option(names = "--to", paramLabel = "TAG", description = "Release tag to return to, e.g. 0.1.0") String tag;
            @Option(names = "--count", paramLabel = "N", description = "Number of changesets to undo") Integer count;
        }

        @Override
        public Integer call() {
            DatabaseLocation location = database.location();
            DatabasePreflight.check(location);
            SchemaMigrator migrator = new SchemaMigrator(location);
            SchemaStatus after = target.tag != null ? migrator.rollbackTo(target.tag) : migrator.rollbackCount(target.count);
            out(spec).printf("%s: schema %s (%d changesets applied, %d pending)%n", location.displayUrl(),
                    after.currentTag() == null ? "empty" : after.currentTag(), after.appliedChangeSets(),
                    after.pendingChangeSets().size());
            return ExitCodes.OK;
        }
    }

    @Command(name = "status", description = "Show the schema tag and the changesets still to apply.")
    static class Status implements Callable<Integer> {
        @Mixin DatabaseOption database;
        @Spec CommandSpec spec;

        @Override
        public Integer call() {
            DatabaseLocation location = database.location();
            DatabasePreflight.check(location);
            SchemaStatus status = new SchemaMigrator(location).status();
            PrintWriter out = out(spec);
            out.printf("database:   %s (%s)%n", location.displayUrl(), location.engine().displayName());
            out.printf("schema tag: %s%n", status.currentTag() == null ? "none (empty database)" : status.currentTag());
            out.printf("applied:    %d changesets%n", status.appliedChangeSets());
            out.printf("pending:    %d changesets%n", status.pendingChangeSets().size());
            status.pendingChangeSets().forEach(id -> out.printf("  - %s%n", id));
            if (status.isNewerThanProgram()) {
                out.printf("unknown:    %d changesets from a newer Archivist%n", status.unknownChangeSets().size());
                status.unknownChangeSets().forEach(id -> out.printf("  - %s%n", id));
                return ExitCodes.FAILURE;
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "health", description = "Check the database; exit code 0 only when it is healthy.")
    static class Health implements Callable<Integer> {
        @Mixin DatabaseOption database;
        @Spec CommandSpec spec;

        @Override
        public Integer call() {
            HealthReport report = DatabaseHealth.check(database.location());
            PrintWriter out = out(spec);
            out.printf("engine:       %s %s%n", report.engine().displayName(), report.serverVersion());
            out.printf("database:     %s%n", report.url());
            out.printf("schema tag:   %s%n", report.schema().currentTag() == null ? "none" : report.schema().currentTag());
            if (report.journalMode() != null) {
                out.printf("journal mode: %s%n", report.journalMode());
                out.printf("foreign keys: %s%n", report.foreignKeys() ? "on" : "off");
            }
            out.printf("round trip:   %.3f ms%n", report.roundTripMillis());
            report.problems().forEach(problem -> out.printf("problem:      %s%n", problem));
            out.println(report.isHealthy() ? "healthy" : "UNHEALTHY");
            return report.isHealthy() ? ExitCodes.OK : ExitCodes.FAILURE;
        }
    }

    @Command(name = "reset", description = "Drop every table of the catalogue (files on disk are not touched).")
    static class Reset implements Callable<Integer> {
        @Mixin DatabaseOption database;
        @Spec CommandSpec spec;
        @Option(names = "--yes", description = "Confirm that the whole catalogue is to be dropped.") boolean confirmed;

        @Override
        public Integer call() {
            DatabaseLocation location = database.location();
            if (!confirmed) {
                spec.commandLine().getErr().println("archivist: refusing to reset " + location.displayUrl()
                        + " without --yes: every catalogue row (tags, ratings, decisions) would be dropped");
                return ExitCodes.USAGE;
            }
            int dropped = DatabaseReset.dropEverything(location);
            out(spec).printf("%s: dropped %d objects; run 'archivist db upgrade' to start again%n", location.displayUrl(), dropped);
            return ExitCodes.OK;
        }
    }

    @Command(name = "backup", description = "Copy the catalogue to FILE (SQLite: safe while the server runs; PostgreSQL: prints the pg_dump command).")
    static class Backup implements Callable<Integer> {
        @Mixin DatabaseOption database;
        @Spec CommandSpec spec;
        @picocli.CommandLine.Parameters(paramLabel = "FILE", description = "A new file (an existing one is never overwritten).") java.nio.file.Path file;

        @Override
        public Integer call() {
            try {
                DatabaseBackup.Result result = DatabaseBackup.backup(database.location(), file);
                out(spec).printf("backed up %s to %s: %,d bytes, %,d files catalogued, schema %s, integrity ok%n", database.location().displayUrl(),
                        result.file(), result.bytes(), result.files(), result.schemaTag());
                return ExitCodes.OK;
            } catch (DatabaseBackup.UseTheEnginesTool e) {
                spec.commandLine().getErr().println("archivist: " + e.getMessage());
                return ExitCodes.USAGE;
            }
        }
    }

    @Command(name = "restore", description = "Put a backup in the place of the catalogue (the current one is kept beside it). Stop the server first.")
    static class Restore implements Callable<Integer> {
        @Mixin DatabaseOption database;
        @Spec CommandSpec spec;
        @picocli.CommandLine.Parameters(paramLabel = "FILE") java.nio.file.Path file;
        @Option(names = "--yes", description = "Confirm that the catalogue is to be replaced by the backup.") boolean confirmed;

        @Override
        public Integer call() {
            DatabaseLocation location = database.location();
            if (!confirmed) {
                spec.commandLine().getErr().println("archivist: refusing to replace " + location.displayUrl() + " with " + file
                        + " without --yes (the current catalogue is saved beside it first)");
                return ExitCodes.USAGE;
            }
            try {
                DatabaseBackup.Result result = DatabaseBackup.restore(location, file);
                out(spec).printf("restored %s into %s: %,d files catalogued, schema %s; the catalogue before is kept beside it (.before-restore-...)%n", file,
                        location.displayUrl(), result.files(), result.schemaTag());
                out(spec).println("run 'archivist db upgrade' if this version's schema is newer than the backup's");
                return ExitCodes.OK;
            } catch (DatabaseBackup.UseTheEnginesTool e) {
                spec.commandLine().getErr().println("archivist: " + e.getMessage());
                return ExitCodes.USAGE;
            }
        }
    }

    @Command(name = "copy", description = "Copy the whole catalogue to another, empty database (SQLite to PostgreSQL or back), verified table by table; run again to resume.")
    static class Copy implements Callable<Integer> {
        @Mixin DatabaseOption database;
        @Spec CommandSpec spec;
        @Option(names = "--to", paramLabel = "JDBC_URL", required = true, description = "The empty database to copy into.") String to;

        @Override
        public Integer call() {
            DatabaseLocation from = database.location();
            DatabaseLocation target = DatabaseLocation.parse(to);
            PrintWriter out = out(spec);
            var tables = org.archivist.db.DatabaseCopy.copy(from, target, line -> out.println("  " + line));
            long rows = tables.stream().mapToLong(org.archivist.db.DatabaseCopy.TableCopy::rows).sum();
            // The search index is each engine's own: the target's is made from the copied rows now.
            try (var context = org.archivist.ArchivistApplication.start(target)) {
                var search = context.getBean(org.archivist.search.SearchIndex.class);
                while (search.flush() > 0) {
                    // each flush takes a batch of the queue
                }
            }
            out.printf("copied %s to %s: %d tables, %,d rows, each table's row count and checksum equal; point the server at it with --db %s%n",
                    from.displayUrl(), target.displayUrl(), tables.size(), rows, target.displayUrl());
            return ExitCodes.OK;
        }
    }

    static PrintWriter out(CommandSpec spec) {
        return spec.commandLine().getOut();
    }
}
