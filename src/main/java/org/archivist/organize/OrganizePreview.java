package org.archivist.organize;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.archivist.catalog.FileCatalog;
import org.archivist.catalog.ItemKind;
import org.archivist.catalog.LayoutFacts;
import org.archivist.catalog.Library;
import org.archivist.catalog.LibraryService;
import org.archivist.fingerprint.Sha256;
import org.archivist.organize.OrganizeRuns.NewMove;
import org.archivist.organize.OrganizeRuns.State;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import tools.jackson.databind.json.JsonMapper;

/**
 * Computes an organize run without touching a file: every move (old -> new), every name two
 * files want (the second gets {@code -1}), every name already taken on disk or in the catalogue
 * (by the same content: recorded as a duplicate and left where it is; by other content: a
 * numeric suffix), every file skipped and why. Sidecars ({@code .xmp}, {@code .aae},
 * {@code .thm}, {@code .srt}, a Live Photo's {@code .mov}) are planned with their file, under
 * its new name. Names are compared in lower case, as a case-insensitive disk would.
 */
@Service
public class OrganizePreview {

    private static final Logger log = LoggerFactory.getLogger(OrganizePreview.class);
    /** Sidecars of any file with the same name (IMG_1.xmp) or the same name plus theirs (IMG_1.jpg.xmp). */
    static final Set<String> SIDECAR_EXTENSIONS = Set.of("xmp", "aae", "thm", "srt");
    /** A Live Photo's video travels with its still. */
    private static final Set<String> LIVE_PHOTO_STILLS = Set.of("heic", "heif", "jpg", "jpeg");

    private final LibraryService libraries;
    private final OrganizeSettingsStore settings;
    private final LayoutFacts facts;
    private final FileCatalog catalog;
    private final OrganizeRuns runs;
    private final TransactionTemplate transactions;
    private final JsonMapper json;

    OrganizePreview(LibraryService libraries, OrganizeSettingsStore settings, LayoutFacts facts, FileCatalog catalog, OrganizeRuns runs,
                    TransactionTemplate transactions, JsonMapper json) {
        this.libraries = libraries;
        this.settings = settings;
        this.facts = facts;
        this.catalog = catalog;
        this.runs = runs;
        this.transactions = transactions;
        this.json = json;
    }

    /** Computes and stores the preview of organizing the library with its settings; answers the run. */
    public OrganizeRuns.Run preview(long libraryId) {
        Library library = libraries.get(libraryId);
        OrganizeSettings chosen = settings.get(libraryId);
        OrganizeSettingsStore.Target target = settings.target(library, chosen);
        Path root = Path.of(library.getRootPath()).toAbsolutePath().normalize();
        Map<ItemKind, PathTemplate> templates = new HashMap<>();
        for (ItemKind kind : ItemKind.values()) templates.put(kind, PathTemplate.parse(chosen.template(kind)));
        List<LayoutFacts.Facts> files = new ArrayList<>();
        facts.forEach(libraryId, files::add);
        Planner planner = new Planner(root, target, chosen.mode(), templates,
                target.library() == null ? Set.of() : catalog.cataloguedPathsLowerCase(target.library().getId()));
        List<NewMove> moves = planner.plan(files);
        String stored = json.writeValueAsString(Map.of("mode", chosen.mode().value(), "destination", target.root().toString(),
                "templates", chosen.effectiveTemplates()));
        long run = transactions.execute(status -> runs.create(libraryId, null, chosen.mode(), root.toString(), target.root().toString(), stored, moves));
        log.info("organize preview {} of {}: {}", run, library.getName(), runs.counts(run));
        return runs.run(run);
    }

    /** The planning of one run: what is on disk and in the catalogue at the targets, read once per folder. */
    private static final class Planner {
        final Path root;
        final OrganizeSettingsStore.Target target;
        final OrganizeSettings.Mode mode;
        final Map<ItemKind, PathTemplate> templates;
        final Path targetLibraryRoot;
        final Set<String> cataloguedAtTarget;
        /** Names already given to a move of this run, by collision key of the absolute path. */
        final Set<String> given = new HashSet<>();
        /** Names on disk, by folder, by collision key. */
        final Map<Path, Map<String, Path>> onDisk = new HashMap<>();
        final Map<String, LayoutFacts.Facts> byPath = new HashMap<>();

        Planner(Path root, OrganizeSettingsStore.Target target, OrganizeSettings.Mode mode, Map<ItemKind, PathTemplate> templates, Set<String> catalogued) {
            this.root = root;
            this.target = target;
            this.mode = mode;
            this.templates = templates;
            this.targetLibraryRoot = target.library() == null ? null : Path.of(target.library().getRootPath()).toAbsolutePath().normalize();
            this.cataloguedAtTarget = catalogued;
        }

        List<NewMove> plan(List<LayoutFacts.Facts> files) {
            for (LayoutFacts.Facts f : files) byPath.put(f.path(), f);
            Map<String, List<Path>> sidecars = sidecars(files);
            Set<String> travelling = new HashSet<>();
            sidecars.values().forEach(list -> list.forEach(p -> travelling.add(root.relativize(p).toString().replace('\\', '/'))));
            List<NewMove> moves = new ArrayList<>();
            for (LayoutFacts.Facts file : files) {
                if (travelling.contains(file.path())) continue;
                Path source = root.resolve(file.path());
                if (file.path().startsWith(Library.TRASH_FOLDER + "/")) continue;
                String relative;
                try {
                    relative = templates.get(PathTemplate.kind(file)).render(file);
                } catch (PathTemplate.Missing e) {
                    moves.add(skipped(file, source, e.getMessage()));
                    continue;
                }
                Path wanted = target.root().resolve(relative).normalize();
                if (!wanted.startsWith(target.root())) {
                    moves.add(skipped(file, source, "its new path " + wanted + " would leave the destination"));
                    continue;
                }
                List<Path> own = sidecars.getOrDefault(file.path(), List.of());
                // Only the letter case differs (IMG.JPG -> IMG.jpg): in place; on a case-insensitive disk it is the same name.
                if (wanted.equals(source) || SafeNames.collisionKey(wanted.toString()).equals(SafeNames.collisionKey(source.toString()))) {
                    moves.add(new NewMove(file.fileId(), null, source.toString(), source.toString(), libraryId(), file.sha256(), file.sizeBytes(),
                            State.UNCHANGED, "already in place"));
                    given.add(SafeNames.collisionKey(source.toString()));
                    continue;
                }
                Placement placement = place(file, source, wanted, own);
                if (placement.tooLong() != null) {
                    moves.add(skipped(file, source, placement.tooLong()));
                    continue;
                }
                if (placement.duplicateOf() != null) {
                    moves.add(new NewMove(file.fileId(), null, source.toString(), placement.duplicateOf().toString(), libraryId(), file.sha256(), file.sizeBytes(),
                            State.DUPLICATE, "the same content is already at " + placement.duplicateOf() + "; left where it is"));
                    continue;
                }
                int index = moves.size();
                moves.add(new NewMove(file.fileId(), null, source.toString(), placement.path().toString(), libraryId(), file.sha256(), file.sizeBytes(),
                        State.PLANNED, placement.reason()));
                for (Path sidecar : own) {
                    String sidecarPath = root.relativize(sidecar).toString().replace('\\', '/');
                    LayoutFacts.Facts catalogued = byPath.get(sidecarPath);
                    moves.add(new NewMove(catalogued == null ? null : catalogued.fileId(), index, sidecar.toString(),
                            sidecarTarget(source, sidecar, placement.path()).toString(), libraryId(), catalogued == null ? null : catalogued.sha256(),
                            catalogued == null ? null : catalogued.sizeBytes(), State.PLANNED, "a sidecar of " + source.getFileName()));
                }
            }
            return moves;
        }

        private Long libraryId() {
            return target.library() == null ? null : target.library().getId();
        }

        private NewMove skipped(LayoutFacts.Facts file, Path source, String reason) {
            return new NewMove(file.fileId(), null, source.toString(), null, libraryId(), file.sha256(), file.sizeBytes(), State.SKIPPED, reason);
        }

        record Placement(Path path, String reason, Path duplicateOf, String tooLong) {
        }

        /** How many different names a file may try before it is skipped: a folder of that many like-named files is a mistake in the layout. */
        private static final int MOST_SUFFIXES = 10_000;

        /**
         * The first free name for the file and all its sidecars: as wanted, else with -1, -2...
         * The name leaves room for its longest sidecar ending ({@code .jpg.xmp}) within 255 bytes.
         */
        private Placement place(LayoutFacts.Facts file, Path source, Path wanted, List<Path> own) {
            String name = wanted.getFileName().toString();
            String stem = PathTemplate.stem(name);
            String extension = name.substring(stem.length());
            int room = SafeNames.NAME_BYTES;
            for (Path sidecar : own) {
                int overhang = SafeNames.bytes(sidecarTarget(source, sidecar, wanted).getFileName().toString()) - SafeNames.bytes(name);
                room = Math.min(room, SafeNames.NAME_BYTES - Math.max(0, overhang));
            }
            String conflict = null;
            for (int n = 0; n <= MOST_SUFFIXES; n++) {
                Path candidate = wanted.resolveSibling(SafeNames.withSuffix(stem, n == 0 ? "" : "-" + n, extension, room));
                if (targetLibraryRoot != null) {
                    int bytes = SafeNames.bytes(targetLibraryRoot.relativize(candidate).toString());
                    if (bytes > SafeNames.PATH_BYTES) {
                        return new Placement(null, null, null, "its new path would be " + bytes + " bytes, over the " + SafeNames.PATH_BYTES + " the catalogue keeps");
                    }
                }
                Path occupant = occupant(candidate, source);
                if (occupant != null && n == 0 && sameContent(file, source, occupant)) return new Placement(null, null, occupant, null);
                boolean free = occupant == null && !given.contains(SafeNames.collisionKey(candidate.toString()));
                for (Path sidecar : own) {
                    Path sidecarTarget = sidecarTarget(source, sidecar, candidate);
                    if (occupant(sidecarTarget, sidecar) != null || given.contains(SafeNames.collisionKey(sidecarTarget.toString()))) free = false;
                }
                if (free) {
                    given.add(SafeNames.collisionKey(candidate.toString()));
                    for (Path sidecar : own) given.add(SafeNames.collisionKey(sidecarTarget(source, sidecar, candidate).toString()));
                    return new Placement(candidate, conflict == null ? null : conflict + "; named " + candidate.getFileName(), null, null);
                }
                if (conflict == null) {
                    conflict = occupant != null ? wanted.getFileName() + " is taken by other content (" + occupant + ")"
                            : "another file of this run (or one of its sidecars) is also to be " + wanted.getFileName();
                }
            }
            return new Placement(null, null, null, "no free name: " + wanted.getFileName() + " and " + MOST_SUFFIXES + " numbered names after it are taken");
        }

        /** What already holds this name, on disk (any letter case) or in the target library's catalogue; the source itself holds nothing. */
        private Path occupant(Path candidate, Path source) {
            Map<String, Path> names = onDisk.computeIfAbsent(candidate.getParent(), Planner::list);
            Path there = names.get(SafeNames.collisionKey(candidate.getFileName().toString()));
            if (there != null && !there.equals(source)) return there;
            if (targetLibraryRoot != null && candidate.startsWith(targetLibraryRoot)) {
                String relative = targetLibraryRoot.relativize(candidate).toString().replace('\\', '/');
                if (cataloguedAtTarget.contains(relative.toLowerCase(Locale.ROOT)) && !candidate.equals(source)
                        && !SafeNames.collisionKey(candidate.toString()).equals(SafeNames.collisionKey(source.toString()))) {
                    return candidate;
                }
            }
            return null;
        }

        private static Map<String, Path> list(Path folder) {
            Map<String, Path> names = new HashMap<>();
            if (!Files.isDirectory(folder)) return names;
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder)) {
                for (Path entry : entries) names.put(SafeNames.collisionKey(entry.getFileName().toString()), entry);
            } catch (IOException e) {
                log.warn("organize preview: cannot list {}: {}", folder, e.toString());
            }
            return names;
        }

        private boolean sameContent(LayoutFacts.Facts file, Path source, Path occupant) {
            if (!Files.isRegularFile(occupant)) return false;
            try {
                if (Files.size(occupant) != file.sizeBytes()) return false;
                String ours = file.sha256() != null ? file.sha256() : new Sha256().of(source);
                return ours.equals(new Sha256().of(occupant));
            } catch (IOException e) {
                return false;
            }
        }

        /**
         * Each file's sidecars on disk, by the file's path: found by listing each folder once, so
         * sidecars the scan leaves out (or has not seen yet) travel too.
         */
        private Map<String, List<Path>> sidecars(List<LayoutFacts.Facts> files) {
            Map<Path, List<LayoutFacts.Facts>> byFolder = new LinkedHashMap<>();
            for (LayoutFacts.Facts f : files) byFolder.computeIfAbsent(root.resolve(f.path()).getParent(), p -> new ArrayList<>()).add(f);
            Map<String, List<Path>> sidecars = new HashMap<>();
            for (Map.Entry<Path, List<LayoutFacts.Facts>> folder : byFolder.entrySet()) {
                Map<String, Path> names = list(folder.getKey());
                // Primary files by lower-case name and stem; a sidecar goes to the first by path.
                Map<String, String> byName = new HashMap<>();
                Map<String, String> byStem = new HashMap<>();
                Map<String, String> stillByStem = new HashMap<>();
                Map<String, String> movieByStem = new HashMap<>();
                for (LayoutFacts.Facts f : folder.getValue()) {
                    String name = PathTemplate.fileName(f.path());
                    String extension = PathTemplate.extension(name);
                    if (extension != null && SIDECAR_EXTENSIONS.contains(extension)) continue;
                    byName.putIfAbsent(name.toLowerCase(Locale.ROOT), f.path());
                    String stem = PathTemplate.stem(name).toLowerCase(Locale.ROOT);
                    if ("mov".equals(extension)) movieByStem.putIfAbsent(stem, f.path());
                    else byStem.putIfAbsent(stem, f.path());
                    if (extension != null && LIVE_PHOTO_STILLS.contains(extension)) stillByStem.putIfAbsent(stem, f.path());
                }
                // A Live Photo's .mov travels with its still, and so do the still's sidecars; a .mov of
                // its own (a camera's MVI_1234.MOV beside MVI_1234.THM) takes its sidecars along itself.
                movieByStem.forEach((stem, path) -> {
                    if (!stillByStem.containsKey(stem)) byStem.putIfAbsent(stem, path);
                });
                for (Path entry : names.values()) {
                    String name = entry.getFileName().toString();
                    String extension = PathTemplate.extension(name);
                    if (extension == null || !Files.isRegularFile(entry, java.nio.file.LinkOption.NOFOLLOW_LINKS)) continue;
                    String stem = PathTemplate.stem(name).toLowerCase(Locale.ROOT);
                    String owner = null;
                    if (SIDECAR_EXTENSIONS.contains(extension)) owner = byName.containsKey(stem) ? byName.get(stem) : byStem.get(stem);
                    else if ("mov".equals(extension)) owner = stillByStem.get(stem);
                    if (owner != null) sidecars.computeIfAbsent(owner, k -> new ArrayList<>()).add(entry);
                }
            }
            sidecars.values().forEach(list -> list.sort(null));
            return sidecars;
        }
    }

    /** A sidecar's new path: its file's new name with the sidecar's own ending ({@code .xmp}, or {@code .jpg.xmp} where it was so named). */
    static Path sidecarTarget(Path source, Path sidecar, Path target) {
        String sourceName = source.getFileName().toString();
        String sidecarName = sidecar.getFileName().toString();
        String targetName = target.getFileName().toString();
        String ending = sidecarName.toLowerCase(Locale.ROOT).startsWith(sourceName.toLowerCase(Locale.ROOT) + ".")
                ? targetName + sidecarName.substring(sourceName.length()).toLowerCase(Locale.ROOT)
                : PathTemplate.stem(targetName) + sidecarName.substring(PathTemplate.stem(sidecarName).length()).toLowerCase(Locale.ROOT);
        return target.resolveSibling(ending);
    }
}
