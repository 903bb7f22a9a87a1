package org.archivist.accounts;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Which libraries each user may see, as an admin grants them (admins see every library without grants). */
@Service
public class LibraryAccess {

    private final JdbcTemplate jdbc;
    private final UserService users;
    private final org.archivist.catalog.LibraryService libraries;

    LibraryAccess(JdbcTemplate jdbc, UserService users, org.archivist.catalog.LibraryService libraries) {
        this.jdbc = jdbc;
        this.users = users;
        this.libraries = libraries;
    }

    /** The user sees exactly these libraries from now on. */
    @Transactional
    public void grantOnly(long userId, Collection<Long> libraryIds) {
        users.get(userId);
        for (long library : libraryIds) libraries.get(library); // each one exists, or "not found"
        jdbc.update("DELETE FROM user_libraries WHERE user_id = ?", userId);
        for (long library : new LinkedHashSet<>(libraryIds)) {
            jdbc.update("INSERT INTO user_libraries (user_id, library_id) VALUES (?, ?)", userId, library);
        }
    }

    @Transactional
    public void grant(long userId, long libraryId) {
        Set<Long> now = new LinkedHashSet<>(granted(userId));
        now.add(libraryId);
        grantOnly(userId, now);
    }

    @Transactional(readOnly = true)
    public Set<Long> granted(long userId) {
        return new LinkedHashSet<>(jdbc.queryForList("SELECT library_id FROM user_libraries WHERE user_id = ? ORDER BY library_id", Long.class,
                userId));
    }
}
