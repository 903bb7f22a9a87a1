package org.archivist.scan;

/** Where a scan reports how far it is; the CLI draws a bar or prints lines. */
public interface ScanProgress {

    ScanProgress NONE = new ScanProgress() {
    };

    /** The walk is done: this many files need reading (new or changed). */
    default void started(String library, long toRead) {
    }

    default void advanced(long read) {
    }

    /** Something a person should know once (a missing tool, an unreadable folder). */
    default void notice(String message) {
    }

    default void finished() {
    }
}
