package org.archivist.jobs;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the background workers say when the database cannot be reached: once when it goes, once
 * when it is back (with how long it was away), not once per attempt in between. Jobs wait meanwhile;
 * one whose end could not be written is queued again when the database is back.
 */
final class DatabaseOutage {

    private static final Logger log = LoggerFactory.getLogger(DatabaseOutage.class);

    private long since;
    private boolean away;

    synchronized void unreachable(Throwable cause) {
        if (away) return;
        away = true;
        since = System.nanoTime();
        Throwable root = cause;
        while (root.getCause() != null) root = root.getCause();
        log.warn("the database cannot be reached ({}): background jobs wait until it is back", root.getMessage());
    }

    synchronized void reachable() {
        if (!away) return;
        away = false;
        log.warn("the database is back after {} s: background jobs go on", (System.nanoTime() - since) / 1_000_000_000L);
    }
}
