package org.archivist.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import org.archivist.catalog.Library;
import org.archivist.catalog.LibraryService;
import org.archivist.fingerprint.HashService;
import org.archivist.scan.ScanProgress;
import org.archivist.scan.ScanService;
import org.archivist.testing.ApiTest;
import org.archivist.testing.Corpus;
import org.archivist.thumbs.ThumbnailService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tools.jackson.databind.JsonNode;

/** Thumbnails over HTTP: content-named ETags, year-long caching for versioned URLs, placeholders for the rest. */
class ThumbnailApiTest extends ApiTest {

    @TempDir
    Path temp;

    @Test
    void picturesAreCachedByContentAndMissingOnesPointToAPlaceholder() throws Exception {
        Path root = Files.createDirectories(temp.resolve("pictures"));
        Files.copy(Corpus.media().resolve("images/Canon_40D.jpg"), root.resolve("a.jpg"));
        Library library = bean(LibraryService.class).add(unique("thumbs"), root, Set.of(), List.of());
        bean(ScanService.class).scan(bean(LibraryService.class).get(library.getId()), false, ScanProgress.NONE);
        // A small file is hashed by the scan itself; this one waits for the hashing stage, as a large one would.
        jdbc().update("UPDATE files SET sha256 = NULL WHERE library_id = ?", library.getId());

        JsonNode item = get("/api/items?library=" + library.getId()).json().get("items").get(0);
        long file = item.get("primaryFileId").asLong();
        assertThat(item.get("thumbnailUrl").isNull()).as("no URL before the content is hashed").isTrue();
        Answer pending = get("/api/files/" + file + "/thumbnail");
        assertThat(pending.status()).isEqualTo(303);
        assertThat(pending.raw().headers().firstValue("Location").orElseThrow()).endsWith("/img/placeholder-image.svg");
        assertThat(pending.raw().headers().firstValue("X-Thumbnail")).hasValue("pending");

        bean(HashService.class).hash(bean(LibraryService.class).get(library.getId()), 1, done -> { });
        // The server's own workers may have taken the hashing job: wait until the content is known.
        for (int i = 0; i < 1_000 && jdbc().queryForObject("SELECT count(*) FROM files WHERE library_id = ? AND sha256 IS NULL", Long.class,
                library.getId()) > 0; i++) {
            get("/api/jobs?limit=1");
        }
        bean(ThumbnailService.class).make(bean(LibraryService.class).get(library.getId()), null);
        String url = get("/api/items?library=" + library.getId()).json().get("items").get(0).get("thumbnailUrl").asString();
        assertThat(url).matches("/api/files/" + file + "/thumbnail\\?v=[0-9a-f]{16}");

        Answer versioned = get(url);
        // The server's own thumbnail job may be making the same content at this moment: ask until it is there.
        for (int i = 0; i < 50 && versioned.status() != 200; i++) {
            bean(ThumbnailService.class).make(bean(LibraryService.class).get(library.getId()), null);
            versioned = get(url);
        }
        assertThat(versioned.status()).isEqualTo(200);
        assertThat(versioned.raw().headers().firstValue("Content-Type").orElseThrow()).isIn("image/webp", "image/jpeg");
        assertThat(versioned.raw().headers().firstValue("Cache-Control").orElseThrow()).contains("max-age=31536000").contains("immutable");
        String etag = versioned.raw().headers().firstValue("ETag").orElseThrow();
        Answer again = send(HttpRequest.newBuilder(URI.create(base + "/api/files/" + file + "/thumbnail")).header("If-None-Match", etag));
        assertThat(again.status()).isEqualTo(304);
        assertThat(get("/api/files/" + file + "/thumbnail").raw().headers().firstValue("Cache-Control").orElseThrow()).contains("no-cache");
        Answer preview = get("/api/files/" + file + "/thumbnail?size=preview");
        assertThat(preview.raw().headers().firstValue("ETag").orElseThrow()).isNotEqualTo(etag).endsWith("-preview\"");

        assertThat(get("/api/files/" + file + "/thumbnail?size=huge").detail()).isEqualTo("size: 'huge' is not one of thumb, preview");
        assertThat(get("/api/files/999999999/thumbnail").status()).isEqualTo(404);
        assertThat(get("/img/placeholder-image.svg").status()).isEqualTo(200);
    }
}
