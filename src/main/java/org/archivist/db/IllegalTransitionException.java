package org.archivist.db;

/** A status change that the life cycle does not allow, e.g. completing a job that never ran. */
public class IllegalTransitionException extends IllegalStateException {

    public IllegalTransitionException(String what, Object from, Object to) {
        super(what + " cannot go from " + from + " to " + to);
    }
}
