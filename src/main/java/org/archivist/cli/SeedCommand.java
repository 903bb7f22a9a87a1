package org.archivist.cli;

import java.time.Instant;
import java.time.ZoneId;
import java.util.concurrent.Callable;

import org.archivist.ArchivistApplication;
import org.archivist.catalog.TagService;
import org.archivist.db.DatabaseException;
import org.archivist.db.DatabaseLocation;
import org.archivist.db.DatabasePreflight;
import org.archivist.db.SchemaMigrator;
import org.archivist.db.SchemaStatus;
import org.archivist.settings.SettingsService;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code archivist db seed}: default settings, scheduled tasks and standard tags; safe to repeat. */
@Command(name = "seed", description = "Add default settings, scheduled tasks and standard tags (idempotent).")
class SeedCommand implements Callable<Integer> {
    @Mixin DatabaseOption database;
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
        DatabaseLocation location = database.location();
        DatabasePreflight.check(location);
        SchemaStatus schema = new SchemaMigrator(location).status();
        if (!schema.isUpToDate()) {
            throw new DatabaseException("the schema of " + location.displayUrl() + " is not current ("
                    + (schema.isNewerThanProgram() ? "it is newer than this program" : schema.pendingChangeSets().size() + " changesets pending")
                    + "); run 'archivist db upgrade' first");
        }
        try (ConfigurableApplicationContext context = ArchivistApplication.start(location)) {
            SettingsService.SeedResult defaults = context.getBean(SettingsService.class).seedDefaults(Instant.now(), ZoneId.systemDefault());
            int tags = context.getBean(TagService.class).seedStandardTags();
            spec.commandLine().getOut().printf("%s: added %d settings, %d scheduled tasks, %d standard tags%n",
                    location.displayUrl(), defaults.settingsAdded(), defaults.tasksAdded(), tags);
        }
        return ExitCodes.OK;
    }
}
