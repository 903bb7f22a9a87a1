package org.archivist.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.archivist.accounts.ApiTokenService;
import org.archivist.accounts.Role;
import org.archivist.catalog.Library;
import org.archivist.catalog.LibraryService;
import org.archivist.scan.ScanProgress;
import org.archivist.scan.ScanService;
import org.archivist.testing.ApiTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Ratings, reviews and favourites over HTTP: each person their own, bad ratings refused, the item's average exact under concurrency. */
class ReviewApiTest extends ApiTest {

    @TempDir
    Path temp;

    @Test
    void peopleRateReviewAndFavouriteAndTheAverageStaysExact() throws Exception {
        Path root = Files.createDirectories(temp.resolve("books"));
        for (String name : List.of("one.txt", "two.txt")) Files.writeString(root.resolve(name), "the text of " + name);
        Library library = bean(LibraryService.class).add(unique("reviews"), root, Set.of(), List.of());
        bean(ScanService.class).scan(bean(LibraryService.class).get(library.getId()), false, ScanProgress.NONE);
        List<Long> items = jdbc().queryForList("SELECT item_id FROM files WHERE library_id = ? ORDER BY path", Long.class, library.getId());
        long one = items.get(0), two = items.get(1);

        // Bad ratings are refused, naming the field.
        for (String bad : List.of("{\"rating\": 0}", "{\"rating\": 6}", "{\"rating\": 2.5}", "{\"rating\": \"five\"}", "{}")) {
            Answer refused = send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "/api/items/" + one + "/review"))
                    .header("Content-Type", "application/json").PUT(java.net.http.HttpRequest.BodyPublishers.ofString(bad)));
            assertThat(refused.status()).as(bad).isEqualTo(400);
        }
        // Twelve people rate the same item at once: the average and the count are exact.
        List<String> people = new ArrayList<>();
        for (int n = 0; n < 12; n++) {
            people.add(tokenOf(server, unique("reader" + n) + "@example.org", Role.ADMIN, ApiTokenService.Scope.READ_WRITE));
        }
        ExecutorService pool = Executors.newFixedThreadPool(6);
        List<Future<Integer>> answers = new ArrayList<>();
        for (int n = 0; n < people.size(); n++) {
            int stars = 1 + n % 5;
            String token = people.get(n);
            answers.add(pool.submit(() -> new ReviewApiTest.As(this, token).put("/api/items/" + one + "/review", "{\"rating\": " + stars + "}")));
        }
        for (Future<Integer> answer : answers) assertThat(answer.get()).isEqualTo(200);
        pool.shutdown();
        int sum = 0;
        for (int n = 0; n < people.size(); n++) sum += 1 + n % 5;
        var item = get("/api/items/" + one).json().get("item");
        assertThat(item.get("reviewCount").asInt()).isEqualTo(12);
        assertThat(item.get("averageRating").decimalValue()).isEqualByComparingTo(java.math.BigDecimal.valueOf(sum)
                .divide(java.math.BigDecimal.valueOf(12), 2, java.math.RoundingMode.HALF_UP));

        // A person changes and deletes their own review; favourites are theirs alone.
        apiKey = people.get(0);
        assertThat(put("/api/items/" + one + "/review", "{\"rating\": 5, \"reviewText\": \"<b>good</b>\"}")).isEqualTo(200);
        assertThat(get("/api/items/" + one + "/reviews").json().valueStream().filter(r -> r.get("reviewText").asString().equals("<b>good</b>")).count())
                .isEqualTo(1);
        assertThat(delete("/api/items/" + one + "/review").status()).isEqualTo(204);
        assertThat(get("/api/items/" + one).json().get("item").get("reviewCount").asInt()).isEqualTo(11);
        assertThat(put("/api/items/" + two + "/favorite", "")).isEqualTo(200);
        assertThat(get("/api/items?favorites=mine").json().get("items").valueStream().map(i -> i.get("id").asLong())).containsExactly(two);
        apiKey = people.get(1);
        assertThat(get("/api/items?favorites=mine").json().get("items")).isEmpty();
        assertThat(get("/api/items?favorites=yours").status()).isEqualTo(400);
        // Top rated: by rating, highest first.
        var top = get("/api/items?library=" + library.getId() + "&sort=rating&order=desc&minRating=1").json().get("items");
        assertThat(top.get(0).get("id").asLong()).isEqualTo(one);
    }

    private int put(String path, String json) {
        return send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + path)).header("Content-Type", "application/json")
                .PUT(java.net.http.HttpRequest.BodyPublishers.ofString(json))).status();
    }

    /** The same server, as another person (a client of its own, so threads do not share a key). */
    private record As(ReviewApiTest test, String token) {
        int put(String path, String json) throws Exception {
            return java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(test.base + path))
                    .header("Content-Type", "application/json").header("X-API-Key", token)
                    .PUT(java.net.http.HttpRequest.BodyPublishers.ofString(json)).build(), java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode();
        }
    }
}
