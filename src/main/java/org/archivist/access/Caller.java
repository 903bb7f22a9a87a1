package org.archivist.access;

import java.util.Set;

/**
 * Who makes a request and what they may see: an admin every library ({@code libraries} null), a
 * user those granted; {@code readOnly} for a read-scoped token. The machine's owner at the command
 * line is {@link #OWNER}: every library, no login. Features check objects against it and answer
 * "not found" for what the caller may not see, exactly as for what does not exist.
 */
public record Caller(Long userId, boolean admin, Set<Long> libraries, boolean readOnly) {

    public static final Caller OWNER = new Caller(null, true, null, false);

    /** Whether the caller may see the library (every library for an admin). */
    public boolean sees(Long libraryId) {
        return libraries == null || libraryId != null && libraries.contains(libraryId);
    }

    /** The library, when the caller may see it; otherwise "not found", as if it did not exist. */
    public void require(String what, Object id, Long libraryId) {
        if (!sees(libraryId)) throw new org.archivist.db.NotFoundException(what, id);
    }
}
