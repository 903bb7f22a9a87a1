package org.archivist.nodes;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.archivist.ArchivistApplication;
import org.archivist.accounts.ApiTokenService;
import org.archivist.accounts.Role;
import org.archivist.accounts.UserSchemas;
import org.archivist.accounts.UserService;
import org.archivist.catalog.LibraryService;
import org.archivist.db.ConnectionSettings;
import org.archivist.db.DatabaseLocation;
import org.archivist.db.SchemaMigrator;
import static org.archivist.testing.Nodes.awaitServing;
import static org.archivist.testing.Nodes.count;
import static org.archivist.testing.Nodes.rows;
import org.archivist.testing.TestDatabases;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Two {@code archivist serve} processes on one PostgreSQL: they share the queue (every job runs
 * once, both nodes take some, each names itself) and the sign-in sessions, and when one is killed
 * in the middle of a scan the other takes the scan back after the stale time and finishes it,
 * nothing doubled.
 */
class TwoNodesTest {


    @TempDir
    Path temp;

    @Test
    void twoNodesShareTheQueueAndOneTakesOverTheOthersScanWhenItIsKilled() throws Exception {
        DatabaseLocation location = TestDatabases.freshPostgres();
        new SchemaMigrator(location).upgrade();
        Map<Long, Integer> expected = new HashMap<>();
        long big;
        String token;
        try (ConfigurableApplicationContext setup = ArchivistApplication.start(location)) {
            LibraryService libraries = setup.getBean(LibraryService.class);
            for (int l = 0; l < 6; l++) {
                Path root = Files.createDirectories(temp.resolve("library-" + l));
                for (int f = 0; f < 40; f++) Files.writeString(root.resolve("note-" + f + ".txt"), "library " + l + " note " + f);
                expected.put(libraries.add("library-" + l, root, Set.of(), List.of()).getId(), 40);
            }
            Path bigRoot = Files.createDirectories(temp.resolve("big"));
            for (int f = 0; f < 4_000; f++) Files.writeString(bigRoot.resolve("n" + f + ".txt"), "big note " + f + " ".repeat(f % 50));
            big = libraries.add("big", bigRoot, Set.of(), List.of()).getId();
            long admin = setup.getBean(UserService.class).register(new UserSchemas.Create("admin@example.org", "a long enough password", null, null, Role.ADMIN)).getId();
            token = setup.getBean(ApiTokenService.class).create(admin, "nodes", ApiTokenService.Scope.READ_WRITE).token();
        }
        List<Process> nodes = new ArrayList<>();
        try {
            List<String> addresses = new ArrayList<>();
            for (int n = 0; n < 2; n++) {
                nodes.add(org.archivist.testing.Nodes.serve(location, temp, temp.resolve("node-" + n + ".log"), "-Darchivist.jobs.stale-seconds=6"));
            }
            for (int n = 0; n < 2; n++) addresses.add(awaitServing(temp.resolve("node-" + n + ".log")));
            HttpClient http = HttpClient.newHttpClient();
            for (long library : expected.keySet()) {
                HttpResponse<String> queued = http.send(HttpRequest.newBuilder(URI.create("http://" + addresses.get(0) + "/api/libraries/" + library + "/scan"))
                        .header("X-API-Key", token).POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(queued.statusCode()).as(queued.body()).isEqualTo(202);
            }
            awaitScans(location, expected.size(), 120);
            try (Connection db = DriverManager.getConnection(location.jdbcUrl(), ConnectionSettings.application(location))) {
                Set<String> workers = new HashSet<>();
                try (var rows = db.createStatement().executeQuery("SELECT worker_id, retry_count FROM jobs WHERE type = 'scan'")) {
                    while (rows.next()) {
                        workers.add(rows.getString(1));
                        assertThat(rows.getInt(2)).as("no scan ran twice").isZero();
                    }
                }
                assertThat(workers).as("both nodes took scans from the one queue, each under its own name").hasSize(2);
                for (Map.Entry<Long, Integer> library : expected.entrySet()) {
                    assertThat(count(db, "SELECT count(*) FROM files WHERE library_id = " + library.getKey())).isEqualTo((long) library.getValue());
                }
            }

            // A person signed in on node 0 is signed in on node 1: sessions live in the database, so a proxy needs no sticky sessions.
            HttpClient browser = HttpClient.newBuilder().cookieHandler(new java.net.CookieManager()).followRedirects(HttpClient.Redirect.NEVER).build();
            String form = browser.send(HttpRequest.newBuilder(URI.create("http://" + addresses.get(0) + "/login")).build(), HttpResponse.BodyHandlers.ofString()).body();
            Matcher csrf = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(form);
            assertThat(csrf.find()).as("the sign-in form has its CSRF token").isTrue();
            HttpResponse<String> signedIn = browser.send(HttpRequest.newBuilder(URI.create("http://" + addresses.get(0) + "/login"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("email=admin%40example.org&password=a+long+enough+password&_csrf="
                            + java.net.URLEncoder.encode(csrf.group(1), java.nio.charset.StandardCharsets.UTF_8))).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(signedIn.statusCode()).isEqualTo(302);
            assertThat(signedIn.headers().firstValue("Location").orElse("")).doesNotContain("error");
            HttpResponse<String> me = browser.send(HttpRequest.newBuilder(URI.create("http://" + addresses.get(1) + "/api/me")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(me.statusCode()).as("the session made on node 0, used on node 1").isEqualTo(200);
            assertThat(me.body()).contains("admin@example.org");

            // The big library's scan, on node 0 (stopped taking others' work: node 1 is paused), killed there; node 1 finishes it.
            run("kill", "-STOP", String.valueOf(nodes.get(1).pid()));
            HttpResponse<String> queued = http.send(HttpRequest.newBuilder(URI.create("http://" + addresses.get(0) + "/api/libraries/" + big + "/scan"))
                    .header("X-API-Key", token).POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(queued.statusCode()).isEqualTo(202);
            long deadline = System.nanoTime() + 60_000_000_000L;
            try (Connection db = DriverManager.getConnection(location.jdbcUrl(), ConnectionSettings.application(location))) {
                while (count(db, "SELECT count(*) FROM files WHERE library_id = " + big) < 200) {
                    if (System.nanoTime() > deadline) throw new AssertionError("the big scan never started on node 0");
                    Thread.sleep(20);
                }
            }
            nodes.get(0).destroyForcibly().waitFor();
            run("kill", "-CONT", String.valueOf(nodes.get(1).pid()));
            awaitScans(location, expected.size() + 1, 120);
            try (Connection db = DriverManager.getConnection(location.jdbcUrl(), ConnectionSettings.application(location))) {
                assertThat(count(db, "SELECT count(*) FROM files WHERE library_id = " + big)).as("every file once").isEqualTo(4_000L);
                assertThat(count(db, "SELECT count(DISTINCT path) FROM files WHERE library_id = " + big)).isEqualTo(4_000L);
                try (var rows = db.createStatement().executeQuery("SELECT worker_id FROM jobs WHERE type = 'scan' ORDER BY id DESC LIMIT 1")) {
                    rows.next();
                    assertThat(rows.getString(1)).as("finished by the other node").endsWith(":" + nodes.get(1).pid());
                }
            }
        } finally {
            for (Process node : nodes) {
                run("kill", "-CONT", String.valueOf(node.pid()));
                node.destroyForcibly().waitFor();
            }
        }
    }


    private static void awaitScans(DatabaseLocation location, int completed, int seconds) throws Exception {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        try (Connection db = DriverManager.getConnection(location.jdbcUrl(), ConnectionSettings.application(location))) {
            while (count(db, "SELECT count(*) FROM jobs WHERE type = 'scan' AND status = 'completed'") < completed) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError(completed + " scans awaited; jobs: " + rows(db, "SELECT id, status, worker_id, retry_count, error FROM jobs ORDER BY id"));
                }
                Thread.sleep(200);
            }
        }
    }



    private static void run(String... command) throws Exception {
        new ProcessBuilder(command).redirectErrorStream(true).start().waitFor();
    }
}
