package org.archivist.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.archivist.catalog.LibraryService;
import org.archivist.testing.ApiTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every endpoint that takes a path or a name, tried with traversal in each spelling ({@code ../}, percent-encoded,
 * double-encoded, backslashes), absolute paths and NUL bytes: nothing is read or written outside where it belongs,
 * and the answer is a refusal naming the field, or the value made harmless; never a server error.
 */
class PathProbeTest extends ApiTest {

    /** Raw query values, already percent-encoded as they go on the wire. */
    private static final List<String> HOSTILE = List.of("..%2F..%2Fescape.txt", "%2E%2E%2Fescape.txt", "..%252F..%252Fescape.txt",
            "..%5C..%5Cescape.txt", "%2Fetc%2Fpasswd", "escape%00.txt", "%00", "..", "%2E", "C%3A%5Cescape.txt", "%2F%2Fhost%2Fshare%2Fx");

    @TempDir
    Path temp;

    @Test
    void uploadNamesStayInTheImportFolder() throws Exception {
        Path outside = Files.createDirectories(temp.resolve("probe"));
        Path root = Files.createDirectories(outside.resolve("library"));
        long library = bean(LibraryService.class).add(unique("probe"), root, Set.of(), List.of()).getId();
        int n = 0;
        for (String name : HOSTILE) {
            Answer answer = send(HttpRequest.newBuilder(URI.create(base + "/api/libraries/" + library + "/uploads?name=" + name))
                    .PUT(HttpRequest.BodyPublishers.ofString("probe " + n++)));
            assertThat(answer.status()).as(name + ": stored under a safe name or refused, naming the field").isIn(201, 400);
            if (answer.status() == 400) assertThat(answer.detail()).as(name).contains("name");
            else {
                String stored = answer.json().get("path").asString();
                assertThat(stored).as(name).startsWith("Import/").doesNotContain("\u0000").doesNotContain("\\");
                assertThat(stored.split("/")).as(name + ": no segment walks up").doesNotContain("..", ".");
            }
        }
        try (Stream<Path> everything = Files.walk(outside)) {
            assertThat(everything.filter(Files::isRegularFile).map(p -> outside.relativize(p).toString()))
                    .as("every upload inside the library's import folder").allMatch(p -> p.startsWith("library/Import/"));
        }
    }

    @Test
    void restoringFromTheTrashTakesOnlyAPathThatIsInIt() {
        for (String path : HOSTILE) {
            Answer answer = send(HttpRequest.newBuilder(URI.create(base + "/trash/restore"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("trashPath=" + path)));
            assertThat(answer.status()).as(path + ": back to the trash page with 'not in the trash'").isIn(302, 303, 400);
        }
    }

    @Test
    void staticFilesAndPagesNeverServeWhatIsBesideThem() {
        for (String path : List.of("/css/..%2F..%2Fapplication.properties", "/css/%2e%2e/%2e%2e/application.properties",
                "/css/%252e%252e/%252e%252e/application.properties", "/css/..%5C..%5Capplication.properties",
                "/webjars/..%2F..%2Fapplication.properties", "/css/archivist.css%00.properties", "/css/;/../application.properties",
                "/api/files/1%2F..%2F2/content", "/items/..%2F..%2Fapi%2Fusers", "//etc/passwd", "/css/%2Fetc%2Fpasswd")) {
            Answer answer = send(HttpRequest.newBuilder(URI.create(base + path)).GET());
            assertThat(answer.status()).as(path).isIn(400, 404);
            assertThat(answer.body()).as(path).doesNotContain("spring.").doesNotContain("root:");
        }
    }

    @Test
    void namesAndFoldersWithNulOrTraversalAreRefusedOrKeptAsText() throws Exception {
        // A library's folder must be an absolute, existing folder: NUL and relative paths are refused, naming the field.
        for (String rootPath : List.of("/tmp/\\u0000x", "relative/../folder", "../../etc")) {
            Answer answer = post("/api/libraries", "{\"name\": \"" + unique("probe") + "\", \"rootPath\": \"" + rootPath + "\"}");
            assertThat(answer.status()).as(rootPath).isEqualTo(400);
            assertThat(answer.detail()).as(rootPath).contains("rootPath");
        }
        // Names are text: a traversal in one is just characters, a NUL is refused or dropped, never a server error.
        for (String endpoint : List.of("/api/tags", "/api/collections", "/api/people", "/api/studios")) {
            for (String name : List.of("../../etc/passwd", "nul\\u0000inside", "%2e%2e%2f")) {
                Answer answer = post(endpoint, "{\"name\": \"" + name + unique("") + "\"}");
                assertThat(answer.status()).as(endpoint + " " + name).isIn(200, 201, 400);
                if (answer.status() == 400) assertThat(answer.detail()).as(endpoint + " " + name).contains("name");
                else assertThat(answer.json().get("name").asString()).as(endpoint + " " + name).doesNotContain("\u0000");
            }
        }
        for (String q : List.of("%00", "..%2F..%2F", "%252e")) {
            assertThat(get("/api/items?q=" + q).status()).as("search for " + q).isIn(200, 400);
        }
        assertThat(Files.exists(Path.of("escape.txt"))).isFalse();
    }
}
