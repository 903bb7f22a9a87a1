package org.archivist.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.archivist.db.Engine;
import org.archivist.testing.TestDatabases;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code archivist serve} in its own JVM, as a person starts it: the duplicates and jobs API, its errors, and stopping it. */
class ServeCommandTest {

    private static final Pattern LISTENING = Pattern.compile("serving .* on (http://\\S+)/api");
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final HttpClient http = HttpClient.newHttpClient();
    /** An admin's token, made at the command line as a household's owner would. */
    private String token;

    private void admin(String db) {
        java.io.InputStream stdin = System.in;
        try {
            System.setIn(new java.io.ByteArrayInputStream("a long test passphrase\n".getBytes(StandardCharsets.UTF_8)));
            DbCommandTest.Result added = DbCommandTest.run("user", "add", "owner@example.org", "--admin", "--password-stdin", "--db", db);
            assertThat(added.exitCode()).as(added.err()).isZero();
        } finally {
            System.setIn(stdin);
        }
        DbCommandTest.Result made = DbCommandTest.run("user", "token", "owner@example.org", "--name", "test", "--scope", "read-write", "--db", db);
        assertThat(made.exitCode()).as(made.err()).isZero();
        token = made.out().strip();
    }

    @TempDir
    Path temp;

    @Test
    void theServerListsFindsAndRecordsDuplicatesAndStopsOnSigterm() throws Exception {
        String db = TestDatabases.fresh(Engine.SQLITE).jdbcUrl();
        Path folder = Files.createDirectories(temp.resolve("notes"));
        Files.writeString(folder.resolve("a.txt"), "the same words");
        Files.writeString(Files.createDirectories(folder.resolve("backup")).resolve("a copy.txt"), "the same words");
        Files.writeString(folder.resolve("b.txt"), "other words, same len");
        assertThat(DbCommandTest.run("scan", folder.toString(), "--no-dupes", "--db", db).exitCode()).isZero();
        admin(db);

        Process server = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "-Djava.io.tmpdir=" + temp,
                "org.archivist.ArchivistApplication", "serve", "--port", "0", "--db", db)
                .redirectErrorStream(true).start();
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8))
                .lines().forEach(lines::add));
        reader.setDaemon(true);
        reader.start();
        try {
            String base = awaitAddress(lines);

            assertThat(get(base + "/api/duplicates").body()).isEqualTo("[]");
            HttpResponse<String> found = post(base + "/api/duplicates/find?exact=true");
            assertThat(found.statusCode()).as("queued, not run on the request's thread").isEqualTo(202);
            long detection = JSON.readTree(found.body()).get("id").asLong();
            List<String> events = events(base + "/api/jobs/" + detection + "/events");
            assertThat(events.get(events.size() - 1)).as("the stream ends with the final state").startsWith("end ");
            JsonNode finalState = JSON.readTree(events.get(events.size() - 1).substring("end ".length()));
            assertThat(finalState.get("status").asString()).isEqualTo("completed");
            assertThat(finalState.get("result").get("exact_groups").asInt()).isEqualTo(1);

            JsonNode groups = JSON.readTree(get(base + "/api/duplicates?match=exact").body());
            assertThat(groups).hasSize(1);
            assertThat(groups.get(0).get("matchType").asString()).isEqualTo("exact");
            JsonNode members = groups.get(0).get("members");
            assertThat(members).hasSize(2);
            assertThat(members.get(0).get("path").asString() + members.get(1).get("path").asString()).contains("a.txt").contains("a copy.txt");
            assertThat(JSON.readTree(get(base + "/api/duplicates?match=near").body())).isEmpty();

            long copy = members.get(1).get("fileId").asLong();
            HttpResponse<String> kept = post(base + "/api/duplicates/" + copy + "/keep");
            assertThat(kept.body()).isEqualTo("{\"discarded\":1}");
            assertThat(get(base + "/api/duplicates").body()).contains("discard_duplicate").contains("keep_duplicate");
            assertThat(DbCommandTest.run("dupes", "--exact", "--db", db).out()).as("a command beside the running server").contains("(discard)");

            HttpResponse<String> badMatch = get(base + "/api/duplicates?match=similar");
            assertThat(badMatch.statusCode()).isEqualTo(400);
            assertThat(badMatch.body()).contains("match: 'similar' is not one of exact, near");
            HttpResponse<String> badThreshold = post(base + "/api/duplicates/find?threshold=80");
            assertThat(badThreshold.statusCode()).isEqualTo(400);
            assertThat(badThreshold.body()).contains("threshold: 80");
            HttpResponse<String> notInGroup = post(base + "/api/duplicates/999999/keep");
            assertThat(notInGroup.statusCode()).isEqualTo(404);
            assertThat(notInGroup.body()).contains("999999");

            // The detection, among the hashing and thumbnails that serve queues for the library when it starts.
            JsonNode jobs = JSON.readTree(get(base + "/api/jobs?type=dedup").body());
            assertThat(jobs.get(0).get("type").asString()).isEqualTo("dedup");
            assertThat(jobs.get(0).get("status").asString()).isEqualTo("completed");
            assertThat(get(base + "/api/jobs/" + jobs.get(0).get("id").asLong()).statusCode()).isEqualTo(200);
            assertThat(get(base + "/api/jobs/424242").statusCode()).isEqualTo(404);
            HttpResponse<String> notANumber = get(base + "/api/jobs/latest");
            assertThat(notANumber.statusCode()).isEqualTo(400);
            assertThat(notANumber.body()).contains("id: 'latest'");

            server.destroy();
            assertThat(server.waitFor(30, TimeUnit.SECONDS)).as("the server stops on SIGTERM").isTrue();
            assertThat(server.exitValue()).as("stopped by the signal, not by an error").isEqualTo(143);
        } finally {
            server.destroyForcibly().waitFor();
        }
        assertThat(DbCommandTest.run("dupes", "--exact", "--db", db).out()).as("the decision outlives the server").contains("(discard)");
    }

    @Test
    void aScanQueuedOverHttpIsResumedByTheNextServerAfterTheFirstIsKilled() throws Exception {
        String db = TestDatabases.fresh(Engine.SQLITE).jdbcUrl();
        Path folder = Files.createDirectories(temp.resolve("many"));
        Files.writeString(folder.resolve("first.txt"), "one");
        assertThat(DbCommandTest.run("scan", folder.toString(), "--no-dupes", "--db", db).exitCode()).isZero();
        admin(db);
        for (int i = 0; i < 6000; i++) {
            Path sub = Files.createDirectories(folder.resolve("d" + i / 500));
            Files.writeString(sub.resolve("note-" + i + ".txt"), "note number " + i);
        }
        Process server = serve(db);
        long job;
        try {
            String base = awaitAddress(lines(server));
            HttpResponse<String> library = get(base + "/api/jobs?type=scan&status=completed");
            assertThat(JSON.readTree(library.body())).hasSize(1);
            long libraryId = JSON.readTree(library.body()).get(0).get("params").get("libraryId").asLong();
            HttpResponse<String> queued = post(base + "/api/libraries/" + libraryId + "/scan");
            assertThat(queued.statusCode()).isEqualTo(202);
            job = JSON.readTree(queued.body()).get("id").asLong();
            assertThat(post(base + "/api/libraries/" + libraryId + "/scan").body()).as("the same scan, not a second one")
                    .contains("\"id\":" + job + ",");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!JSON.readTree(get(base + "/api/jobs/" + job).body()).get("status").asString().equals("running")) {
                assertThat(System.nanoTime()).as("the scan starts").isLessThan(deadline);
                Thread.sleep(20);
            }
        } finally {
            server.destroyForcibly().waitFor();
        }
        Process again = serve(db);
        try {
            String base = awaitAddress(lines(again));
            List<String> events = events(base + "/api/jobs/" + job + "/events");
            JsonNode end = JSON.readTree(events.get(events.size() - 1).substring("end ".length()));
            assertThat(end.get("status").asString()).as("the killed server's scan, resumed").isEqualTo("completed");
            assertThat(end.get("result").get("seen").asInt()).isEqualTo(6001);
        } finally {
            again.destroyForcibly().waitFor();
        }
    }

    private Process serve(String db) throws java.io.IOException {
        return new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "-Djava.io.tmpdir=" + temp, "-Darchivist.log.dir=" + temp,
                "org.archivist.ArchivistApplication", "serve", "--port", "0", "--db", db)
                .redirectErrorStream(true).start();
    }

    private static BlockingQueue<String> lines(Process server) {
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8))
                .lines().forEach(lines::add));
        reader.setDaemon(true);
        reader.start();
        return lines;
    }

    /** A job's event stream read to its end, each event as "name data". */
    private List<String> events(String url) throws Exception {
        HttpResponse<java.util.stream.Stream<String>> response = http.send(HttpRequest.newBuilder(URI.create(url)).header("X-API-Key", token)
                .timeout(java.time.Duration.ofSeconds(120)).build(), HttpResponse.BodyHandlers.ofLines());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type").orElse("")).startsWith("text/event-stream");
        List<String> events = new java.util.ArrayList<>();
        String name = null;
        for (String line : (Iterable<String>) response.body()::iterator) {
            if (line.startsWith("event:")) name = line.substring(6).strip();
            if (line.startsWith("data:")) events.add(name + " " + line.substring(5).strip());
        }
        return events;
    }

    @Test
    void aPortOutOfRangeIsRefusedBeforeAnythingStarts() {
        DbCommandTest.Result result = DbCommandTest.run("serve", "--port", "70000", "--db", "jdbc:sqlite:" + temp.resolve("x.db"));
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).contains("--port: 70000");
    }

    private static String awaitAddress(BlockingQueue<String> lines) throws InterruptedException {
        StringBuilder seen = new StringBuilder();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            String line = lines.poll(1, TimeUnit.SECONDS);
            if (line == null) continue;
            seen.append(line).append('\n');
            Matcher listening = LISTENING.matcher(line);
            if (listening.find()) return listening.group(1);
        }
        throw new AssertionError("the server did not say where it listens within 60 s:\n" + seen);
    }

    private HttpResponse<String> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("X-API-Key", token).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("X-API-Key", token).POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }
}
