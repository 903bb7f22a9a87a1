package org.archivist.cli;

import org.archivist.db.DatabaseLocation;
import picocli.CommandLine.Option;

/** The {@code --db} option every command that opens the catalogue takes. */
final class DatabaseOption {

    @Option(names = "--db", paramLabel = "JDBC_URL",
            description = "Database: jdbc:sqlite:FILE or jdbc:postgresql://HOST/DB (default: $ARCHIVIST_DB, "
                    + "else $XDG_DATA_HOME/archivist/archivist.db)")
    String url;

    DatabaseLocation location() {
        return DatabaseLocation.resolve(url, System.getenv());
    }
}
