package org.archivist.cli;

import org.archivist.ArchivistApplication;
import org.archivist.db.DatabaseException;
import org.archivist.db.DatabaseLocation;
import org.archivist.db.DatabasePreflight;
import org.archivist.db.SchemaMigrator;
import org.archivist.db.SchemaStatus;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Opens the catalogue for an everyday command: checks the database, brings an older schema up to
 * date (so a first {@code archivist scan} on a new machine just works), and refuses one written by
 * a newer program.
 */
final class Catalogue {

    private Catalogue() {
    }

    static ConfigurableApplicationContext open(DatabaseOption database) {
        DatabaseLocation location = database.location();
        DatabasePreflight.check(location);
        SchemaMigrator migrator = new SchemaMigrator(location);
        SchemaStatus schema = migrator.status();
        if (schema.isNewerThanProgram()) {
            throw new DatabaseException("the schema of " + location.displayUrl() + " is newer than this program; upgrade Archivist");
        }
        if (!schema.isUpToDate()) {
            migrator.upgrade();
        }
        return ArchivistApplication.start(location);
    }
}
