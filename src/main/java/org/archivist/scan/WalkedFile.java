package org.archivist.scan;

import java.nio.file.Path;
import java.time.Instant;

/** A regular file the walk found, with what the file system says of it. */
record WalkedFile(Path absolute, String path, long size, Instant modified, Instant created) {
}
