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
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

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
import static org.archivist.testing.Nodes.text;
import static org.archivist.testing.Nodes.rows;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * PostgreSQL stopped for 30 seconds while two nodes scan and answer requests, then started again:
 * the nodes say the database is away (in their logs, and 503 to clients), recover without a
 * restart, and finish every scan with every file once.
 */
class DatabaseOutageTest {


    @TempDir
    Path temp;

    @Test
    void twoNodesRideOutThirtySecondsWithoutTheDatabase() throws Exception {
        Path data = temp.resolve("pg-data");
        int port;
        try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
            port = free.getLocalPort();
        }
        EmbeddedPostgres postgres = start(data, port);
        List<Process> nodes = new ArrayList<>();
        try {
            try (Connection admin = postgres.getPostgresDatabase().getConnection()) {
                admin.createStatement().execute("CREATE DATABASE outage");
            }
            DatabaseLocation location = DatabaseLocation.parse(postgres.getJdbcUrl("postgres", "outage"));
            new SchemaMigrator(location).upgrade();
            List<Long> libraries = new ArrayList<>();
            String token;
            try (ConfigurableApplicationContext setup = ArchivistApplication.start(location)) {
                for (int l = 0; l < 3; l++) {
                    Path root = Files.createDirectories(temp.resolve("library-" + l));
                    for (int f = 0; f < 3_000; f++) Files.writeString(root.resolve("n" + f + ".txt"), "library " + l + " note " + f);
                    libraries.add(setup.getBean(LibraryService.class).add("library-" + l, root, Set.of(), List.of()).getId());
                }
                long user = setup.getBean(UserService.class).register(new UserSchemas.Create("admin@example.org", "a long enough password", null, null, Role.ADMIN)).getId();
                token = setup.getBean(ApiTokenService.class).create(user, "outage", ApiTokenService.Scope.READ_WRITE).token();
            }
            List<String> addresses = new ArrayList<>();
            for (int n = 0; n < 2; n++) {
                nodes.add(org.archivist.testing.Nodes.serve(location, temp, temp.resolve("node-" + n + ".log"), "-Darchivist.jobs.stale-seconds=6"));
            }
            for (int n = 0; n < 2; n++) addresses.add(awaitServing(temp.resolve("node-" + n + ".log")));
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

            // Clients keep asking both nodes for a page of items all along.
            AtomicBoolean asking = new AtomicBoolean(true);
            Map<Integer, Integer> answers = new ConcurrentHashMap<>();
            List<Thread> clients = new ArrayList<>();
            for (String address : addresses) {
                Thread client = new Thread(() -> {
                    while (asking.get()) {
                        try {
                            int status = http.send(HttpRequest.newBuilder(URI.create("http://" + address + "/api/items?limit=20")).header("X-API-Key", token)
                                    .timeout(Duration.ofSeconds(40)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
                            answers.merge(status, 1, Integer::sum);
                        } catch (Exception e) {
                            answers.merge(-1, 1, Integer::sum);
                        }
                        try {
                            Thread.sleep(50);
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                });
                client.start();
                clients.add(client);
            }
            for (long library : libraries) {
                HttpResponse<String> queued = http.send(HttpRequest.newBuilder(URI.create("http://" + addresses.get(0) + "/api/libraries/" + library + "/scan"))
                        .header("X-API-Key", token).POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(queued.statusCode()).as(queued.body()).isEqualTo(202);
            }
            try (Connection db = DriverManager.getConnection(location.jdbcUrl(), ConnectionSettings.application(location))) {
                long deadline = System.nanoTime() + 60_000_000_000L;
                while (count(db, "SELECT count(*) FROM files") < 300) {
                    if (System.nanoTime() > deadline) throw new AssertionError("the scans never started");
                    Thread.sleep(10);
                }
            }
            postgres.close();
            Thread.sleep(30_000);
            HttpResponse<String> during = http.send(HttpRequest.newBuilder(URI.create("http://" + addresses.get(1) + "/api/items?limit=5"))
                    .header("X-API-Key", token).timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(during.statusCode()).as("a request while the database is away: " + during.body()).isEqualTo(503);
            assertThat(during.headers().firstValue("Retry-After")).isPresent();
            postgres = start(data, port);

            try (Connection db = DriverManager.getConnection(location.jdbcUrl(), ConnectionSettings.application(location))) {
                long deadline = System.nanoTime() + 180_000_000_000L;
                while (count(db, "SELECT count(*) FROM jobs WHERE type = 'scan' AND status = 'completed'") < libraries.size()) {
                    if (System.nanoTime() > deadline) {
                        throw new AssertionError("the scans did not finish after the outage; jobs: "
                                + rows(db, "SELECT id, type, status, worker_id, retry_count, error FROM jobs ORDER BY id")
                                + "\nnode 0: " + tail(temp.resolve("node-0.log")) + "\nnode 1: " + tail(temp.resolve("node-1.log")));
                    }
                    Thread.sleep(200);
                }
                for (long library : libraries) {
                    assertThat(count(db, "SELECT count(*) FROM files WHERE library_id = " + library)).as("every file, once").isEqualTo(3_000L);
                    assertThat(count(db, "SELECT count(DISTINCT path) FROM files WHERE library_id = " + library)).isEqualTo(3_000L);
                }
                assertThat(count(db, "SELECT count(*) FROM items")).as("one item per file, none doubled").isEqualTo(9_000L);
            }
            answers.clear();
            Thread.sleep(1_000);
            asking.set(false);
            for (Thread client : clients) client.join();
            assertThat(answers).as("both nodes answer again without a restart").containsKey(200).doesNotContainKey(503);
            for (int n = 0; n < 2; n++) {
                assertThat(nodes.get(n).isAlive()).isTrue();
                String log = Files.readString(temp.resolve("node-" + n + ".log"));
                assertThat(log).as("node %d reports the outage and the recovery", n).contains("the database cannot be reached").contains("the database is back after");
            }
        } finally {
            for (Process node : nodes) node.destroyForcibly().waitFor();
            postgres.close();
        }
    }

    private static EmbeddedPostgres start(Path data, int port) throws Exception {
        return EmbeddedPostgres.builder().setDataDirectory(data).setCleanDataDirectory(false).setPort(port).start();
    }


    private static String tail(Path log) throws Exception {
        String text = Files.readString(log);
        return text.substring(Math.max(0, text.length() - 4_000));
    }


}
