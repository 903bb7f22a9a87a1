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
 * without pictures yet (not hashed, not made, or impossible to make) gets a small placeholder that
 * is never cached, with {@code X-Thumbnail} saying which.
 */
@RestController
class ThumbnailController {

    private final FileService files;
    private final ThumbnailStore store;
    private final ThumbnailRecords records;

    ThumbnailController(FileService files, ThumbnailStore store, ThumbnailRecords records) {
        this.files = files;
        this.store = store;
        this.records = records;
    }

    @GetMapping("/api/files/{id}/thumbnail")
    ResponseEntity<Resource> thumbnail(@PathVariable long id, @RequestParam(defaultValue = "thumb") String size,
                                       @RequestParam(required = false) String v,
                                       @RequestHeader(value = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch) {
        ThumbnailSize wanted = ThumbnailSize.parse(size);
        FileService.Content content = files.content(id);
        ThumbnailRecords.Made made = content.sha256() == null ? null : records.find(content.sha256());
        Path picture = made == null || !made.ready() ? null : store.find(content.sha256(), wanted, made.format()).orElse(null);
        if (picture == null) {
            String state = content.sha256() == null || made == null ? "pending" : "failed";
            return ResponseEntity.ok().cacheControl(CacheControl.noCache()).header("X-Thumbnail", state)
                    .contentType(org.springframework.http.MediaType.parseMediaType("image/svg+xml"))
                    .body(new org.springframework.core.io.ByteArrayResource(Placeholder.of(content.mediaType())));
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

    /** Grey tiles with the kind of media in words, for files whose pictures are not there. */
    static final class Placeholder {
        private Placeholder() {
        }

        static byte[] of(MediaType mediaType) {
            String label = mediaType == null ? "file" : mediaType.value();
            return ("<svg xmlns='http://www.w3.org/2000/svg' width='320' height='240' viewBox='0 0 320 240'>"
                    + "<rect width='320' height='240' fill='#d9dce1'/>"
                    + "<text x='160' y='128' font-family='sans-serif' font-size='22' fill='#5b6270' text-anchor='middle'>" + label + "</text></svg>")
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        }
    }
}
