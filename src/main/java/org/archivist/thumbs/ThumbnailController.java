package org.archivist.thumbs;

import java.nio.file.Path;
import java.time.Duration;

import org.archivist.catalog.FileService;
import org.archivist.catalog.MediaType;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A file's thumbnail or preview. The pictures belong to the content, so their ETag is the content's
 * SHA-256 and size; a URL that names the content ({@code v}, the first 16 hex digits of the SHA-256,
 * as grid pages give it) is cached for a year, since other content gets another URL. A file
 * without pictures yet (not hashed, not made, or impossible to make) is sent to a static placeholder
 * of its kind of media ({@code 303}, never cached itself), with {@code X-Thumbnail} saying which.
 */
@RestController
class ThumbnailController {

    private final FileService files;
    private final ThumbnailStore store;
    private final ThumbnailRecords records;

    private final org.archivist.catalog.CatalogAccess access;
    private final org.archivist.access.Callers callers;

    ThumbnailController(FileService files, ThumbnailStore store, ThumbnailRecords records, org.archivist.catalog.CatalogAccess access,
                        org.archivist.access.Callers callers) {
        this.access = access;
        this.callers = callers;
        this.files = files;
        this.store = store;
        this.records = records;
    }

    @GetMapping("/api/files/{id}/thumbnail")
    ResponseEntity<Resource> thumbnail(@PathVariable long id, @RequestParam(defaultValue = "thumb") String size,
                                       @RequestParam(required = false) String v,
                                       @RequestHeader(value = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch) {
        access.file(id, callers.current());
        ThumbnailSize wanted = ThumbnailSize.parse(size);
        FileService.Content content = files.content(id);
        ThumbnailRecords.Made made = content.sha256() == null ? null : records.find(content.sha256());
        Path picture = made == null || !made.ready() ? null : store.find(content.sha256(), wanted, made.format()).orElse(null);
        if (picture == null) {
            // One static picture per kind of media, so a browser decodes each once however many files wait for theirs.
            String state = content.sha256() == null || made == null ? "pending" : "failed";
            return ResponseEntity.status(HttpStatus.SEE_OTHER).cacheControl(CacheControl.noCache()).header("X-Thumbnail", state)
                    .location(java.net.URI.create("/img/placeholder-" + (content.mediaType() == null ? MediaType.OTHER : content.mediaType()).value()
                            + ".svg")).build();
        }
        String etag = "\"" + content.sha256().substring(0, 32) + "-" + wanted.value() + "\"";
        CacheControl caching = v != null && content.sha256().startsWith(v) && v.length() >= 16
                ? CacheControl.maxAge(Duration.ofDays(365)).cachePrivate().immutable()
                : CacheControl.noCache().cachePrivate();
        if (etag.equals(ifNoneMatch)) return ResponseEntity.status(HttpStatus.NOT_MODIFIED).eTag(etag).cacheControl(caching).build();
        return ResponseEntity.ok().eTag(etag).cacheControl(caching)
                .contentType(org.springframework.http.MediaType.parseMediaType("webp".equals(made.format()) ? "image/webp" : "image/jpeg"))
                .header("X-Content-Type-Options", "nosniff")
                .body(new FileSystemResource(picture));
    }
}
