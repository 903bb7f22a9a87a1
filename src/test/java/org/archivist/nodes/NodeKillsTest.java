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
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.Set;

import org.archivist.ArchivistApplication;
import org.archivist.accounts.ApiTokenService;
import org.archivist.accounts.Role;
import org.archivist.accounts.UserSchemas;
import org.archivist.accounts.UserService;
import org.archivist.catalog.CaptureDate;
import org.archivist.catalog.Confidence;
import org.archivist.catalog.FileCatalog;
import org.archivist.catalog.ItemKind;
import org.archivist.catalog.ItemProposal;
import org.archivist.catalog.LibraryService;
import org.archivist.catalog.MediaType;
import org.archivist.catalog.ScannedFile;
import org.archivist.catalog.TimestampSource;
import org.archivist.db.ConnectionSettings;
import org.archivist.db.DatabaseLocation;
import org.archivist.db.SchemaMigrator;
import static org.archivist.testing.Nodes.awaitServing;
import static org.archivist.testing.Nodes.count;
import static org.archivist.testing.Nodes.text;
import org.archivist.plans.AnalysisService;
import org.archivist.plans.AnalysisSettings;
import org.archivist.plans.PlanReview;
import org.archivist.scan.ScanProgress;
import org.archivist.scan.ScanService;
import org.archivist.testing.TestDatabases;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Two nodes on one PostgreSQL; node 0 is SIGKILLed in the middle of hashing, of near-duplicate
 * detection and of a plan apply, each time while node 1 is paused so that the work is surely on
 * node 0. Node 1 takes each job back after the stale time and finishes it: every file hashed
 * right, no duplicate pair twice, every accepted change applied once.
 */
class NodeKillsTest {


    @TempDir
    Path temp;

    private DatabaseLocation location;
    private String token;
    private final List<Process> nodes = new ArrayList<>();
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void anotherNodeFinishesHashingDetectionAndAPlanApplyOfANodeKilledDuringThem() throws Exception {
        location = TestDatabases.freshPostgres();
        new SchemaMigrator(location).upgrade();
        long hashed;
        long plan;
        int accepted;
        Path hashedRoot = Files.createDirectories(temp.resolve("hashed"));
        Random random = new Random(1);
        for (int n = 0; n < 3_000; n++) {
            byte[] content = new byte[200 << 10];
            random.nextBytes(content);
            Files.write(hashedRoot.resolve("blob-" + n + ".bin"), content);
        }
        Path pictures = Files.createDirectories(temp.resolve("pictures"));
        for (int n = 0; n < 1_500; n++) {
            java.awt.image.BufferedImage image = new java.awt.image.BufferedImage(96, 64, java.awt.image.BufferedImage.TYPE_INT_RGB);
            for (int y = 0; y < 64; y++) for (int x = 0; x < 96; x++) image.setRGB(x, y, random.nextInt(0xFFFFFF));
            javax.imageio.ImageIO.write(image, "png", pictures.resolve("noise-" + n + ".png").toFile());
        }
        try (ConfigurableApplicationContext setup = ArchivistApplication.start(location)) {
            LibraryService libraries = setup.getBean(LibraryService.class);
            hashed = libraries.add("hashed", hashedRoot, Set.of(), List.of()).getId();
            long pictureLibrary = libraries.add("pictures", pictures, Set.of(), List.of()).getId();
            setup.getBean(ScanService.class).scan(libraries.get(pictureLibrary), false, ScanProgress.NONE);
            long planned = libraries.add("planned", Files.createDirectories(temp.resolve("planned")), Set.of(), List.of()).getId();
            CaptureDate taken = new CaptureDate(Instant.parse("2019-07-14T18:30:12Z"), 0, TimestampSource.EXIF, Confidence.HIGH);
            List<ScannedFile> batch = new ArrayList<>();
            for (int n = 0; n < 20_000; n++) {
                batch.add(new ScannedFile("Bulkfolder/photo " + n + ".jpg", 1000, null, Instant.parse("2024-01-01T00:00:00Z"), "image/jpeg", MediaType.IMAGE,
                        Long.toHexString(n), null, taken, null, new ItemProposal(ItemKind.PHOTO, "photo " + n, null, null, null, null), null));
                if (batch.size() == 1_000) {
                    setup.getBean(FileCatalog.class).insertNew(planned, batch);
                    batch.clear();
                }
            }
            plan = setup.getBean(AnalysisService.class).analyze(new AnalysisService.AnalysisJob("tags for 20,000",
                    AnalysisSettings.of(planned, null, null, null), null));
            accepted = setup.getBean(PlanReview.class).decide(plan, null, PlanReview.Filter.ALL, true);
            long admin = setup.getBean(UserService.class).register(new UserSchemas.Create("admin@example.org", "a long enough password", null, null, Role.ADMIN)).getId();
            token = setup.getBean(ApiTokenService.class).create(admin, "kills", ApiTokenService.Scope.READ_WRITE).token();
        }
        assertThat(accepted).isGreaterThanOrEqualTo(20_000);
        try (Connection db = DriverManager.getConnection(location.jdbcUrl(), ConnectionSettings.application(location))) {
            startNode(0);
            startNode(1);

            // Hashing: the stage that follows a scan on the server (files over 128 KiB wait for it).
            killDuring(db, 0, "/api/libraries/" + hashed + "/scan", "hash",
                    "SELECT count(*) FROM files WHERE library_id = " + hashed + " AND sha256 IS NOT NULL", 30, 2_000);
            awaitCompleted(db, "hash", 1);
            for (int n = 0; n < 3_000; n++) {
                String expected = HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(hashedRoot.resolve("blob-" + n + ".bin"))));
                assertThat(text(db, "SELECT sha256 FROM files WHERE library_id = " + hashed + " AND path = 'blob-" + n + ".bin'")).isEqualTo(expected);
            }

            // Near-duplicate detection, in its perceptual-hash stage.
            startNode(0);
            killDuring(db, 0, "/api/duplicates/find", "dedup", "SELECT count(*) FROM files WHERE phash IS NOT NULL OR phash_error IS NOT NULL", 50, 1_400);
            awaitCompleted(db, "dedup", 1);
            assertThat(count(db, "SELECT count(*) FROM files WHERE media_type = 'image' AND phash IS NULL AND phash_error IS NULL")).as("every picture hashed").isZero();
            assertThat(count(db, "SELECT count(*) FROM duplicates")).as("no pair twice")
                    .isEqualTo(count(db, "SELECT count(*) FROM (SELECT DISTINCT file_id, duplicate_of_id FROM duplicates) pairs"));

            // A plan apply.
            startNode(0);
            killDuring(db, 0, "/api/plans/" + plan + "/apply", org.archivist.plans.PlanApplier.APPLY,
                    "SELECT count(*) FROM plan_changes WHERE plan_id = " + plan + " AND applied", 500, accepted - 1_000);
            awaitCompleted(db, org.archivist.plans.PlanApplier.APPLY, 1);
            assertThat(count(db, "SELECT count(*) FROM plan_changes WHERE plan_id = " + plan + " AND accepted AND NOT applied")).isZero();
            assertThat(count(db, "SELECT count(*) FROM item_tags x JOIN tags t ON t.id = x.tag_id WHERE lower(t.name) = 'bulkfolder'"))
                    .as("each item tagged once").isEqualTo(20_000);
            assertThat(text(db, "SELECT status FROM analysis_plans WHERE id = " + plan)).isEqualTo("applied");
        } finally {
            for (Process node : nodes) {
                new ProcessBuilder("kill", "-CONT", String.valueOf(node.pid())).start().waitFor();
                node.destroyForcibly().waitFor();
            }
        }
    }

    /**
     * With node 1 paused, queues the work on node {@code victim} and SIGKILLs it once {@code progress}
     * is between the bounds; then lets node 1 go on.
     */
    private long before;

    private void killDuring(Connection db, int victim, String path, String type, String progress, long atLeast, long atMost) throws Exception {
        // What the nodes do by themselves when they start (the seeded tasks) ends first: then the work below is surely node 0's.
        long quiet = System.nanoTime() + 120_000_000_000L;
        while (count(db, "SELECT count(*) FROM jobs WHERE status IN ('pending', 'running')") > 0) {
            if (System.nanoTime() > quiet) throw new AssertionError("the nodes never became idle");
            Thread.sleep(100);
        }
        before = count(db, "SELECT coalesce(max(id), 0) FROM jobs");
        Process other = nodes.get(1);
        new ProcessBuilder("kill", "-STOP", String.valueOf(other.pid())).start().waitFor();
        HttpResponse<String> queued = http.send(HttpRequest.newBuilder(URI.create("http://" + addresses.get(victim) + path))
                .header("X-API-Key", token).POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(queued.statusCode()).as(path + ": " + queued.body()).isEqualTo(202);
        long deadline = System.nanoTime() + 120_000_000_000L;
        long done;
        while ((done = count(db, progress)) < atLeast) {
            if (System.nanoTime() > deadline) throw new AssertionError(type + " never got going on node 0: " + Files.readString(temp.resolve("node-0.log")));
            Thread.sleep(2);
        }
        assertThat(done).as(type + " killed in the middle, not after its end").isLessThan(atMost);
        nodes.get(victim).destroyForcibly().waitFor();
        new ProcessBuilder("kill", "-CONT", String.valueOf(other.pid())).start().waitFor();
    }

    private final List<String> addresses = new ArrayList<>(List.of("", ""));

    private void startNode(int n) throws Exception {
        Path log = temp.resolve("node-" + n + ".log");
        Files.deleteIfExists(log);
        Process node = org.archivist.testing.Nodes.serve(location, temp, log, "-Darchivist.jobs.stale-seconds=6");
        if (nodes.size() > n) nodes.set(n, node);
        else nodes.add(node);
        addresses.set(n, awaitServing(log));
    }

    private void awaitCompleted(Connection db, String type, int completed) throws Exception {
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (count(db, "SELECT count(*) FROM jobs WHERE id > " + before + " AND type = '" + type + "' AND status = 'completed'") < completed
                || count(db, "SELECT count(*) FROM jobs WHERE id > " + before + " AND status IN ('pending', 'running')") > 0) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(type + " was not finished by node 1: " + text(db, "SELECT string_agg(id || ' ' || status || ' ' || coalesce(worker_id, '-')"
                        + " || ' ' || coalesce(error, ''), '; ') FROM jobs WHERE type = '" + type + "'") + "\n" + Files.readString(temp.resolve("node-1.log")));
            }
            Thread.sleep(100);
        }
        String worker = text(db, "SELECT worker_id FROM jobs WHERE id > " + before + " AND type = '" + type + "' ORDER BY id DESC LIMIT 1");
        assertThat(worker).as(type + " finished by node 1; jobs: " + text(db, "SELECT string_agg(id || ' ' || type || ' ' || status || ' ' || coalesce(worker_id, '-')"
                + " || ' retries ' || retry_count, '; ' ORDER BY id) FROM jobs WHERE id > " + before))
                .endsWith(":" + nodes.get(1).pid());
    }



}
