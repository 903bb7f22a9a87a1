package org.archivist.db;

/** A row asked for by id or name that does not exist; every feature throws this one. */
public class NotFoundException extends RuntimeException {

    public NotFoundException(String what, Object key) {
        super(what + " " + key + " does not exist");
    }

    /** A thing that exists in the catalogue but not where it should be (a file gone from disk), said in full. */
    public NotFoundException(String detail) {
        super(detail);
    }
}
