package org.archivist.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.archivist.db.DatabaseLocation;

/** {@code archivist serve} processes for tests and benchmarks of several nodes, and the small queries they watch the database with. */
public final class Nodes {

    private static final Pattern SERVING = Pattern.compile("serving .* on http://([^/]+)/api");

    private Nodes() {
    }

    /** A node on {@code location}, its output in {@code log}; {@code jvmOptions} come before the class (-D..., -Xmx...). */
    public static Process serve(DatabaseLocation location, Path temp, Path log, String... jvmOptions) throws java.io.IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), "-Djava.io.tmpdir=" + temp, "-Darchivist.log.dir=" + log.resolveSibling(log.getFileName() + ".d")));
        command.addAll(List.of(jvmOptions));
        command.addAll(List.of("org.archivist.ArchivistApplication", "serve", "--db", location.jdbcUrl(), "--port", "0"));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    /** The node's host:port once it says it serves (at most 2 minutes). */
    public static String awaitServing(Path log) throws Exception {
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (Files.exists(log)) {
                Matcher serving = SERVING.matcher(Files.readString(log));
                if (serving.find()) return serving.group(1);
            }
            Thread.sleep(200);
        }
        throw new AssertionError("a node did not start in 2 minutes: " + (Files.exists(log) ? Files.readString(log) : "no output"));
    }

    public static long count(Connection db, String sql) throws Exception {
        try (var rows = db.createStatement().executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    public static String text(Connection db, String sql) throws Exception {
        try (var rows = db.createStatement().executeQuery(sql)) {
            return rows.next() ? rows.getString(1) : null;
        }
    }

    /** Every row of the query as [a, b, ...], for a failure's message. */
    public static String rows(Connection db, String sql) throws Exception {
        StringBuilder all = new StringBuilder();
        try (var rows = db.createStatement().executeQuery(sql)) {
            int columns = rows.getMetaData().getColumnCount();
            while (rows.next()) {
                all.append('[');
                for (int c = 1; c <= columns; c++) all.append(rows.getString(c)).append(c < columns ? ", " : "");
                all.append("] ");
            }
        }
        return all.toString();
    }
}
