package org.archivist.db;

/**
 * Whether an error says the database cannot be reached (stopped, restarting, the network away),
 * as opposed to one that it refused something: what the workers and the web layer tell apart, to
 * wait and answer 503 instead of failing.
 */
public final class DatabaseUnreachable {

    /** What a client is told, and how many seconds it may wait before asking again. */
    public static final String DETAIL = "the database cannot be reached at the moment; try again shortly";
    public static final String RETRY_AFTER_SECONDS = "10";

    private DatabaseUnreachable() {
    }

    /** The cause that says so, or null. */
    public static Throwable cause(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof org.springframework.dao.DataAccessResourceFailureException
                    || cause instanceof org.springframework.transaction.CannotCreateTransactionException
                    || cause instanceof org.springframework.dao.TransientDataAccessResourceException) {
                return cause;
            }
            if (cause.getCause() == cause) break;
        }
        return null;
    }

    /** The innermost message of the error (the driver's own words). */
    public static String reason(Throwable error) {
        return DatabasePreflight.rootMessage(error);
    }
}
