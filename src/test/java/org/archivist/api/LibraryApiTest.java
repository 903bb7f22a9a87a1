package org.archivist.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.archivist.testing.ApiTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tools.jackson.databind.JsonNode;

/** Libraries through the real server: add, list, change, scan, remove, and every refusal, on both engines. */
class LibraryApiTest extends ApiTest {

    @TempDir
    Path temp;

    private String create(String name, Path root) {
        return "{\"name\": \"" + name + "\", \"rootPath\": \"" + root + "\"}";
    }

    @Test
    void aLibraryIsAddedListedChangedScannedAndRemovedWithItsFilesLeftOnDisk() throws Exception {
        Path root = Files.createDirectories(temp.resolve("photos"));
        Files.writeString(root.resolve("a.txt"), "a note");
        String name = unique("photos");

        Answer added = post("/api/libraries", create(name, root));
        assertThat(added.status()).isEqualTo(201);
        long id = added.json().get("id").asLong();
        assertThat(added.raw().headers().firstValue("location")).hasValue("/api/libraries/" + id);
        assertThat(get("/api/libraries").json().findValuesAsString("name")).contains(name);

        Answer changed = patch("/api/libraries/" + id, "{\"mediaTypes\": [\"image\", \"video\"], \"settings\": {\"excludeGlobs\": [\"**/.cache/**\"], \"followLinks\": false}, \"enabled\": false}");
        assertThat(changed.status()).isEqualTo(200);
        assertThat(changed.json().get("enabled").asBoolean()).isFalse();
        assertThat(changed.json().get("settings").get("excludeGlobs").get(0).asString()).isEqualTo("**/.cache/**");

        Answer scan = post("/api/libraries/" + id + "/scan");
        assertThat(scan.status()).isEqualTo(202);
        JsonNode job = awaitJob(scan.json().get("id").asLong());
        assertThat(job.get("status").asString()).isEqualTo("completed");
        assertThat(job.get("result").get("new").asInt()).isEqualTo(1);
        assertThat(get("/api/libraries/" + id).json().get("files").asInt()).isEqualTo(1);
        assertThat(get("/api/jobs?type=scan&status=completed&limit=500").json().findValuesAsString("id"))
                .contains(String.valueOf(job.get("id").asLong()));

        Answer removed = delete("/api/libraries/" + id);
        assertThat(removed.json().get("filesRemoved").asInt()).isEqualTo(1);
        assertThat(Files.exists(root.resolve("a.txt"))).as("never deleted from disk").isTrue();
        assertThat(get("/api/libraries/" + id).status()).isEqualTo(404);
    }

    @Test
    void everyBadRequestIsRefusedNamingTheFieldAndTheReason() throws Exception {
        Path root = Files.createDirectories(temp.resolve("taken"));
        Files.writeString(temp.resolve("plain-file"), "not a folder");
        String name = unique("taken");
        long id = post("/api/libraries", create(name, root)).json().get("id").asLong();

        assertRefused(post("/api/libraries", "{\"name\": "), 400, "not valid JSON");
        assertRefused(post("/api/libraries", "{\"name\": \"x\", \"rootPath\": \"/tmp\", \"colour\": \"red\"}"), 400, "colour: not a field");
        assertRefused(post("/api/libraries", "{\"name\": \"x\", \"rootPath\": \"" + root + "\", \"mediaTypes\": [\"hologram\"]}"), 400, "mediaTypes");
        assertRefused(post("/api/libraries", "{\"name\": 42, \"rootPath\": []}"), 400, "rootPath");
        assertRefused(post("/api/libraries", create("x".repeat(101), temp)), 400, "name");
        assertRefused(post("/api/libraries", create("relative", Path.of("photos"))), 400, "rootPath");
        assertRefused(post("/api/libraries", create(unique("gone"), temp.resolve("nowhere"))), 400, "rootPath: " + temp.resolve("nowhere") + " does not exist");
        assertRefused(post("/api/libraries", create(unique("file"), temp.resolve("plain-file"))), 400, "is not a folder");
        assertRefused(post("/api/libraries", create(name, Files.createDirectories(temp.resolve("other")))), 400, "name: a library named");
        assertRefused(post("/api/libraries", create(unique("inner"), Files.createDirectories(root.resolve("inner")))), 400, "is inside the library");
        assertRefused(post("/api/libraries", create(unique("outer"), temp)), 400, "holds the library");
        assertRefused(patch("/api/libraries/" + id, "{\"enabled\": \"sometimes\"}"), 400, "enabled");
        assertRefused(patch("/api/libraries/999999", "{\"enabled\": true}"), 404, "999999");
        assertRefused(get("/api/libraries/abc"), 400, "id: 'abc'");
        assertRefused(post("/api/libraries/999999/scan"), 404, "999999");
        assertRefused(delete("/api/libraries/999999"), 404, "999999");
        delete("/api/libraries/" + id);
    }

    private static void assertRefused(Answer answer, int status, String detail) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(status);
        assertThat(answer.raw().headers().firstValue("content-type").orElse("")).startsWith("application/problem+json");
        assertThat(answer.detail()).as(answer.body()).contains(detail);
    }
}
