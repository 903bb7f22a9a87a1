package org.archivist.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.archivist.testing.ApiTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tools.jackson.databind.JsonNode;

/** Capture dates a person reviews, sets and takes back, and settings, through the real server. */
class DatesAndSettingsApiTest extends ApiTest {

    @TempDir
    Path temp;

    /** A tiny PNG: a picture with no date of its own, so its date comes from the file system with no confidence. */
    private static final byte[] PNG = java.util.Base64.getDecoder().decode(
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");

    @Test
    void aPersonsDateIsSetRecordedKeptAndTakenBack() throws Exception {
        Path root = Files.createDirectories(temp.resolve("undated"));
        for (int i = 0; i < 3; i++) Files.write(root.resolve("pixel-" + i + ".png"), PNG);
        long library = post("/api/libraries", "{\"name\": \"" + unique("dates") + "\", \"rootPath\": \"" + root + "\"}").json().get("id").asLong();
        assertThat(awaitJob(post("/api/libraries/" + library + "/scan").json().get("id").asLong()).get("status").asString()).isEqualTo("completed");

        JsonNode first = get("/api/review/dates?library=" + library + "&limit=2").json();
        assertThat(first.get("files")).hasSize(2);
        assertThat(first.get("files").get(0).get("confidence").asString()).isEqualTo("none");
        JsonNode second = get("/api/review/dates?library=" + library + "&limit=2&cursor=" + first.get("next").asString()).json();
        assertThat(second.get("files")).hasSize(1);
        assertThat(second.get("next").isNull()).isTrue();
        long file = first.get("files").get(0).get("fileId").asLong();
        String detected = first.get("files").get(0).get("detectedAt").asString();

        Answer set = send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "/api/files/" + file + "/capture-date"))
                .header("Content-Type", "application/json")
                .PUT(java.net.http.HttpRequest.BodyPublishers.ofString("{\"localTime\": \"2019-07-14T20:15:00\", \"offsetMinutes\": 120}")));
        assertThat(set.status()).as(set.body()).isEqualTo(200);
        assertThat(set.json().get("detectedAt").asString()).isEqualTo("2019-07-14T18:15:00Z");
        assertThat(set.json().get("source").asString()).isEqualTo("user");
        assertThat(set.json().get("confidence").asString()).isEqualTo("high");
        assertThat(get("/api/review/dates?library=" + library).json().get("files").findValuesAsString("fileId"))
                .as("a person's date needs no review").doesNotContain(String.valueOf(file));
        assertThat(jdbc().queryForObject("SELECT decision_value FROM user_decisions WHERE file_id = ? AND decision_type = 'timestamp_override'",
                String.class, file)).contains("replaced").contains("filesystem");

        assertThat(awaitJob(post("/api/libraries/" + library + "/scan").json().get("id").asLong()).get("status").asString()).isEqualTo("completed");
        assertThat(get("/api/files/" + file).json().get("timestampSource").asString()).as("a rescan keeps it").isEqualTo("user");

        Answer reverted = delete("/api/files/" + file + "/capture-date");
        assertThat(reverted.json().get("source").asString()).isEqualTo("filesystem");
        assertThat(java.time.Instant.parse(reverted.json().get("detectedAt").asString())).isEqualTo(java.time.Instant.parse(detected));
        assertThat(delete("/api/files/" + file + "/capture-date").status()).isEqualTo(404);

        Answer badOffset = send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "/api/files/" + file + "/capture-date"))
                .header("Content-Type", "application/json")
                .PUT(java.net.http.HttpRequest.BodyPublishers.ofString("{\"localTime\": \"2019-07-14T20:15:00\", \"offsetMinutes\": 5000}")));
        assertThat(badOffset.detail()).contains("offsetMinutes: 5000");
        Answer badTime = send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "/api/files/" + file + "/capture-date"))
                .header("Content-Type", "application/json")
                .PUT(java.net.http.HttpRequest.BodyPublishers.ofString("{\"localTime\": \"2019-07-14 20:15\"}")));
        assertThat(badTime.detail()).as("the field is named").startsWith("localTime: ");
        assertThat(get("/api/review/dates?cursor=bm90LWEtbnVtYmVy").status()).isEqualTo(400);
    }

    @Test
    void settingsAreCheckedPerKeyAndUnknownKeysRefused() {
        List<String> keys = get("/api/settings").json().findValuesAsString("key");
        assertThat(keys).contains("jobs.concurrency", "dedup.phash_max_distance", "upload.folder").doesNotContain("organize.layout");
        Answer changed = send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "/api/settings/trash.retention_days"))
                .header("Content-Type", "application/json").PUT(java.net.http.HttpRequest.BodyPublishers.ofString("{\"value\": 45}")));
        assertThat(changed.json().get("value").asInt()).isEqualTo(45);
        assertThat(putSetting("dedup.phash_max_distance", "40").detail()).contains("from 0 to 32");
        assertThat(putSetting("jobs.concurrency", "\"two\"").detail()).contains("whole number");
        assertThat(putSetting("upload.folder", "7").detail()).contains("takes text");
        Answer unknown = putSetting("scan.colour", "1");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.detail()).contains("scan.colour").contains("known:");
    }

    private Answer putSetting(String key, String value) {
        return send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "/api/settings/" + key))
                .header("Content-Type", "application/json").PUT(java.net.http.HttpRequest.BodyPublishers.ofString("{\"value\": " + value + "}")));
    }
}
