package org.archivist.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.archivist.testing.ApiTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tools.jackson.databind.JsonNode;

/** Jobs through the real server: queued work, its event stream, cancelling within a second, and refusals. */
class JobApiTest extends ApiTest {

    @TempDir
    Path temp;

    private long library(Path root) {
        return post("/api/libraries", "{\"name\": \"" + unique("jobs") + "\", \"rootPath\": \"" + root + "\"}").json().get("id").asLong();
    }

    private static void notes(Path root, int count) throws Exception {
        for (int i = 0; i < count; i++) {
            Path folder = Files.createDirectories(root.resolve("d" + i / 500));
            Files.writeString(folder.resolve("note-" + i + ".txt"), "note " + i);
        }
    }

    @Test
    void theEventStreamOfAScanEndsWithItsFinalState() throws Exception {
        Path root = Files.createDirectories(temp.resolve("stream"));
        notes(root, 1500);
        long job = post("/api/libraries/" + library(root) + "/scan").json().get("id").asLong();

        HttpResponse<java.util.stream.Stream<String>> stream = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(base + "/api/jobs/" + job + "/events")).header("X-API-Key", apiKey).timeout(Duration.ofSeconds(60)).build(),
                HttpResponse.BodyHandlers.ofLines());
        assertThat(stream.headers().firstValue("content-type").orElse("")).startsWith("text/event-stream");
        List<String> names = new ArrayList<>();
        List<JsonNode> data = new ArrayList<>();
        for (String line : (Iterable<String>) stream.body()::iterator) {
            if (line.startsWith("event:")) names.add(line.substring(6).strip());
            if (line.startsWith("data:")) data.add(JSON.readTree(line.substring(5)));
        }
        assertThat(names).last().isEqualTo("end");
        assertThat(names.subList(0, names.size() - 1)).allMatch("progress"::equals);
        JsonNode end = data.get(data.size() - 1);
        assertThat(end.get("status").asString()).isEqualTo("completed");
        assertThat(end.get("result").get("new").asInt()).isEqualTo(1500);
    }

    @Test
    void aCancelledScanStopsWithinASecond() throws Exception {
        Path root = Files.createDirectories(temp.resolve("cancel"));
        notes(root, 12_000);
        long libraryId = library(root);
        long job = post("/api/libraries/" + libraryId + "/scan").json().get("id").asLong();
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!get("/api/jobs/" + job).json().get("status").asString().equals("running")) {
            assertThat(System.nanoTime()).as("the scan starts").isLessThan(deadline);
            Thread.sleep(10);
        }
        Answer cancelled = post("/api/jobs/" + job + "/cancel");
        assertThat(cancelled.json().get("status").asString()).isEqualTo("cancelled");
        Thread.sleep(1_000);
        long after = count(libraryId);
        Thread.sleep(1_000);
        assertThat(count(libraryId)).as("nothing written a second after the cancel").isEqualTo(after);
        assertThat(after).as("stopped before the end").isLessThan(12_000);
        assertThat(post("/api/jobs/" + job + "/cancel").status()).as("already ended").isEqualTo(409);
        assertThat(post("/api/jobs/" + job + "/retry").status()).as("only a failed job is retried").isEqualTo(409);
    }

    private long count(long libraryId) {
        return jdbc().queryForObject("SELECT count(*) FROM files WHERE library_id = ?", Long.class, libraryId);
    }

    @Test
    void listsAreFilteredAndBadParametersNamed() {
        assertThat(get("/api/jobs?status=done").detail()).contains("status: 'done' is not one of pending, running, completed, failed, cancelled");
        assertThat(get("/api/jobs?limit=0").detail()).contains("limit: 0 is outside 1-500");
        assertThat(get("/api/jobs?limit=many").detail()).contains("limit: 'many'");
        assertThat(get("/api/jobs?type=no-such-type").json()).isEmpty();
        assertThat(get("/api/jobs/424242/events").status()).isEqualTo(404);
        assertThat(post("/api/jobs/424242/retry").status()).isEqualTo(404);
        assertThat(post("/api/duplicates/find?exact=true&threshold=4").detail()).contains("threshold: only near-duplicate detection");
    }
}
