package org.archivist.cli;

/** Process exit codes shared by every command. */
final class ExitCodes {

    static final int OK = 0;
    /** The command ran and failed, or found the database unhealthy. */
    static final int FAILURE = 1;
    /** The command line itself was wrong (picocli's own code). */
    static final int USAGE = 2;

    private ExitCodes() {
    }
}
