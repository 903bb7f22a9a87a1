package org.archivist.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;

import org.archivist.ArchivistApplication;
import org.archivist.db.ConnectionSettings;
import org.archivist.db.DatabaseLocation;
import org.archivist.db.Engine;
import org.archivist.db.SchemaMigrator;
import org.archivist.search.SearchIndex;
import org.archivist.testing.Programs;
import org.archivist.testing.TestDatabases;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The API under load ({@code bench/run api [--files N] [--seconds S] [--engines sqlite,postgresql]}):
 * a catalogue of N files (one item each, with metadata, capture dates and tags) on each engine, one
 * server started once, then 32 connections for S seconds on each request kind, printing p50, p95,
 * p99 and requests per second. Baseline measured in the same run: the same page asked for with
 * OFFSET (as a well-known photo server pages), straight through JDBC.
 *
 * <p>The load comes from {@code wrk} (Debian package {@code wrk}) when it is installed: a C client
 * leaves the two cores to the server. Without it, an in-process Java client sends the same requests
 * (and takes a share of the cores, which the note under the table says). {@code --sqlite-file PATH}
 * keeps the SQLite catalogue between runs (generated when the file does not exist), {@code --only
 * page,detail,search,bulk} runs some of the request kinds.
 */
public final class ApiBench {

    private static final String[] WORDS = ("harbour lighthouse meadow canyon glacier orchard festival lantern "
            + "summit river island forest desert valley").split(" ");
    private static final int CONNECTIONS = 32;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final int files;
    private final int seconds;
    private final Path sqliteFile;
    private final Set<String> kinds;
    private final boolean wrk = Programs.installed("wrk");
    private final List<String[]> table = new ArrayList<>();

    private ApiBench(int files, int seconds, Path sqliteFile, Set<String> kinds) {
        this.files = files;
        this.seconds = seconds;
        this.sqliteFile = sqliteFile;
        this.kinds = kinds;
    }

    public static void main(String[] args) throws Exception {
        int files = 1_000_000;
        int seconds = 30;
        List<Engine> engines = List.of(Engine.SQLITE, Engine.POSTGRESQL);
        Path sqliteFile = null;
        Set<String> kinds = Set.of("page", "detail", "search", "bulk");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--files" -> files = Integer.parseInt(args[++i]);
                case "--seconds" -> seconds = Integer.parseInt(args[++i]);
                case "--engines" -> engines = Arrays.stream(args[++i].split(",")).map(e -> Engine.valueOf(e.toUpperCase(Locale.ROOT))).toList();
                case "--sqlite-file" -> sqliteFile = Path.of(args[++i]).toAbsolutePath();
                case "--only" -> kinds = Set.of(args[++i].split(","));
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        ApiBench bench = new ApiBench(files, seconds, sqliteFile, kinds);
        for (Engine engine : engines) bench.run(engine);
        bench.print();
        System.exit(0);
    }

    private void run(Engine engine) throws Exception {
        boolean kept = engine == Engine.SQLITE && sqliteFile != null;
        DatabaseLocation location = kept ? DatabaseLocation.sqlite(sqliteFile) : TestDatabases.fresh(engine);
        boolean generated = !kept || !Files.exists(sqliteFile);
        new SchemaMigrator(location).upgrade();
        long library;
        try (Connection connection = DriverManager.getConnection(location.jdbcUrl(), ConnectionSettings.application(location))) {
            connection.setAutoCommit(false);
            if (generated) {
                System.err.printf("%s: cataloguing %,d files...%n", engine.displayName(), files);
                long started = System.nanoTime();
                library = generate(connection);
                try (Statement statement = connection.createStatement()) {
                    statement.execute("ANALYZE");
                }
                connection.commit();
                System.err.printf("%s: catalogued in %.0f s%n", engine.displayName(), (System.nanoTime() - started) / 1e9);
            } else {
                try (Statement statement = connection.createStatement();
                     ResultSet rows = statement.executeQuery("SELECT id FROM libraries WHERE name = 'bench'")) {
                    rows.next();
                    library = rows.getLong(1);
                }
                System.err.printf("%s: the kept catalogue %s%n", engine.displayName(), sqliteFile);
            }
        }
        String name = engine.displayName();
        try (ConfigurableApplicationContext server = ArchivistApplication.serve(location, "127.0.0.1", 0)) {
            long indexing = System.nanoTime();
            int indexed = server.getBean(SearchIndex.class).flush();
            System.err.printf("%s: search index of %,d items in %.0f s%n", name, indexed, (System.nanoTime() - indexing) / 1e9);
            String base = "http://127.0.0.1:" + ((WebServerApplicationContext) server).getWebServer().getPort();
            // Signed in as an admin (every library: no library condition); the page kind is measured as a user too.
            var users = server.getBean(org.archivist.accounts.UserService.class);
            var tokens = server.getBean(org.archivist.accounts.ApiTokenService.class);
            var admin = users.findByEmail("bench-admin@example.org").orElseGet(() -> users.register(new org.archivist.accounts.UserSchemas.Create(
                    "bench-admin@example.org", "a long bench passphrase", null, null, org.archivist.accounts.Role.ADMIN)));
            var member = users.findByEmail("bench-user@example.org").orElseGet(() -> users.register(new org.archivist.accounts.UserSchemas.Create(
                    "bench-user@example.org", "a long bench passphrase", null, null, org.archivist.accounts.Role.USER)));
            server.getBean(org.archivist.accounts.LibraryAccess.class).grant(member.getId(), library);
            String adminKey = tokens.create(admin.getId(), "bench", org.archivist.accounts.ApiTokenService.Scope.READ_WRITE).token();
            String memberKey = tokens.create(member.getId(), "bench", org.archivist.accounts.ApiTokenService.Scope.READ_WRITE).token();
            key = adminKey;
            Instant middle = Instant.parse("2015-01-01T00:00:00Z").plusSeconds(37L * files / 2);

            if (kinds.contains("page")) {
                // Pages deep in the catalogue with a filter and a sort: from a random start in the middle, 20 pages by their cursors
                // (walked with the token they are measured with: a cursor belongs to its caller's query).
                load(name, "item page (100, filter + sort, deep, keyset), admin token", 15, 2_000, base, pageUrls(base, library, middle));
                key = memberKey;
                List<String> memberPages = pageUrls(base, library, middle);
                load(name, "item page, a user's token (library check on)", 15, 2_000, base, memberPages);
                // A browser's session: read from the database and its last access written back on every request.
                header = "Cookie";
                key = sessionCookie(base, "bench-user@example.org", "a long bench passphrase");
                load(name, "item page, a user's browser session (read each request, touched once a minute)", 15, 2_000, base, memberPages);
                header = "X-API-Key";
                key = adminKey;
            }
            if (kinds.contains("detail")) {
                SplittableRandom random = new SplittableRandom(100);
                List<String> urls = new ArrayList<>();
                for (int i = 0; i < 20_000; i++) urls.add("/api/items/" + (1 + random.nextInt(files)));
                load(name, "item detail", 5, 0, base, urls);
            }
            if (kinds.contains("search")) {
                List<String> urls = new ArrayList<>();
                for (String first : WORDS) for (String second : WORDS) urls.add("/api/items?q=" + first + "+" + second + "&mediaType=image&limit=100");
                java.util.Collections.shuffle(urls, new java.util.Random(200));
                load(name, "full-text search + filter (100, by capture date)", 40, 0, base, urls);
                load(name, "full-text search + filter (100, newest added first)", 40, 0, base,
                        urls.stream().map(url -> url + "&sort=added").toList());
            }
            if (kinds.contains("bulk")) bulk(name, base);
        }
        offsetBaseline(location, name, library);
    }

    /** One item per file; two files in three have a capture date; one item in ten has one of 50 tags. */
    private long generate(Connection connection) throws SQLException {
        SplittableRandom random = new SplittableRandom(1);
        Instant base = Instant.parse("2015-01-01T00:00:00Z");
        long library;
        try (Statement statement = connection.createStatement()) {
            statement.execute("INSERT INTO libraries (name, root_path) VALUES ('bench', '/srv/bench')");
            for (int t = 1; t <= 50; t++) statement.execute("INSERT INTO tags (name) VALUES ('tag " + t + "')");
            try (ResultSet rows = statement.executeQuery("SELECT id FROM libraries WHERE name = 'bench'")) {
                rows.next();
                library = rows.getLong(1);
            }
        }
        String[] media = {"image", "image", "image", "video", "audio", "document"};
        try (PreparedStatement item = connection.prepareStatement("INSERT INTO items (id, kind, title, created_at, updated_at) VALUES (?, ?, ?, ?, ?)");
             PreparedStatement file = connection.prepareStatement("""
                     INSERT INTO files (id, library_id, item_id, path, file_name, size_bytes, file_modified_at, mime_type, media_type,
                         detected_at, timestamp_source, confidence, original_path, last_scanned_at, created_at, updated_at)
                     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""");
             PreparedStatement metadata = connection.prepareStatement(
                     "INSERT INTO file_metadata (file_id, width, height, camera_make, camera_model) VALUES (?, ?, ?, ?, ?)");
             PreparedStatement tag = connection.prepareStatement("INSERT INTO item_tags (item_id, tag_id) VALUES (?, ?)")) {
            for (int i = 1; i <= files; i++) {
                Timestamp at = Timestamp.from(base.plusSeconds(37L * i + random.nextInt(30)));
                item.setLong(1, i);
                item.setString(2, i % 3 == 0 ? "scene" : "photo");
                item.setString(3, WORDS[random.nextInt(WORDS.length)] + " " + WORDS[random.nextInt(WORDS.length)] + " " + i);
                item.setTimestamp(4, at);
                item.setTimestamp(5, at);
                item.addBatch();
                String path = "d" + (i / 1000) + "/IMG_" + i + ".jpg";
                file.setLong(1, i);
                file.setLong(2, library);
                file.setLong(3, i);
                file.setString(4, path);
                file.setString(5, path.substring(path.indexOf('/') + 1));
                file.setLong(6, 1000 + random.nextInt(50_000_000));
                file.setTimestamp(7, at);
                file.setString(8, "image/jpeg");
                file.setString(9, media[i % media.length]);
                boolean dated = i % 3 != 0;
                file.setTimestamp(10, dated ? at : null);
                file.setString(11, dated ? "exif" : null);
                file.setString(12, dated ? "high" : "none");
                file.setString(13, path);
                file.setTimestamp(14, at);
                file.setTimestamp(15, at);
                file.setTimestamp(16, at);
                file.addBatch();
                metadata.setLong(1, i);
                metadata.setInt(2, 4000);
                metadata.setInt(3, 3000);
                metadata.setString(4, "Canon");
                metadata.setString(5, "EOS " + (i % 90));
                metadata.addBatch();
                if (i % 10 == 0) {
                    tag.setLong(1, i);
                    tag.setLong(2, 1 + random.nextInt(50));
                    tag.addBatch();
                }
                if (i % 10_000 == 0) {
                    item.executeBatch();
                    file.executeBatch();
                    metadata.executeBatch();
                    tag.executeBatch();
                    connection.commit();
                }
            }
            item.executeBatch();
            file.executeBatch();
            metadata.executeBatch();
            tag.executeBatch();
            connection.commit();
        }
        if (connection.getMetaData().getDatabaseProductName().equals("PostgreSQL")) {
            try (Statement statement = connection.createStatement()) {
                // Ids were given explicitly: the identities must continue after them.
                for (String table : List.of("items", "files")) {
                    statement.execute("SELECT setval(pg_get_serial_sequence('" + table + "', 'id'), (SELECT max(id) FROM " + table + "))");
                }
            }
            connection.commit();
        }
        return library;
    }

    private List<String> pageUrls(String base, long library, Instant middle) throws Exception {
        SplittableRandom random = new SplittableRandom(1);
        List<String> urls = new ArrayList<>();
        for (int start = 0; start < 64; start++) {
            Instant to = middle.plusSeconds(random.nextLong(-37L * files / 3, 37L * files / 3));
            String query = "/api/items?library=" + library + "&mediaType=image&sort=captured&order=desc&limit=100&capturedTo=" + to;
            String url = query;
            for (int depth = 0; depth <= 20 && url != null; depth++) {
                urls.add(url);
                JsonNode page = getJson(base + url);
                url = page.get("next").isNull() ? null : query + "&cursor=" + page.get("next").asString();
            }
        }
        return urls;
    }

    /** Signs in through the form, as a browser does, and answers the session cookie to send. */
    private static String sessionCookie(String base, String email, String password) throws Exception {
        java.net.CookieManager cookies = new java.net.CookieManager();
        HttpClient browser = HttpClient.newBuilder().cookieHandler(cookies).build();
        String form = LoginBench.signInForm(browser, base, email, password);
        browser.send(HttpRequest.newBuilder(URI.create(base + "/login")).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.discarding());
        return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals("SESSION")).findFirst()
                .map(c -> "SESSION=" + c.getValue()).orElseThrow(() -> new IllegalStateException("signing in gave no session cookie"));
    }

    private static final ThreadLocal<HttpClient> CLIENT = ThreadLocal.withInitial(HttpClient::newHttpClient);

    /** The token every request carries (the server signs every request in): an admin's, or a user's granted the library. */
    private static volatile String key;
    /** How {@link #key} is sent: as an API token, or as a session cookie ("Cookie", "SESSION=..."). */
    private static volatile String header = "X-API-Key";

    private static JsonNode getJson(String url) throws Exception {
        HttpResponse<String> response = CLIENT.get().send(HttpRequest.newBuilder(URI.create(url)).header(header, key).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) throw new IllegalStateException(url + " answered " + response.statusCode() + ": " + response.body());
        return JSON.readTree(response.body());
    }

    /** {@link #CONNECTIONS} connections for {@link #seconds}, each sending the URLs (in turn, from its own place) one after another. */
    private void load(String engine, String what, double targetP95, double targetRate, String base, List<String> urls) throws Exception {
        System.err.printf("%s: %s...%n", engine, what);
        for (String url : urls.subList(0, Math.min(200, urls.size()))) getJson(base + url); // warm-up: compiled code and cached pages
        if (wrk) wrk(engine, what, targetP95, targetRate, base, urls);
        else javaClient(engine, what, targetP95, targetRate, base, urls);
    }

    private void wrk(String engine, String what, double targetP95, double targetRate, String base, List<String> urls) throws Exception {
        Path folder = Files.createTempDirectory("wrk");
        Path list = Files.write(folder.resolve("urls.txt"), urls);
        Path script = Files.writeString(folder.resolve("bench.lua"), """
                local urls = {}
                for line in io.lines("%s") do urls[#urls + 1] = line end
                local n = 0
                function setup(thread) n = n + 1; thread:set("first", n * 7919) end
                function init(args) position = first end
                function request()
                  position = position + 1
                  return wrk.format("GET", urls[(position %% #urls) + 1], { ["%s"] = "%s" })
                end
                function done(summary, latency, requests)
                  io.write(string.format("RESULT %%d %%d %%d %%d %%d %%d %%d\\n", summary.requests, summary.duration,
                    latency:percentile(50), latency:percentile(95), latency:percentile(99),
                    summary.errors.status, summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
                end
                """.formatted(list, header, key));
        Process process = new ProcessBuilder("wrk", "-t2", "-c" + CONNECTIONS, "-d" + seconds + "s", "--timeout", "30s", "-s", script.toString(), base)
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        java.util.regex.Matcher result = java.util.regex.Pattern.compile("RESULT ((\\d+ ){6}\\d+)").matcher(output);
        if (process.waitFor() != 0 || !result.find()) throw new IllegalStateException("wrk failed: " + output);
        String[] r = result.group(1).split(" ");
        long requests = Long.parseLong(r[0]);
        double rate = requests / (Long.parseLong(r[1]) / 1e6);
        long failures = Long.parseLong(r[5]) + Long.parseLong(r[6]);
        addRow(engine, what, Double.parseDouble(r[2]) / 1e3, Double.parseDouble(r[3]) / 1e3, Double.parseDouble(r[4]) / 1e3, rate,
                requests, failures, targetP95, targetRate, "wrk");
    }

    private void javaClient(String engine, String what, double targetP95, double targetRate, String base, List<String> urls) throws Exception {
        ConcurrentLinkedQueue<long[]> latencies = new ConcurrentLinkedQueue<>();
        List<Thread> workers = new ArrayList<>();
        CountDownLatch start = new CountDownLatch(1);
        long[] failures = {0};
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        for (int w = 0; w < CONNECTIONS; w++) {
            int first = w * 7919;
            Thread worker = new Thread(() -> {
                List<Long> mine = new ArrayList<>();
                try {
                    start.await();
                    for (int position = first; System.nanoTime() < end; position++) {
                        long t = System.nanoTime();
                        try {
                            getJson(base + urls.get(position % urls.size()));
                            mine.add(System.nanoTime() - t);
                        } catch (Exception e) {
                            synchronized (failures) {
                                if (failures[0]++ == 0) System.err.println("  first failure: " + e.getMessage());
                            }
                        }
                    }
                } catch (InterruptedException e) {
                    return;
                }
                latencies.add(mine.stream().mapToLong(Long::longValue).toArray());
            });
            worker.start();
            workers.add(worker);
        }
        long began = System.nanoTime();
        start.countDown();
        for (Thread worker : workers) worker.join();
        double elapsed = (System.nanoTime() - began) / 1e9;
        long[] all = latencies.stream().flatMapToLong(Arrays::stream).sorted().toArray();
        addRow(engine, what, all, all.length / elapsed, failures[0], targetP95, targetRate, "in-process Java client");
    }

    /** Tagging 1,000 random items in one request, one request at a time (writes are serial on SQLite). */
    private void bulk(String engine, String base) throws Exception {
        SplittableRandom random = new SplittableRandom(9);
        List<Long> times = new ArrayList<>();
        for (int round = 0; round < 40; round++) {
            StringBuilder ids = new StringBuilder();
            for (int i = 0; i < 1000; i++) ids.append(i == 0 ? "" : ",").append(1 + random.nextInt(files));
            String body = "{\"items\": [" + ids + "], \"addTags\": [" + (1 + random.nextInt(50)) + "]}";
            long t = System.nanoTime();
            HttpResponse<String> response = CLIENT.get().send(HttpRequest.newBuilder(URI.create(base + "/api/items/bulk"))
                    .header("Content-Type", "application/json").header("X-API-Key", key).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) throw new IllegalStateException("bulk answered " + response.statusCode() + ": " + response.body());
            times.add(System.nanoTime() - t);
        }
        long[] sorted = times.stream().mapToLong(Long::longValue).sorted().toArray();
        addRow(engine, "bulk tag of 1,000 items (one at a time)", sorted, 0, 0, 200, 0, "");
    }

    /** The same filtered, sorted page at OFFSET (the middle of the catalogue), straight through JDBC. */
    private void offsetBaseline(DatabaseLocation location, String engine, long library) throws SQLException {
        try (Connection connection = DriverManager.getConnection(location.jdbcUrl(), ConnectionSettings.application(location));
             PreparedStatement page = connection.prepareStatement("""
                     SELECT i.id, i.title, f.detected_at FROM files f JOIN items i ON i.id = f.item_id
                     WHERE f.library_id = ? AND f.media_type = 'image' ORDER BY f.detected_at DESC, f.id DESC LIMIT 100 OFFSET ?""")) {
            long[] times = new long[10];
            for (int round = 0; round < times.length; round++) {
                long t = System.nanoTime();
                page.setLong(1, library);
                page.setInt(2, files / 4 + round * 1000);
                try (ResultSet rows = page.executeQuery()) {
                    while (rows.next()) rows.getLong(1);
                }
                times[round] = System.nanoTime() - t;
            }
            Arrays.sort(times);
            addRow(engine, "baseline: the same page by OFFSET, JDBC", times, 0, 0, 0, 0, "");
        }
    }

    private void addRow(String engine, String what, long[] sortedNanos, double rate, long failures, double targetP95, double targetRate,
                        String client) {
        addRow(engine, what, percentile(sortedNanos, 0.50), percentile(sortedNanos, 0.95), percentile(sortedNanos, 0.99), rate,
                sortedNanos.length, failures, targetP95, targetRate, client);
    }

    private void addRow(String engine, String what, double p50, double p95, double p99, double rate, long requests, long failures,
                        double targetP95, double targetRate, String client) {
        String target = targetP95 == 0 ? "" : String.format("p95 < %.0f ms%s: %s", targetP95, targetRate > 0 ? String.format(", >= %,.0f req/s", targetRate) : "",
                p95 < targetP95 && rate >= targetRate ? "met" : "NOT met");
        table.add(new String[] {engine, what, String.format("%.1f", p50), String.format("%.1f", p95), String.format("%.1f", p99),
                rate == 0 ? "" : String.format("%,.0f", rate),
                (failures > 0 ? failures + " failed; " : "") + String.format("%,d requests", requests) + (client.isEmpty() ? "" : " (" + client + ")")
                        + (target.isEmpty() ? "" : "; " + target)});
    }

    private static double percentile(long[] sorted, double q) {
        if (sorted.length == 0) return Double.NaN;
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)] / 1e6;
    }

    private void print() {
        System.out.printf("API benchmark: %,d files, %d connections, %d s a request kind, %d cores%n", files, CONNECTIONS, seconds,
                Runtime.getRuntime().availableProcessors());
        System.out.println("| engine | request | p50 ms | p95 ms | p99 ms | req/s | note |");
        System.out.println("| --- | --- | ---: | ---: | ---: | ---: | --- |");
        for (String[] row : table) System.out.println("| " + String.join(" | ", row) + " |");
    }
}
