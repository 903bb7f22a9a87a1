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
    private long backAt = System.nanoTime() - java.util.concurrent.TimeUnit.DAYS.toNanos(1);

    /**
     * Whether the database came back less than {@code window} ago: no node's heart could beat while
     * it was away, so until each has had time to beat again, a silent heart says nothing of a node.
     */
    synchronized boolean backWithin(java.time.Duration window) {
        return away || System.nanoTime() - backAt < window.toNanos();
    }

    synchronized void unreachable(Throwable cause) {
        if (away) return;
        away = true;
        since = System.nanoTime();
        log.warn("the database cannot be reached ({}): background jobs wait until it is back", org.archivist.db.DatabaseUnreachable.reason(cause));
    }

    synchronized void reachable() {
        if (!away) return;
        away = false;
        backAt = System.nanoTime();
        log.warn("the database is back after {} s: background jobs go on", (System.nanoTime() - since) / 1_000_000_000L);
    }
}
