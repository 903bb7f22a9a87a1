package org.archivist.organize;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.archivist.catalog.ItemKind;
import org.archivist.catalog.Library;
import org.archivist.catalog.LibraryService;
import org.archivist.db.Instants;
import org.archivist.db.SqlValues;
import org.archivist.db.StoredEnum;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Each library's organize settings ({@code organize_settings}); saving checks the layouts and where the files would go. */
@Service
public class OrganizeSettingsStore {

    private final JdbcTemplate jdbc;
    private final SqlValues values;
    private final JsonMapper json;
    private final LibraryService libraries;

    OrganizeSettingsStore(JdbcTemplate jdbc, SqlValues values, JsonMapper json, LibraryService libraries) {
        this.jdbc = jdbc;
        this.values = values;
        this.json = json;
        this.libraries = libraries;
    }

    public OrganizeSettings get(long libraryId) {
        List<OrganizeSettings> found = jdbc.query("SELECT mode, destination, templates, xmp_into_originals FROM organize_settings WHERE library_id = ?",
                (rows, n) -> new OrganizeSettings(OrganizeSettings.Mode.of(rows.getString(1)), rows.getString(2), templates(rows.getString(3)),
                        rows.getBoolean(4)), libraryId);
        return found.isEmpty() ? OrganizeSettings.DEFAULT : found.get(0);
    }

    public OrganizeSettings save(long libraryId, OrganizeSettings settings) {
        Library library = libraries.get(libraryId);
        target(library, settings);
        Map<String, String> stored = new HashMap<>();
        settings.templates().forEach((kind, text) -> stored.put(kind.value(), text));
        String templates = json.writeValueAsString(stored);
        int updated = jdbc.update("UPDATE organize_settings SET mode = ?, destination = ?, templates = " + values.jsonParameter()
                + ", xmp_into_originals = ?, updated_at = ? WHERE library_id = ?", ps -> {
            ps.setString(1, settings.mode().value());
            ps.setString(2, settings.destination());
            ps.setString(3, templates);
            ps.setBoolean(4, settings.xmpIntoOriginals());
            values.setInstant(ps, 5, Instants.now());
            ps.setLong(6, libraryId);
        });
        if (updated == 0) {
            jdbc.update("INSERT INTO organize_settings (library_id, mode, destination, templates, xmp_into_originals, updated_at) VALUES (?, ?, ?, "
                    + values.jsonParameter() + ", ?, ?)", ps -> {
                ps.setLong(1, libraryId);
                ps.setString(2, settings.mode().value());
                ps.setString(3, settings.destination());
                ps.setString(4, templates);
                ps.setBoolean(5, settings.xmpIntoOriginals());
                values.setInstant(ps, 6, Instants.now());
            });
        }
        return get(libraryId);
    }

    /** Where organizing a library puts its files, and the library whose catalogue rows they join (none for copies). */
    public record Target(Path root, Library library) {
    }

    /**
     * Checks the destination: in place (the library's root) in move mode; another library's folder
     * in move mode (the rows follow the files there); outside every library in copy mode (the
     * copies are recorded as the files' output paths, not catalogued twice). A destination inside
     * the library's own folder, or one holding it, is refused: that is how an importer emptied a
     * collection (elodie#145).
     */
    public Target target(Library library, OrganizeSettings settings) {
        Path root = Path.of(library.getRootPath()).toAbsolutePath().normalize();
        Path destination = settings.destination() == null ? root : Path.of(settings.destination());
        if (!destination.isAbsolute()) throw new IllegalArgumentException("destination: '" + settings.destination() + "' is not an absolute path");
        destination = real(destination.normalize());
        Path realRoot = real(root);
        if (destination.equals(realRoot)) {
            if (settings.mode() == OrganizeSettings.Mode.COPY) {
                throw new IllegalArgumentException("destination: copying a library into its own folder would keep every file twice in it; choose a folder outside it");
            }
            return new Target(root, library);
        }
        if (destination.startsWith(realRoot)) {
            throw new IllegalArgumentException("destination: " + destination + " is inside the library's folder " + root
                    + "; organize in place (leave destination empty) or choose a folder outside it");
        }
        if (realRoot.startsWith(destination)) {
            throw new IllegalArgumentException("destination: " + destination + " holds the library's folder " + root + "; choose a folder beside it");
        }
        Library holder = null;
        Path holderRoot = null;
        for (Library other : libraries.list()) {
            Path otherRoot = real(Path.of(other.getRootPath()).toAbsolutePath().normalize());
            if (destination.startsWith(otherRoot) && (holderRoot == null || otherRoot.startsWith(holderRoot))) {
                holder = other;
                holderRoot = otherRoot;
            }
        }
        if (settings.mode() == OrganizeSettings.Mode.MOVE && holder == null) {
            throw new IllegalArgumentException("destination: moving files to " + destination
                    + ", outside every library, would take them out of the catalogue; move them into a library's folder, or copy them");
        }
        if (settings.mode() == OrganizeSettings.Mode.COPY && holder != null) {
            throw new IllegalArgumentException("destination: " + destination + " is inside the library '" + holder.getName()
                    + "', whose next scan would catalogue every copy again; copy to a folder outside every library");
        }
        return new Target(destination, holder);
    }

    private static Path real(Path path) {
        // The nearest folder that exists, resolved (a link to the library is the library), and the rest as given.
        Path existing = path;
        while (existing != null && !java.nio.file.Files.exists(existing)) existing = existing.getParent();
        if (existing == null) return path;
        try {
            return existing.toRealPath().resolve(existing.relativize(path)).normalize();
        } catch (java.io.IOException e) {
            return path;
        }
    }

    private Map<ItemKind, String> templates(String stored) {
        Map<String, String> byName = json.readValue(stored, new TypeReference<Map<String, String>>() { });
        Map<ItemKind, String> templates = new HashMap<>();
        byName.forEach((kind, text) -> templates.put(StoredEnum.fromValue(ItemKind.class, kind), text));
        return templates;
    }
}
