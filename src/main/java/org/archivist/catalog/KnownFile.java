package org.archivist.catalog;

import java.time.Instant;

/** What the catalogue knows of one file of a library, enough for a scan to tell what changed. */
public record KnownFile(long id, String path, long sizeBytes, Instant fileModifiedAt, FileStatus status, String quickHash) {
}
