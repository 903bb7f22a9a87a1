package org.archivist.catalog;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.archivist.db.Instants;
import org.archivist.db.NotFoundException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Adds, lists and removes libraries, and records what scans learn about them (offline, last scanned). */
@Service
public class LibraryService {

    private final LibraryRepository libraries;
    private final JdbcTemplate jdbc;

    LibraryService(LibraryRepository libraries, JdbcTemplate jdbc) {
        this.libraries = libraries;
        this.jdbc = jdbc;
    }

    /** A new library over an existing folder; the path is stored absolute and normalised. */
    @Transactional
    public Library add(String name, Path root, Collection<MediaType> include, List<String> excludeGlobs) {
        Path absolute = root.toAbsolutePath().normalize();
        if (!Files.isDirectory(absolute)) {
            throw new IllegalArgumentException("library root " + absolute + " is not a folder");
        }
        if (libraries.findByName(name).isPresent()) {
            throw new IllegalArgumentException("a library named \"" + name + "\" already exists");
        }
        Optional<Library> sameRoot = byRoot(absolute);
        if (sameRoot.isPresent()) {
            throw new IllegalArgumentException("the folder " + absolute + " is already the library \"" + sameRoot.get().getName() + "\"");
        }
        Library library = new Library(name, absolute.toString());
        library.setMediaTypes(include == null ? Set.of() : Set.copyOf(include));
        library.setSettings(new LibrarySettings(excludeGlobs, false));
        return libraries.save(library);
    }

    @Transactional(readOnly = true)
    public List<Library> list() {
        return libraries.findAll(org.springframework.data.domain.Sort.by("name"));
    }

    @Transactional(readOnly = true)
    public Library get(String name) {
        return libraries.findByName(name).orElseThrow(() -> new NotFoundException("library", name));
    }

    @Transactional(readOnly = true)
    public Library get(long id) {
        return libraries.findById(id).orElseThrow(() -> new NotFoundException("library", id));
    }

    @Transactional(readOnly = true)
    public boolean exists(String name) {
        return libraries.findByName(name).isPresent();
    }

    @Transactional(readOnly = true)
    public Optional<Library> byRoot(Path root) {
        return libraries.findByRootPath(root.toAbsolutePath().normalize().toString());
    }

    /**
     * Removes the library's catalogue rows (its files, their metadata, and the items left with no
     * file); the files on disk are not touched. Returns how many file rows went.
     */
    @Transactional
    public int remove(String name) {
        Library library = get(name);
        int files = jdbc.queryForObject("SELECT count(*) FROM files WHERE library_id = ?", Integer.class, library.getId());
        jdbc.update("""
                DELETE FROM items WHERE id IN (SELECT f.item_id FROM files f WHERE f.library_id = ?)
                AND NOT EXISTS (SELECT 1 FROM files o WHERE o.item_id = items.id AND o.library_id <> ?)""",
                library.getId(), library.getId());
        libraries.delete(library);
        return files;
    }

    @Transactional
    public void markOffline(long id, String reason) {
        get(id).setOfflineReason(reason);
    }

    @Transactional
    public void markScanned(long id) {
        Library library = get(id);
        library.setOfflineReason(null);
        library.setLastScannedAt(Instants.now());
    }

    /** How many of the library's files are present (not missing): the offline guard's yardstick. */
    @Transactional(readOnly = true)
    public long presentFiles(long id) {
        return jdbc.queryForObject("SELECT count(*) FROM files WHERE library_id = ? AND status <> 'missing'", Long.class, id);
    }
}
