package org.archivist.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.archivist.catalog.CaptureDate;
import org.archivist.catalog.Confidence;
import org.archivist.catalog.FileCatalog;
import org.archivist.catalog.FileMetadata;
import org.archivist.catalog.ItemKind;
import org.archivist.catalog.ItemProposal;
import org.archivist.catalog.LibraryService;
import org.archivist.catalog.MediaType;
import org.archivist.catalog.ScannedFile;
import org.archivist.catalog.TimestampSource;
import org.archivist.testing.ApiTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tools.jackson.databind.JsonNode;

/** Items and files through the real server: keyset paging under every sort, filters, detail, and the bytes with ranges. */
class ItemApiTest extends ApiTest {

    @TempDir
    Path temp;

    /** {@code count} items in a new library: a third without a capture date, titles and sizes with many ties. */
    private long catalogue(int count, int firstNumber, long library) {
        FileCatalog catalog = bean(FileCatalog.class);
        List<ScannedFile> batch = new ArrayList<>();
        for (int n = firstNumber; n < firstNumber + count; n++) {
            Instant captured = n % 3 == 0 ? null : Instant.parse("2020-01-01T00:00:00Z").plusSeconds(3600L * (n % 500));
            FileMetadata metadata = new FileMetadata();
            metadata.setWidth(640);
            metadata.setHeight(480);
            if (n % 7 == 0) {
                metadata.setLatitude(52.5);
                metadata.setLongitude(13.4);
            }
            batch.add(new ScannedFile("p/" + n + ".jpg", 1000 + n % 50, null, Instant.parse("2024-01-01T00:00:00Z"), "image/jpeg",
                    n % 2 == 0 ? MediaType.IMAGE : MediaType.VIDEO, Long.toHexString(n), null,
                    captured == null ? CaptureDate.NONE : new CaptureDate(captured, 60, TimestampSource.EXIF, Confidence.HIGH), metadata,
                    new ItemProposal(n % 2 == 0 ? ItemKind.PHOTO : ItemKind.SCENE, "title " + n % 40,
                            n % 5 == 0 ? java.time.LocalDate.of(2020, 1, 1 + n % 28) : null, null, null, null), null));
            if (batch.size() == 500) {
                catalog.insertNew(library, batch);
                batch.clear();
            }
        }
        if (!batch.isEmpty()) catalog.insertNew(library, batch);
        return library;
    }

    private Set<Long> allPages(String filter, String sort, String order, Runnable betweenPages) {
        Set<Long> seen = new HashSet<>();
        String cursor = null;
        int pages = 0;
        do {
            JsonNode page = get("/api/items?" + filter + "&sort=" + sort + "&order=" + order + "&limit=500"
                    + (cursor == null ? "" : "&cursor=" + cursor)).json();
            for (JsonNode item : page.get("items")) {
                assertThat(seen.add(item.get("id").asLong())).as(sort + " " + order + ": item " + item.get("id") + " twice").isTrue();
            }
            cursor = page.get("next").isNull() ? null : page.get("next").asString();
            betweenPages.run();
            assertThat(++pages).isLessThan(100);
        } while (cursor != null);
        return seen;
    }

    @Test
    void pagingTenThousandItemsReturnsEachExactlyOnceUnderEverySortAlsoWhileItemsAreAdded() throws Exception {
        long library = bean(LibraryService.class).add(unique("paging"), Files.createDirectories(temp.resolve("paging")), Set.of(), List.of()).getId();
        catalogue(10_000, 0, library);
        List<Long> expected = jdbc().queryForList("SELECT item_id FROM files WHERE library_id = ?", Long.class, library);
        int[] added = {10_000};
        for (String sort : List.of("captured", "added", "title", "rating", "size")) {
            for (String order : List.of("asc", "desc")) {
                Set<Long> seen = allPages("library=" + library, sort, order, () -> { });
                assertThat(seen).as(sort + " " + order).containsExactlyInAnyOrderElementsOf(expected);
            }
        }
        // New items between pages: every item there at the start still comes exactly once.
        Set<Long> seen = allPages("library=" + library, "captured", "desc", () -> {
            catalogue(37, added[0], library);
            added[0] += 37;
        });
        assertThat(seen).containsAll(expected);

        // A search starts from its matches: the same items under every order, each once, with another filter too.
        List<Long> sevens = jdbc().queryForList(
                "SELECT i.id FROM items i JOIN files f ON f.item_id = i.id WHERE i.title = 'title 7' AND f.library_id = ?", Long.class, library);
        List<Long> sevenImages = jdbc().queryForList("""
                SELECT i.id FROM items i JOIN files f ON f.item_id = i.id
                WHERE i.title = 'title 7' AND f.media_type = 'image' AND f.library_id = ?""", Long.class, library);
        assertThat(sevens).hasSizeGreaterThan(250);
        for (String sort : List.of("captured", "added", "title", "rating", "size")) {
            for (String order : List.of("asc", "desc")) {
                assertThat(allPages("library=" + library + "&q=7", sort, order, () -> { })).as("search by " + sort + " " + order)
                        .containsExactlyInAnyOrderElementsOf(sevens);
            }
            assertThat(allPages("library=" + library + "&q=title+7&mediaType=image", sort, "desc", () -> { })).as("search and filter by " + sort)
                    .containsExactlyInAnyOrderElementsOf(sevenImages);
        }

        Set<Long> images = allPages("library=" + library + "&mediaType=image&hasGps=true", "title", "asc", () -> { });
        assertThat(images).hasSize((int) jdbc().queryForObject("""
                SELECT count(*) FROM files f JOIN file_metadata m ON m.file_id = f.id
                WHERE f.library_id = ? AND f.media_type = 'image' AND m.latitude IS NOT NULL""", Long.class, library).longValue());
    }

    @Test
    void badCursorsAndFiltersAreNamedAndUnknownTagsGiveAnEmptyPage() throws Exception {
        long library = bean(LibraryService.class).add(unique("cursors"), Files.createDirectories(temp.resolve("cursors")), Set.of(), List.of()).getId();
        catalogue(30, 0, library);
        String next = get("/api/items?library=" + library + "&limit=10").json().get("next").asString();
        assertThat(get("/api/items?library=" + library + "&limit=10&cursor=" + next).status()).isEqualTo(200);
        assertThat(get("/api/items?library=" + library + "&sort=title&cursor=" + next).detail()).contains("cursor: it belongs to another query");
        assertThat(get("/api/items?library=" + library + "&cursor=not-a-cursor").detail()).contains("cursor: not a cursor this server gave out");
        assertThat(get("/api/items?library=" + library + "&cursor=" + next.substring(0, next.length() - 3)).status()).isEqualTo(400);
        assertThat(get("/api/items?sort=colour").detail()).contains("sort: 'colour' is not one of captured, added, title, rating, size");
        assertThat(get("/api/items?kind=painting").detail()).contains("kind: 'painting' is not one of");
        assertThat(get("/api/items?limit=501").detail()).contains("limit: 501 is outside 1-500");
        assertThat(get("/api/items?capturedFrom=yesterday").detail()).contains("capturedFrom: 'yesterday' is not an ISO instant");
        assertThat(get("/api/items?minRating=9").detail()).contains("minRating: 9.0 is outside 0-5");
        assertThat(get("/api/items?library=" + library + "&tag=987654321").json().get("items")).isEmpty();
        assertThat(get("/api/items/987654321").status()).isEqualTo(404);
        for (String sort : List.of("captured", "added", "title", "rating", "size")) {
            assertThat(get("/api/items?sort=" + sort + "&limit=3").status()).as("unfiltered, by " + sort).isEqualTo(200);
        }
        long dated = jdbc().queryForObject("SELECT min(f.item_id) FROM files f JOIN items i ON i.id = f.item_id WHERE f.library_id = ? AND i.item_date IS NOT NULL",
                Long.class, library);
        Answer detail = get("/api/items/" + dated);
        assertThat(detail.status()).as("an item whose date the scan wrote: " + detail.body()).isEqualTo(200);
        assertThat(detail.json().get("item").get("itemDate").asString()).startsWith("2020-01-");
        assertThat(get("/api/nope").detail()).contains("no endpoint GET /api/nope");
    }

    @Test
    void anItemsDetailAndItsFilesBytesWithRangesAndConditionalRequests() throws Exception {
        Path root = Files.createDirectories(temp.resolve("bytes"));
        byte[] content = new byte[10_000];
        for (int i = 0; i < content.length; i++) content[i] = (byte) i;
        Files.write(root.resolve("clip.bin"), content);
        long library = post("/api/libraries", "{\"name\": \"" + unique("bytes") + "\", \"rootPath\": \"" + root + "\"}").json().get("id").asLong();
        assertThat(awaitJob(post("/api/libraries/" + library + "/scan").json().get("id").asLong()).get("status").asString()).isEqualTo("completed");
        JsonNode item = get("/api/items?library=" + library).json().get("items").get(0);
        long fileId = item.get("primaryFileId").asLong();

        JsonNode detail = get("/api/items/" + item.get("id").asLong()).json();
        assertThat(detail.get("item").get("title").asString()).isEqualTo("clip");
        assertThat(detail.get("files").get(0).get("path").asString()).isEqualTo("clip.bin");
        assertThat(get("/api/files/" + fileId).json().get("sizeBytes").asLong()).isEqualTo(10_000);

        Answer whole = get("/api/files/" + fileId + "/content");
        assertThat(whole.status()).isEqualTo(200);
        assertThat(whole.raw().headers().firstValue("content-disposition").orElse("")).contains("inline").contains("clip.bin");
        String etag = whole.raw().headers().firstValue("etag").orElseThrow();
        assertThat(whole.raw().headers().firstValue("last-modified")).isPresent();
        assertThat(range(fileId, "bytes=0-9")).isEqualTo(new Ranged(206, "bytes 0-9/10000", 10));
        assertThat(range(fileId, "bytes=5000-5099")).isEqualTo(new Ranged(206, "bytes 5000-5099/10000", 100));
        assertThat(range(fileId, "bytes=-16")).isEqualTo(new Ranged(206, "bytes 9984-9999/10000", 16));
        assertThat(range(fileId, "bytes=20000-")).as("unsatisfiable, and no body").isEqualTo(new Ranged(416, "bytes */10000", 0));
        assertThat(send(HttpRequest.newBuilder(URI.create(base + "/api/files/" + fileId + "/content")).header("If-None-Match", etag)).status())
                .isEqualTo(304);

        Files.delete(root.resolve("clip.bin"));
        Answer gone = get("/api/files/" + fileId + "/content");
        assertThat(gone.status()).isEqualTo(404);
        assertThat(gone.detail()).contains("is not on disk any more");
        assertThat(get("/api/files/987654321/content").status()).isEqualTo(404);
    }

    record Ranged(int status, String contentRange, int length) {
    }

    private Ranged range(long fileId, String range) throws Exception {
        var response = java.net.http.HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + "/api/files/" + fileId + "/content")).header("X-API-Key", apiKey)
                .header("Range", range).build(), java.net.http.HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() == 206) {
            String[] span = response.headers().firstValue("content-range").orElseThrow().replaceAll("bytes |/.*", "").split("-");
            assertThat(response.body()[0]).as("the range's first byte").isEqualTo((byte) Integer.parseInt(span[0]));
        }
        return new Ranged(response.statusCode(), response.headers().firstValue("content-range").orElse(""), response.body().length);
    }
}
