package org.archivist.bench;

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
import java.util.SplittableRandom;

import org.archivist.ArchivistApplication;
import org.archivist.db.ConnectionSettings;
import org.archivist.db.DatabaseLocation;
import org.archivist.db.Engine;
import org.archivist.db.SchemaMigrator;
import org.archivist.search.SearchIndex;
import org.archivist.search.SearchService;
import org.archivist.testing.TestDatabases;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The data layer's benchmark (issue 2): on each engine, bulk-insert files with their metadata
 * and items into the real schema (indexes, constraints and full-text triggers included), then
 * time the lookups the product depends on. The baseline, in the same run, is the same rows
 * inserted into a bare table with no index, constraint or trigger.
 *
 * <p>Run with {@code bench/run [--files N] [--items N] [--engines sqlite,postgresql]}.
 */
public final class DataLayerBench {

    private static final String[] MEDIA = {"image", "video", "audio", "document", "book", "other"};
    private static final String[] WORDS = ("harbour lighthouse meadow canyon glacier orchard festival lantern "
            + "copper violet thunder maple river summit garden velvet falcon ember willow quartz").split(" ");
    private static final int SAMPLES = 2_000;

    private final int files;
    private final int items;
    private List<String> without = List.of();
    private List<String> pragmas = List.of();
    private int batch = 10_000;
    private final List<String[]> table = new ArrayList<>();

    private DataLayerBench(int files, int items) {
        this.files = files;
        this.items = items;
    }

    public static void main(String[] args) throws Exception {
        int files = 1_000_000;
        int items = 200_000;
        List<String> without = List.of();
        List<String> pragmas = List.of();
        int batch = 10_000;
        List<Engine> engines = List.of(Engine.SQLITE, Engine.POSTGRESQL);
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--files" -> files = Integer.parseInt(args[++i]);
                case "--items" -> items = Integer.parseInt(args[++i]);
                case "--without" -> without = List.of(args[++i].split(","));
                case "--batch" -> batch = Integer.parseInt(args[++i]);
                case "--pragma" -> pragmas = List.of(args[++i].split(","));
                case "--engines" -> engines = Arrays.stream(args[++i].split(",")).map(e -> Engine.valueOf(e.toUpperCase(Locale.ROOT))).toList();
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        DataLayerBench bench = new DataLayerBench(files, items);
        bench.without = without;
        bench.batch = batch;
        bench.pragmas = pragmas;
        for (Engine engine : engines) {
            bench.run(engine);
        }
        bench.print();
        System.exit(0);
    }

    private void run(Engine engine) throws SQLException {
        DatabaseLocation location = TestDatabases.fresh(engine);
        new SchemaMigrator(location).upgrade();
        System.err.printf("%s: inserting %,d items and %,d files with metadata...%n", engine.displayName(), items, files);
        try (Connection connection = DriverManager.getConnection(location.jdbcUrl(), ConnectionSettings.application(location))) {
            connection.setAutoCommit(false);
            dropForDiagnosis(connection);
            double itemRate = insertItems(connection);
            long libraryId = insertLibrary(connection);
            double baselineRate = insertBaseline(connection);
            double fileRate = insertFiles(connection, libraryId);
            analyze(connection, engine);
            String name = engine.displayName();
            table.add(row(name, "insert items (rows/s)", fmt(itemRate), "", "", ""));
            table.add(row(name, "insert files + metadata (files/s)", fmt(fileRate), "", "",
                    String.format("%s rows/s (2 rows a file); baseline bare tables %s files/s, ratio %.2f",
                            fmt(2 * fileRate), fmt(baselineRate), fileRate / baselineRate)));
            timeLookups(connection, name, libraryId);
        }
        // Full-text search through the product's own services: index the queued items, then query.
        try (ConfigurableApplicationContext application = ArchivistApplication.start(location)) {
            long start = System.nanoTime();
            int indexed = application.getBean(SearchIndex.class).flush();
            double indexRate = indexed / seconds(start);
            table.add(row(engine.displayName(), "full-text index build (items/s)", fmt(indexRate), "", "",
                    String.format("%,d items with their tags, people, studio and file names", indexed)));
            SearchService search = application.getBean(SearchService.class);
            SplittableRandom random = new SplittableRandom(4);
            table.add(latencyRow(engine.displayName(), "full-text query (two words, top 20)",
                    () -> search.findItemIds(WORDS[random.nextInt(WORDS.length)] + " " + WORDS[random.nextInt(WORDS.length)], 20).size()));
        }
    }

    /**
     * {@code --without NAME,...} drops those indexes or triggers first, to show what each costs;
     * {@code --pragma NAME=VALUE,...} tries SQLite settings on the inserting connection.
     */
    private void dropForDiagnosis(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            for (String pragma : pragmas) {
                statement.execute("PRAGMA " + pragma);
            }
            for (String name : without) {
                statement.execute((name.startsWith("item_search_") ? "DROP TRIGGER " : "DROP INDEX ") + name
                        + (name.startsWith("item_search_") && connection.getMetaData().getDatabaseProductName().equals("PostgreSQL") ? " ON files" : ""));
            }
        }
        connection.commit();
    }

    private double insertItems(Connection connection) throws SQLException {
        SplittableRandom random = new SplittableRandom(1);
        long start = System.nanoTime();
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO items (kind, title, details, created_at, updated_at) VALUES (?, ?, ?, ?, ?)")) {
            for (int i = 1; i <= items; i++) {
                insert.setString(1, i % 3 == 0 ? "scene" : "photo");
                insert.setString(2, WORDS[random.nextInt(WORDS.length)] + " " + WORDS[random.nextInt(WORDS.length)] + " " + i);
                insert.setString(3, i % 10 == 0 ? "shot near the " + WORDS[random.nextInt(WORDS.length)] : null);
                Timestamp now = Timestamp.from(Instant.now());
                insert.setTimestamp(4, now);
                insert.setTimestamp(5, now);
                insert.addBatch();
                if (i % batch == 0) {
                    insert.executeBatch();
                    connection.commit();
                }
            }
            insert.executeBatch();
            connection.commit();
        }
        return items / seconds(start);
    }

    private long insertLibrary(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("INSERT INTO libraries (name, root_path) VALUES ('bench', '/srv/bench')");
            try (ResultSet rows = statement.executeQuery("SELECT id FROM libraries WHERE name = 'bench'")) {
                rows.next();
                connection.commit();
                return rows.getLong(1);
            }
        }
    }

    private double insertFiles(Connection connection, long libraryId) throws SQLException {
        return insertFileRows(connection, libraryId, """
                INSERT INTO files (id, library_id, item_id, path, file_name, size_bytes, file_modified_at, mime_type,
                    media_type, sha256, quick_hash, original_path, last_scanned_at, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", """
                INSERT INTO file_metadata (file_id, width, height, camera_make, camera_model, iso, duration_seconds)
                VALUES (?, ?, ?, ?, ?, ?, ?)""");
    }

    /** The same file rows into tables with no index, constraint or trigger: what the engine does at best. */
    private double insertBaseline(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE bench_bare_files (id BIGINT, library_id BIGINT, item_id BIGINT, path TEXT, "
                    + "file_name TEXT, size_bytes BIGINT, file_modified_at TIMESTAMP, mime_type TEXT, media_type TEXT, "
                    + "sha256 TEXT, quick_hash TEXT, original_path TEXT, last_scanned_at TIMESTAMP, created_at TIMESTAMP, "
                    + "updated_at TIMESTAMP)");
            statement.execute("CREATE TABLE bench_bare_metadata (file_id BIGINT, width INTEGER, height INTEGER, "
                    + "camera_make TEXT, camera_model TEXT, iso INTEGER, duration_seconds DOUBLE PRECISION)");
        }
        connection.commit();
        double rate = insertFileRows(connection, 1, "INSERT INTO bench_bare_files VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                "INSERT INTO bench_bare_metadata VALUES (?, ?, ?, ?, ?, ?, ?)");
        try (Statement statement = connection.createStatement()) {
            statement.execute("DROP TABLE bench_bare_files");
            statement.execute("DROP TABLE bench_bare_metadata");
        }
        connection.commit();
        return rate;
    }

    private double insertFileRows(Connection connection, long libraryId, String fileInsert, String metadataInsert) throws SQLException {
        SplittableRandom random = new SplittableRandom(2);
        Instant base = Instant.parse("2015-01-01T00:00:00Z");
        long start = System.nanoTime();
        try (PreparedStatement file = connection.prepareStatement(fileInsert);
             PreparedStatement metadata = connection.prepareStatement(metadataInsert)) {
            for (int i = 1; i <= files; i++) {
                String path = pathOf(i);
                Timestamp created = Timestamp.from(base.plusSeconds(i * 37L + random.nextInt(30)));
                file.setLong(1, i);
                file.setLong(2, libraryId);
                file.setLong(3, 1 + (long) (i - 1) * items / files); // an item's files arrive together, as a scan finds them
                file.setString(4, path);
                file.setString(5, path.substring(path.lastIndexOf('/') + 1));
                file.setLong(6, 1000 + random.nextInt(50_000_000));
                file.setTimestamp(7, created);
                file.setString(8, "image/jpeg");
                file.setString(9, MEDIA[i % MEDIA.length]);
                file.setString(10, sha256Of(i));
                file.setString(11, hex16((long) i * 0x9E3779B97F4A7C15L));
                file.setString(12, path);
                file.setTimestamp(13, created);
                file.setTimestamp(14, created);
                file.setTimestamp(15, created);
                file.addBatch();
                metadata.setLong(1, i);
                metadata.setInt(2, 4000);
                metadata.setInt(3, 3000);
                metadata.setString(4, "Canon");
                metadata.setString(5, "EOS " + (i % 90));
                metadata.setInt(6, 100 << (i % 5));
                metadata.setObject(7, i % 6 == 1 ? 12.5 : null);
                metadata.addBatch();
                if (i % batch == 0) {
                    file.executeBatch();
                    metadata.executeBatch();
                    connection.commit();
                }
            }
            file.executeBatch();
            metadata.executeBatch();
            connection.commit();
        }
        return files / seconds(start);
    }

    private static void analyze(Connection connection, Engine engine) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(engine == Engine.SQLITE ? "ANALYZE" : "ANALYZE files");
        }
        connection.commit();
        connection.setAutoCommit(true);
    }

    private void timeLookups(Connection connection, String engine, long libraryId) throws SQLException {
        SplittableRandom random = new SplittableRandom(3);
        try (PreparedStatement byPath = connection.prepareStatement("SELECT id, size_bytes FROM files WHERE library_id = ? AND path = ?")) {
            table.add(latencyRow(engine, "lookup by (library, path)", () -> {
                byPath.setLong(1, libraryId);
                byPath.setString(2, pathOf(1 + random.nextInt(files)));
                return count(byPath);
            }));
        }
        try (PreparedStatement bySha = connection.prepareStatement("SELECT id FROM files WHERE sha256 = ?")) {
            table.add(latencyRow(engine, "lookup by sha256", () -> {
                bySha.setString(1, sha256Of(1 + random.nextInt(files)));
                return count(bySha);
            }));
        }
        // Deep keyset pages: the cursor is a random row of that media type, anywhere in the table.
        List<Object[]> cursors = new ArrayList<>();
        try (PreparedStatement pick = connection.prepareStatement("SELECT media_type, created_at, id FROM files WHERE id = ?")) {
            for (int i = 0; i < SAMPLES; i++) {
                pick.setLong(1, 1 + random.nextInt(files));
                try (ResultSet row = pick.executeQuery()) {
                    row.next();
                    cursors.add(new Object[] {row.getString(1), row.getTimestamp(2), row.getLong(3)});
                }
            }
        }
        int[] next = {0};
        try (PreparedStatement page = connection.prepareStatement("""
                SELECT id, path, size_bytes, created_at FROM files
                WHERE media_type = ? AND (created_at, id) > (?, ?)
                ORDER BY created_at, id LIMIT 100""")) {
            table.add(latencyRow(engine, "keyset page of 100 by media_type, created_at", () -> {
                Object[] cursor = cursors.get(next[0]++ % cursors.size());
                page.setString(1, (String) cursor[0]);
                page.setTimestamp(2, (Timestamp) cursor[1]);
                page.setLong(3, (Long) cursor[2]);
                return count(page);
            }));
        }
    }

    private String[] latencyRow(String engine, String what, Query query) throws SQLException {
        for (int i = 0; i < 200; i++) {
            query.run(); // warm-up
        }
        double[] millis = new double[SAMPLES];
        long rows = 0;
        for (int i = 0; i < SAMPLES; i++) {
            long start = System.nanoTime();
            rows += query.run();
            millis[i] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(millis);
        return row(engine, what, "", String.format("%.3f", millis[SAMPLES / 2]), String.format("%.3f", millis[SAMPLES * 95 / 100]),
                String.format("%.1f rows per query", (double) rows / SAMPLES));
    }

    private static int count(PreparedStatement statement) throws SQLException {
        int rows = 0;
        try (ResultSet result = statement.executeQuery()) {
            while (result.next()) {
                rows++;
            }
        }
        return rows;
    }

    // Cheap generators: String.format would cost more than the database's own work. Paths come
    // folder by folder, in the order a scan walks a tree; hashes are random, as real ones are.
    private static String pathOf(int i) {
        int month = 1 + (i / 8_000) % 12;
        String number = Integer.toString(i);
        return (2015 + (i / 100_000) % 10) + (month < 10 ? "/0" : "/") + month + "/IMG_" + "0000000".substring(number.length()) + number + ".jpg";
    }

    private static String sha256Of(int i) {
        long a = i * 0x9E3779B97F4A7C15L;
        long b = Long.rotateLeft(a, 17) ^ 0xC2B2AE3D27D4EB4FL;
        return hex16(a) + hex16(b) + hex16(a ^ b) + hex16(a + b);
    }

    private static String hex16(long value) {
        String hex = Long.toHexString(value);
        return "0000000000000000".substring(hex.length()) + hex;
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }

    private static String fmt(double rate) {
        return String.format("%,.0f", rate);
    }

    private static String[] row(String... cells) {
        return cells;
    }

    private void print() {
        String[] header = {"engine", "measure", "rate", "p50 ms", "p95 ms", "note"};
        int[] widths = new int[header.length];
        List<String[]> all = new ArrayList<>();
        all.add(header);
        all.addAll(table);
        for (String[] r : all) {
            for (int c = 0; c < r.length; c++) {
                widths[c] = Math.max(widths[c], r[c].length());
            }
        }
        System.out.printf("Data layer benchmark: %,d files with metadata, %,d items (batches of %,d; %,d samples per lookup)%n",
                files, items, batch, SAMPLES);
        for (String[] r : all) {
            StringBuilder line = new StringBuilder("| ");
            for (int c = 0; c < r.length; c++) {
                line.append(String.format("%-" + widths[c] + "s | ", r[c]));
            }
            System.out.println(line.toString().stripTrailing());
        }
    }

    @FunctionalInterface
    private interface Query {
        int run() throws SQLException;
    }
}
