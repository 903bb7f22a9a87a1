package org.archivist.catalog;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import org.archivist.db.NotFoundException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Catalogued files as the API shows and serves them. */
@Service
public class FileService {

    /** A file's bytes on disk, where the catalogue says they are. */
    public record StoredFile(long id, Path path, String fileName, String mimeType, long sizeBytes, Instant modifiedAt, String sha256) {
    }

    private final CatalogFileRepository files;

    FileService(CatalogFileRepository files) {
        this.files = files;
    }

    /** One file's record with its metadata, as {@code archivist show} prints it. */
    @Transactional(readOnly = true)
    public FileSchemas.Response get(long id) {
        return FileSchemas.Response.of(find(id));
    }

    /**
     * Where the file's bytes are: always from the catalogue (library root and relative path), never
     * from a request, and never outside the library's root. A file no longer on disk is not found.
     */
    @Transactional(readOnly = true)
    public StoredFile stored(long id) {
        CatalogFile file = find(id);
        Path root = Path.of(file.getLibrary().getRootPath()).toAbsolutePath().normalize();
        Path path = root.resolve(file.getPath()).normalize();
        if (!path.startsWith(root)) throw new NotFoundException("file", id);
        if (file.getStatus() == FileStatus.MISSING || !Files.isRegularFile(path)) {
            throw new NotFoundException("file " + id + " is not on disk any more (it was at " + path + ")");
        }
        return new StoredFile(id, path, file.getFileName(), file.getMimeType(), file.getSizeBytes(), file.getFileModifiedAt(), file.getSha256());
    }

    private CatalogFile find(long id) {
        return files.findById(id).orElseThrow(() -> new NotFoundException("file", id));
    }
}
