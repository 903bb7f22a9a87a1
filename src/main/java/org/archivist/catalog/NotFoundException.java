package org.archivist.catalog;

/** A row asked for by id or name that does not exist. */
public class NotFoundException extends RuntimeException {

    public NotFoundException(String what, Object key) {
        super(what + " " + key + " does not exist");
    }
}
