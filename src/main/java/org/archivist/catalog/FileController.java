package org.archivist.catalog;

import java.nio.charset.StandardCharsets;

import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.WebRequest;

/** Files over HTTP: a file's record, and its bytes with range requests (video seeking needs them). */
@RestController
@RequestMapping("/api/files")
class FileController {

    private final FileService files;

    private final CatalogAccess access;
    private final org.archivist.access.Callers callers;

    FileController(FileService files, CatalogAccess access, org.archivist.access.Callers callers) {
        this.access = access;
        this.callers = callers;
        this.files = files;
    }

    /** What {@code archivist show} prints: the file's record with its metadata. */
    @GetMapping("/{id}")
    FileSchemas.Response get(@PathVariable long id) {
        access.file(id, callers.current());
        return files.get(id);
    }

    /**
     * The original bytes, with their content type, an inline {@code Content-Disposition} naming the
     * file, {@code ETag} and {@code Last-Modified} (a conditional request that matches answers 304),
     * and HTTP Range requests (206, or 416 for a range past the end).
     */
    @GetMapping("/{id}/content")
    ResponseEntity<Resource> content(@PathVariable long id, WebRequest request) {
        access.file(id, callers.current());
        FileService.StoredFile file = files.stored(id);
        String range = request.getHeader(HttpHeaders.RANGE);
        if (range != null && !satisfiable(range, file.sizeBytes())) {
            // Answered here: left to the converter, a 416 would still carry the whole file.
            return ResponseEntity.status(HttpStatus.REQUESTED_RANGE_NOT_SATISFIABLE)
                    .header(HttpHeaders.CONTENT_RANGE, "bytes */" + file.sizeBytes()).build();
        }
        String etag = "\"" + (file.sha256() != null ? file.sha256() : file.sizeBytes() + "-" + file.modifiedAt().toEpochMilli()) + "\"";
        if (request.checkNotModified(etag, file.modifiedAt().toEpochMilli())) {
            return ResponseEntity.status(HttpStatus.NOT_MODIFIED).eTag(etag).build();
        }
        MediaType type;
        try {
            type = file.mimeType() == null ? MediaType.APPLICATION_OCTET_STREAM : MediaType.parseMediaType(file.mimeType());
        } catch (RuntimeException e) {
            type = MediaType.APPLICATION_OCTET_STREAM;
        }
        return ResponseEntity.ok().contentType(type).eTag(etag).lastModified(file.modifiedAt())
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.inline().filename(file.fileName(), StandardCharsets.UTF_8).build().toString())
                .header(HttpHeaders.ACCEPT_RANGES, "bytes")
                // A library's HTML or SVG must not run as this server's page.
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Security-Policy", "sandbox; default-src 'none'; img-src 'self'; media-src 'self'")
                .body(new FileSystemResource(file.path()));
    }

    /** Whether every range asked for starts inside the file (a malformed header is ignored, as RFC 9110 allows). */
    private static boolean satisfiable(String header, long size) {
        java.util.List<org.springframework.http.HttpRange> ranges;
        try {
            ranges = org.springframework.http.HttpRange.parseRanges(header);
        } catch (IllegalArgumentException e) {
            return true;
        }
        for (org.springframework.http.HttpRange range : ranges) {
            try {
                if (range.getRangeStart(size) >= size) return false;
            } catch (IllegalArgumentException e) {
                return false;
            }
        }
        return size > 0 || ranges.isEmpty();
    }
}
