package org.archivist.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.net.Socket;
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
import org.archivist.testing.Corpus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tools.jackson.databind.JsonNode;

/** Uploads over HTTP: streamed into the import folder under a safe name, known content reported, limits kept, nothing partial left. */
class UploadApiTest extends ApiTest {

    @TempDir
    Path temp;

    private Answer put(String path, byte[] body) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).PUT(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    private static List<Path> files(Path folder) throws Exception {
        try (Stream<Path> all = Files.list(folder)) {
            return all.sorted().toList();
        }
    }

    @Test
    void anUploadIsStoredSafelyCataloguedAtOnceAndNeverStoredTwiceUnlessAsked() throws Exception {
        Path root = Files.createDirectories(temp.resolve("uploads"));
        long library = bean(LibraryService.class).add(unique("uploads"), root, Set.of(), List.of()).getId();
        byte[] photo = Files.readAllBytes(Corpus.media().resolve("images/Canon_40D.jpg"));

        Answer stored = put("/api/libraries/" + library + "/uploads?name=" + java.net.URLEncoder.encode("../../etc/<b>pass:wd?.jpg", StandardCharsets.UTF_8), photo);
        assertThat(stored.status()).isEqualTo(201);
        JsonNode answer = stored.json();
        assertThat(answer.get("path").asString()).isEqualTo("Import/_b_pass_wd_.jpg");
        assertThat(answer.get("sha256").asString()).hasSize(64);
        assertThat(Files.readAllBytes(root.resolve("Import/_b_pass_wd_.jpg"))).isEqualTo(photo);
        JsonNode file = get("/api/files/" + answer.get("fileId").asLong()).json();
        assertThat(file.get("sha256").asString()).isEqualTo(answer.get("sha256").asString());
        assertThat(file.get("mediaType").asString()).isEqualTo("image");

        Answer again = put("/api/libraries/" + library + "/uploads?name=copy.jpg", photo);
        assertThat(again.status()).as("known content is reported, not stored").isEqualTo(200);
        assertThat(again.json().get("duplicateOf").asString()).isEqualTo("Import/_b_pass_wd_.jpg");
        assertThat(root.resolve("Import/copy.jpg")).doesNotExist();

        Answer kept = put("/api/libraries/" + library + "/uploads?name=" + java.net.URLEncoder.encode("_b_pass_wd_.jpg", StandardCharsets.UTF_8)
                + "&keepDuplicate=true", photo);
        assertThat(kept.status()).isEqualTo(201);
        assertThat(kept.json().get("path").asString()).as("a taken name gets a number, nothing is overwritten").isEqualTo("Import/_b_pass_wd_ (2).jpg");
        for (String device : List.of("CON.txt", "...", " .hidden ")) {
            Answer odd = put("/api/libraries/" + library + "/uploads?name=" + java.net.URLEncoder.encode(device, StandardCharsets.UTF_8),
                    device.getBytes(StandardCharsets.UTF_8));
            assertThat(odd.status()).as(device).isEqualTo(201);
            assertThat(odd.json().get("path").asString()).as(device).doesNotContain("/.").isNotEqualTo("Import/CON.txt");
        }
        assertThat(files(root.resolve("Import"))).noneMatch(p -> p.getFileName().toString().endsWith(".part"));
    }

    @Test
    void overTheLimitOrInterruptedLeavesNothingBehind() throws Exception {
        Path root = Files.createDirectories(temp.resolve("limits"));
        long library = bean(LibraryService.class).add(unique("limits"), root, Set.of(), List.of()).getId();
        assertThat(send(HttpRequest.newBuilder(URI.create(base + "/api/settings/upload.max_megabytes")).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"value\": 1}"))).status()).isEqualTo(200);
        try {
            Answer big = put("/api/libraries/" + library + "/uploads?name=big.bin", new byte[2 * 1024 * 1024]);
            assertThat(big.status()).isEqualTo(413);
            assertThat(big.detail()).contains("over the limit of 1048576 bytes");

            // A client that promises 100,000 bytes, sends 10 and goes away.
            URI uri = URI.create(base);
            try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
                OutputStream out = socket.getOutputStream();
                out.write(("PUT /api/libraries/" + library + "/uploads?name=cut.bin HTTP/1.1\r\nHost: localhost\r\nContent-Length: 100000\r\n\r\n0123456789")
                        .getBytes(StandardCharsets.US_ASCII));
                out.flush();
            }
            // The server notices at its read; wait for it by asking for a page in the meantime, then look.
            for (int i = 0; i < 50 && Files.isDirectory(root.resolve("Import")) && !files(root.resolve("Import")).isEmpty(); i++) {
                get("/api/libraries");
                Thread.onSpinWait();
            }
            assertThat(Files.isDirectory(root.resolve("Import")) ? files(root.resolve("Import")) : List.of()).as("no partial file").isEmpty();
        } finally {
            send(HttpRequest.newBuilder(URI.create(base + "/api/settings/upload.max_megabytes")).header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString("{\"value\": 4096}")));
        }
    }
}
