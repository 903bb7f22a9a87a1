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

    private final org.archivist.validation.RequestValidator validator;

    LibraryService(LibraryRepository libraries, JdbcTemplate jdbc, org.archivist.validation.RequestValidator validator) {
        this.libraries = libraries;
        this.jdbc = jdbc;
        this.validator = validator;
    }

    /** A new library over an existing folder; the path is stored absolute and normalised. */
    @Transactional
    public Library add(String name, Path root, Collection<MediaType> include, List<String> excludeGlobs) {
        return add(new LibrarySchemas.Create(name, root.toAbsolutePath().normalize().toString(),
                include == null ? Set.of() : Set.copyOf(include), new LibrarySettings(excludeGlobs, false)));
    }

    /**
     * A new library, as the API and {@code archivist library add} ask for it: the name is free, the
     * root an existing, readable folder on the server that is neither inside another library nor
     * holds one (a file must belong to one library only).
     */
    @Transactional
    public Library add(LibrarySchemas.Create request) {
        validator.validate(request);
        Path given;
        try {
            given = Path.of(request.rootPath());
        } catch (java.nio.file.InvalidPathException e) {
            throw new IllegalArgumentException("rootPath: not a path on this server (" + e.getReason() + ")");
        }
        // The server's working folder means nothing to a person at a browser: a root is given whole.
        if (!given.isAbsolute()) throw new IllegalArgumentException("rootPath: " + request.rootPath() + " is not an absolute path");
        Path absolute = given.normalize();
        if (!Files.exists(absolute)) throw new IllegalArgumentException("rootPath: " + absolute + " does not exist");
        try {
            // Compared as the folder really is: a link to another library's folder is that library.
            absolute = absolute.toRealPath();
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("rootPath: " + absolute + " cannot be resolved (" + e.getMessage() + ")");
        }
        if (!Files.isDirectory(absolute)) throw new IllegalArgumentException("rootPath: " + absolute + " is not a folder");
        if (!Files.isReadable(absolute) || !Files.isExecutable(absolute)) {
            throw new IllegalArgumentException("rootPath: " + absolute + " cannot be read by this server's user");
        }
        if (libraries.findByName(request.name()).isPresent()) {
            throw new IllegalArgumentException("name: a library named \"" + request.name() + "\" already exists");
        }
        for (Library other : libraries.findAll()) {
            Path otherRoot = realPath(Path.of(other.getRootPath()));
            if (otherRoot.equals(absolute)) {
                throw new IllegalArgumentException("rootPath: the folder " + absolute + " is already the library \"" + other.getName() + "\"");
            }
            if (absolute.startsWith(otherRoot)) {
                throw new IllegalArgumentException("rootPath: " + absolute + " is inside the library \"" + other.getName() + "\" (" + otherRoot + ")");
            }
            if (otherRoot.startsWith(absolute)) {
                throw new IllegalArgumentException("rootPath: " + absolute + " holds the library \"" + other.getName() + "\" (" + otherRoot + ")");
            }
        }
        Library library = new Library(request.name(), absolute.toString());
        library.setMediaTypes(request.mediaTypes() == null ? Set.of() : Set.copyOf(request.mediaTypes()));
        library.setSettings(request.settings() == null ? LibrarySettings.DEFAULT : request.settings());
        return libraries.save(library);
    }

    private static Path realPath(Path path) {
        try {
            return path.toRealPath();
        } catch (java.io.IOException e) {
            return path; // an offline library's root: compared as stored
        }
    }

    /** Changes what is given: the name, the kinds whose metadata is read, the scan settings, enabled. */
    @Transactional
    public Library update(long id, LibrarySchemas.Update request) {
        validator.validate(request);
        Library library = get(id);
        if (request.name() != null && !request.name().equals(library.getName())) {
            if (libraries.findByName(request.name()).isPresent()) {
                throw new IllegalArgumentException("name: a library named \"" + request.name() + "\" already exists");
            }
            library.setName(request.name());
        }
        if (request.mediaTypes() != null) library.setMediaTypes(Set.copyOf(request.mediaTypes()));
        if (request.settings() != null) library.setSettings(request.settings());
        if (request.enabled() != null) library.setEnabled(request.enabled());
        return library;
    }

    @Transactional(readOnly = true)
    public List<Library> list() {
        return libraries.findAll(org.springframework.data.domain.Sort.by("name"));
    }

    @Transactional(readOnly = true)
    public List<Library> visibleTo(org.archivist.access.Caller caller) {
        return list().stream().filter(library -> caller.sees(library.getId())).toList();
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
        return remove(get(name));
    }

    /** As {@link #remove(String)}, by id. */
    @Transactional
    public int remove(long id) {
        return remove(get(id));
    }

    private int remove(Library library) {
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
