package org.archivist.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

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
import org.archivist.testing.TestDatabases;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A million files end to end ({@code bench/run scale [--files N] [--near]}): one generated tree, in
 * two libraries of half each, scanned by {@code archivist serve} processes with a 512 MiB heap into
 * SQLite (one node) and into PostgreSQL (one node, then two), while four clients ask for item pages
 * of what is already catalogued; then the hashing that follows each scan and exact duplicate
 * detection (near-duplicates with {@code --near}). Baseline in the same run: {@code find} over the tree.
 */
public final class ScaleBench {


    private int files = 1_000_000;
    private boolean near;
    private String only = "";
    private Path work;
    private final List<String[]> table = new ArrayList<>();
    private final List<String> serverSide = new ArrayList<>();

    public static void main(String[] args) throws Exception {
        ScaleBench bench = new ScaleBench();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--files" -> bench.files = Integer.parseInt(args[++i]);
                case "--near" -> bench.near = true;
                case "--only" -> {
                    bench.only = i + 1 < args.length ? args[++i] : "";
                    if (!bench.only.equals("sqlite") && !bench.only.equals("postgres")) throw new IllegalArgumentException("--only takes sqlite or postgres");
                }
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        bench.work = Files.createTempDirectory("scale-bench-");
        try {
            bench.run();
        } finally {
            new ProcessBuilder("rm", "-rf", bench.work.toString()).start().waitFor();
        }
        bench.print();
        System.exit(0);
    }

    private void run() throws Exception {
        Path tree = work.resolve("tree");
        System.err.printf("generating %,d small files...%n", files);
        ScanBench.generateTree(tree.resolve("a"), files / 2, 0);
        ScanBench.generateTree(tree.resolve("b"), files - files / 2, files / 2);
        String find = "find " + tree + " -type f -printf '%s %T@ %p\\n' > /dev/null";
        new ProcessBuilder("sh", "-c", find).start().waitFor();
        long started = System.nanoTime();
        new ProcessBuilder("sh", "-c", find).start().waitFor();
        double findRate = files / ((System.nanoTime() - started) / 1e9);
        table.add(new String[] {"baseline: find over the tree", "", String.format("%,.0f", findRate), "", "", "", "", "", ""});

        if (!only.equals("postgres")) measure("SQLite, 1 node", DatabaseLocation.sqlite(work.resolve("scale.db")), 1, tree);
        if (!only.equals("sqlite")) {
            measure("PostgreSQL, 1 node", TestDatabases.freshPostgres(), 1, tree);
            measure("PostgreSQL, 2 nodes", TestDatabases.freshPostgres(), 2, tree);
        }
    }

    private void measure(String label, DatabaseLocation location, int nodeCount, Path tree) throws Exception {
        System.err.println(label + "...");
        new SchemaMigrator(location).upgrade();
        List<Long> libraries = new ArrayList<>();
        String token;
        try (ConfigurableApplicationContext setup = ArchivistApplication.start(location)) {
            LibraryService service = setup.getBean(LibraryService.class);
            libraries.add(service.add("a", tree.resolve("a"), Set.of(), List.of()).getId());
            libraries.add(service.add("b", tree.resolve("b"), Set.of(), List.of()).getId());
            long admin = setup.getBean(UserService.class).register(new UserSchemas.Create("admin@example.org", "a long enough password", null, null, Role.ADMIN)).getId();
            token = setup.getBean(ApiTokenService.class).create(admin, "bench", ApiTokenService.Scope.READ_WRITE).token();
        }
        List<Process> nodes = new ArrayList<>();
        List<String> addresses = new ArrayList<>();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        try (Connection db = DriverManager.getConnection(location.jdbcUrl(), ConnectionSettings.application(location))) {
            for (int n = 0; n < nodeCount; n++) {
                Path log = work.resolve(label.replaceAll("\\W", "") + "-node-" + n + ".log");
                nodes.add(org.archivist.testing.Nodes.serve(location, work, log, "-Xmx512m", "-Xlog:gc:file=/tmp/" + log.getFileName() + ".gc"));
                addresses.add(awaitServing(log));
            }
            AtomicBoolean scanning = new AtomicBoolean(true);
            AtomicLong newest = new AtomicLong();
            ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
            AtomicLong failures = new AtomicLong();
            List<Thread> clients = new ArrayList<>();
            for (int c = 0; c < 4; c++) {
                String address = addresses.get(c % addresses.size());
                Thread client = new Thread(() -> {
                    while (scanning.get()) {
                        long top = newest.get();
                        if (top == 0) {
                            pause(50);
                            continue;
                        }
                        long id = 1 + ThreadLocalRandom.current().nextLong(top);
                        long asked = System.nanoTime();
                        try {
                            int status = http.send(HttpRequest.newBuilder(URI.create("http://" + address + "/api/items/" + id)).header("X-API-Key", token)
                                    .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
                            if (status == 200) latencies.add(System.nanoTime() - asked);
                            else if (status != 404) failures.incrementAndGet();
                        } catch (Exception e) {
                            failures.incrementAndGet();
                        }
                        pause(20);
                    }
                }, "item-client-" + c);
                clients.add(client);
            }
            for (long library : libraries) {
                HttpResponse<String> queued = http.send(HttpRequest.newBuilder(URI.create("http://" + addresses.get(0) + "/api/libraries/" + library + "/scan"))
                        .header("X-API-Key", token).POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
                if (queued.statusCode() != 202) throw new IllegalStateException("scan not queued: " + queued.body());
            }
            clients.forEach(Thread::start);
            long[] peakRss = new long[nodeCount];
            long[] peakHeap = new long[nodeCount];
            long lastSample = 0;
            while (count(db, "SELECT count(*) FROM jobs WHERE type = 'scan' AND status = 'completed'") < libraries.size()) {
                if (count(db, "SELECT count(*) FROM jobs WHERE type = 'scan' AND status = 'failed'") > 0) {
                    throw new IllegalStateException("a scan failed: " + text(db, "SELECT error FROM jobs WHERE type = 'scan' AND status = 'failed'"));
                }
                newest.set(count(db, "SELECT coalesce(max(id), 0) FROM items"));
                if (System.nanoTime() - lastSample > 1_000_000_000L) {
                    for (int n = 0; n < nodeCount; n++) {
                        peakRss[n] = Math.max(peakRss[n], residentKiB(nodes.get(n).pid()));
                        peakHeap[n] = Math.max(peakHeap[n], heapBytes(http, addresses.get(n), token));
                    }
                    lastSample = System.nanoTime();
                }
                Thread.sleep(200);
            }
            scanning.set(false);
            for (Thread client : clients) client.join();
            for (int n = 0; n < nodeCount; n++) serverSide.add(label + ", node " + n + ": " + serverSide(http, addresses.get(n), token));
            double scanSeconds = seconds(db, "scan", 0);
            long catalogued = count(db, "SELECT count(*) FROM files");
            // The hashing that follows the scans, not the nodes' own start-up runs over the empty libraries.
            long scans = count(db, "SELECT max(id) FROM jobs WHERE type = 'scan'");
            awaitJobs(db, "hash", libraries.size(), scans);
            // Thumbnails follow hashing on a server; bench/run thumbs measures them. Here they would keep both workers from detection.
            cancelThumbnails(db, http, addresses.get(0), token);
            double hashSeconds = seconds(db, "hash", scans);
            HttpResponse<String> detection = http.send(HttpRequest.newBuilder(URI.create("http://" + addresses.get(0) + "/api/duplicates/find" + (near ? "" : "?exact=true")))
                    .header("X-API-Key", token).POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            if (detection.statusCode() != 202) throw new IllegalStateException("detection not queued: " + detection.body());
            awaitJobs(db, "dedup", 1, 0);
            double dedupSeconds = seconds(db, "dedup", 0);
            List<Long> sorted = latencies.stream().sorted().toList();
            double p95 = sorted.isEmpty() ? 0 : sorted.get((int) Math.min(sorted.size() - 1, Math.ceil(sorted.size() * 0.95) - 1)) / 1e6;
            double p50 = sorted.isEmpty() ? 0 : sorted.get(sorted.size() / 2) / 1e6;
            table.add(new String[] {label, String.format("%.1f", scanSeconds), String.format("%,.0f", catalogued / scanSeconds),
                    String.format("%.1f / %.1f (%,d pages, %d failed)", p50, p95, sorted.size(), failures.get()),
                    String.format("%.1f", hashSeconds), String.format("%.1f%s", dedupSeconds, near ? " (exact and near)" : " (exact)"),
                    String.format("%,d", catalogued), mib(peakHeap), kibToMib(peakRss)});
        } finally {
            for (Process node : nodes) node.destroyForcibly().waitFor();
        }
    }

    private static String mib(long[] bytes) {
        List<String> each = new ArrayList<>();
        for (long b : bytes) each.add(String.format("%,d", b >> 20));
        return String.join(" + ", each);
    }

    private static String kibToMib(long[] kib) {
        List<String> each = new ArrayList<>();
        for (long k : kib) each.add(String.format("%,d", k >> 10));
        return String.join(" + ", each);
    }

    private static void cancelThumbnails(Connection db, HttpClient http, String address, String token) throws Exception {
        Thread.sleep(1_000);
        try (ResultSet rows = db.createStatement().executeQuery("SELECT id FROM jobs WHERE type = 'thumbnails' AND status IN ('pending', 'running')")) {
            while (rows.next()) {
                http.send(HttpRequest.newBuilder(URI.create("http://" + address + "/api/jobs/" + rows.getLong(1) + "/cancel")).header("X-API-Key", token)
                        .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
            }
        }
    }

    /** From the first start to the last end of the jobs of one type. */
    private static double seconds(Connection db, String type, long afterId) throws Exception {
        try (ResultSet rows = db.createStatement().executeQuery("SELECT min(started_at), max(completed_at) FROM jobs WHERE type = '" + type + "' AND id > " + afterId)) {
            rows.next();
            return Duration.between(instant(rows.getObject(1)), instant(rows.getObject(2))).toMillis() / 1000.0;
        }
    }

    private static java.time.Instant instant(Object value) {
        if (value instanceof java.sql.Timestamp timestamp) return timestamp.toInstant();
        if (value instanceof java.time.OffsetDateTime offset) return offset.toInstant();
        String text = value.toString().replace(' ', 'T');
        return text.endsWith("Z") || text.matches(".*[+-]\\d\\d:?\\d\\d$") ? java.time.OffsetDateTime.parse(text).toInstant() : java.time.Instant.parse(text + "Z");
    }

    private static void awaitJobs(Connection db, String type, int completed, long afterId) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(60).toNanos();
        while (count(db, "SELECT count(*) FROM jobs WHERE type = '" + type + "' AND status = 'completed' AND id > " + afterId) < completed) {
            if (count(db, "SELECT count(*) FROM jobs WHERE type = '" + type + "' AND status = 'failed'") > 0) {
                throw new IllegalStateException(type + " failed: " + text(db, "SELECT error FROM jobs WHERE type = '" + type + "' AND status = 'failed'"));
            }
            if (System.nanoTime() > deadline) throw new IllegalStateException(type + " did not finish in an hour");
            Thread.sleep(500);
        }
    }

    /**
     * What the node itself saw during the scan: the mean time an item page spent in the server and the longest of
     * the last two minutes (Micrometer's max decays), the same for waits for a pooled connection, so a slow page
     * can be told from a slow client. The GC log of each node is kept in /tmp (named after its log) for the same reason.
     */
    private static String serverSide(HttpClient http, String address, String token) {
        try {
            String metrics = http.send(HttpRequest.newBuilder(URI.create("http://" + address + "/actuator/prometheus")).header("X-API-Key", token)
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString()).body();
            double[] page = new double[3];
            double[] acquire = new double[3];
            for (String line : metrics.lines().toList()) {
                if (!line.startsWith("http_server_requests_seconds") && !line.startsWith("hikaricp_connections_acquire_seconds")) continue;
                double value = Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                boolean itemPage = line.contains("uri=\"/api/items/{id}\"") && line.contains("status=\"200\"");
                if (itemPage && line.startsWith("http_server_requests_seconds_count")) page[0] += value;
                if (itemPage && line.startsWith("http_server_requests_seconds_sum")) page[1] += value;
                if (itemPage && line.startsWith("http_server_requests_seconds_max")) page[2] = Math.max(page[2], value);
                if (line.startsWith("hikaricp_connections_acquire_seconds_count")) acquire[0] += value;
                if (line.startsWith("hikaricp_connections_acquire_seconds_sum")) acquire[1] += value;
                if (line.startsWith("hikaricp_connections_acquire_seconds_max")) acquire[2] = Math.max(acquire[2], value);
            }
            return String.format("item page in the server mean %.1f ms, max of the last 2 min %.0f ms (%,.0f pages); connection wait mean %.2f ms, max of the last 2 min %.0f ms (%,.0f waits)",
                    page[1] / Math.max(1, page[0]) * 1e3, page[2] * 1e3, page[0], acquire[1] / Math.max(1, acquire[0]) * 1e3, acquire[2] * 1e3, acquire[0]);
        } catch (Exception e) {
            return "metrics not read: " + e;
        }
    }

    /** The heap in use, from the node's own metrics. */
    private static long heapBytes(HttpClient http, String address, String token) {
        try {
            String metrics = http.send(HttpRequest.newBuilder(URI.create("http://" + address + "/actuator/prometheus")).header("X-API-Key", token)
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString()).body();
            long used = 0;
            for (String line : metrics.lines().toList()) {
                if (line.startsWith("jvm_memory_used_bytes{") && line.contains("area=\"heap\"")) {
                    used += (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                }
            }
            return used;
        } catch (Exception e) {
            return 0;
        }
    }

    private static long residentKiB(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
                if (line.startsWith("VmHWM:")) return Long.parseLong(line.replaceAll("\\D", ""));
            }
        } catch (Exception e) {
            return 0;
        }
        return 0;
    }




    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void print() {
        System.out.printf("%n%,d files, 2 libraries of half each, every node with -Xmx512m; item pages: 4 clients during the scan; the thumbnails that follow"
                + " hashing cancelled (bench/run thumbs)%n%n", files);
        System.out.println("| run | scan (s) | files/s | item page p50 / p95 (ms) | hashing (s) | duplicate detection (s) | files | peak heap (MiB) | peak RSS (MiB) |");
        System.out.println("| --- | ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: |");
        for (String[] row : table) System.out.println("| " + String.join(" | ", row) + " |");
        if (!serverSide.isEmpty()) System.out.println();
        for (String line : serverSide) System.out.println(line);
    }
}
