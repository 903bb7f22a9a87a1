package org.archivist.db;

/** A row asked for by id or name that does not exist; every feature throws this one. */
public class NotFoundException extends RuntimeException {

    public NotFoundException(String what, Object key) {
        super(what + " " + key + " does not exist");
    }

    /** Something asked for that is not there, said in full (a file gone from disk, an item not in a collection). */
    public NotFoundException(String detail) {
        super(detail);
    }
}
