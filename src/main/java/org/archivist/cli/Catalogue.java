package org.archivist.cli;

import java.nio.file.Path;

import org.archivist.ArchivistApplication;
import org.archivist.catalog.FileCatalog;
import org.archivist.catalog.FileSchemas;
import org.archivist.catalog.Library;
import org.archivist.catalog.LibraryService;
import org.archivist.db.DatabaseException;
import org.archivist.db.DatabaseLocation;
import org.archivist.db.DatabasePreflight;
import org.archivist.db.NotFoundException;
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
        return open(database, ArchivistApplication::start);
    }

    /** Checks and upgrades the database, then starts the application on it with {@code starter}. */
    static ConfigurableApplicationContext open(DatabaseOption database, java.util.function.Function<DatabaseLocation, ConfigurableApplicationContext> starter) {
        DatabaseLocation location = database.location();
        DatabasePreflight.check(location);
        SchemaMigrator migrator = new SchemaMigrator(location);
        if (migrator.isAtThisRelease()) {
            return starter.apply(location);
        }
        SchemaStatus schema = migrator.status();
        if (schema.isNewerThanProgram()) {
            throw new DatabaseException("the schema of " + location.displayUrl() + " is newer than this program; upgrade Archivist");
        }
        if (!schema.isUpToDate()) {
            migrator.upgrade();
        }
        return starter.apply(location);
    }

    /** The catalogued file at a path on disk, looked up in the library whose root holds it. */
    static FileSchemas.Response fileAt(ConfigurableApplicationContext context, Path path) {
        Path absolute = path.toAbsolutePath().normalize();
        Library library = context.getBean(LibraryService.class).list().stream()
                .filter(l -> absolute.startsWith(Path.of(l.getRootPath())))
                .max(java.util.Comparator.comparingInt(l -> l.getRootPath().length()))
                .orElseThrow(() -> new NotFoundException("library containing", absolute));
        String relative = Path.of(library.getRootPath()).relativize(absolute).toString().replace(java.io.File.separatorChar, '/');
        return context.getBean(FileCatalog.class).find(library.getId(), relative)
                .orElseThrow(() -> new NotFoundException("catalogued file", absolute + " (scan its library first)"));
    }
}
