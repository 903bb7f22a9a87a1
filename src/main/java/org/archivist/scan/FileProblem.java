package org.archivist.scan;

/** A file a scan could not read or write whole, by its path in the library, and why. */
public record FileProblem(String path, String reason) {
}
