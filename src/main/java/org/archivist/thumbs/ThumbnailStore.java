package org.archivist.thumbs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Optional;

import org.archivist.db.DatabaseLocation;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Where the pictures are kept: {@code <data folder>/thumbnails/ab/cd/<sha256>.<size>.<format>},
 * sharded by the content's SHA-256 so that identical files share one set and no folder grows past
 * 65,536 entries. The data folder is {@code archivist.data-dir} when set (where {@code {database}}
 * stands for the database's name, so catalogues can share one folder), else the SQLite database's
 * folder, else {@code $XDG_DATA_HOME/archivist}.
 */
@Component
public class ThumbnailStore {

    private final Path root;

    ThumbnailStore(@Value("${archivist.data-dir:}") String dataDir, DatabaseLocation location) {
        Path data = !dataDir.isBlank() ? Path.of(dataDir.replace("{database}", databaseName(location)))
                : location.isSqlite() ? location.sqliteFile().toAbsolutePath().getParent()
                : DatabaseLocation.defaultSqliteFile(System.getenv()).getParent();
        this.root = data.resolve("thumbnails");
    }

    /** The SQLite file's name without its extension, or PostgreSQL's database name: for {@code {database}} in the data folder. */
    static String databaseName(DatabaseLocation location) {
        if (location.isSqlite()) {
            String file = location.sqliteFile().getFileName().toString();
            return file.contains(".") ? file.substring(0, file.lastIndexOf('.')) : file;
        }
        String url = location.jdbcUrl();
        String path = url.substring(url.indexOf("//") + 2);
        path = path.contains("/") ? path.substring(path.indexOf('/') + 1) : "postgres";
        return path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
    }

    Path path(String sha256, ThumbnailSize size, String format) {
        return root.resolve(sha256.substring(0, 2)).resolve(sha256.substring(2, 4)).resolve(sha256 + "." + size.value() + "." + format);
    }

    /** The picture if it was made. */
    public Optional<Path> find(String sha256, ThumbnailSize size, String format) {
        Path path = path(sha256, size, format);
        return Files.isRegularFile(path) ? Optional.of(path) : Optional.empty();
    }

    /** Moves made pictures into place, each in one rename, so a reader never sees half of one. */
    void put(String sha256, String format, Map<ThumbnailSize, Path> made) {
        try {
            for (Map.Entry<ThumbnailSize, Path> picture : made.entrySet()) {
                Path target = path(sha256, picture.getKey(), format);
                Files.createDirectories(target.getParent());
                Files.move(picture.getValue(), target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store the pictures of " + sha256 + " under " + root, e);
        }
    }

    void remove(String sha256) {
        for (ThumbnailSize size : ThumbnailSize.values()) {
            for (String format : new String[] {"webp", "jpg"}) {
                try {
                    Files.deleteIfExists(path(sha256, size, format));
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot remove a picture of " + sha256 + " under " + root, e);
                }
            }
        }
    }

    /** Staging folders a killed run left, older than an hour (a run still making pictures keeps its own). */
    void sweepStaging() {
        if (!Files.isDirectory(root)) return;
        java.time.Instant before = java.time.Instant.now().minus(java.time.Duration.ofHours(1));
        try (var entries = Files.newDirectoryStream(root, ".making-*")) {
            for (Path folder : entries) {
                if (!Files.getLastModifiedTime(folder).toInstant().isAfter(before)) discard(folder);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clear old staging folders under " + root, e);
        }
    }

    /** A staging folder and what is left in it, once its pictures were moved in (or given up). */
    void discard(Path staging) throws IOException {
        try (var paths = Files.walk(staging)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) Files.deleteIfExists(path);
        }
    }

    /** A folder for pictures being made, on the store's file system so that moving them in is a rename. */
    Path staging() {
        try {
            Files.createDirectories(root);
            return Files.createTempDirectory(root, ".making-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write under " + root + " (the thumbnail cache)", e);
        }
    }
}
