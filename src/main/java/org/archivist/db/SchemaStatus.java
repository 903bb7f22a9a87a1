package org.archivist.db;

import java.util.List;

/**
 * Where a database's schema stands against the changelog this program carries.
 *
 * @param currentTag the last release tag applied, or {@code null} on an empty database
 * @param appliedChangeSets how many changesets the database has run
 * @param pendingChangeSets ids of changesets this program would apply
 * @param unknownChangeSets ids the database has run that this program does not know (a newer Archivist)
 */
public record SchemaStatus(String currentTag, int appliedChangeSets, List<String> pendingChangeSets,
                           List<String> unknownChangeSets) {

    public boolean isUpToDate() {
        return pendingChangeSets.isEmpty() && unknownChangeSets.isEmpty();
    }

    public boolean isNewerThanProgram() {
        return !unknownChangeSets.isEmpty();
    }
}
