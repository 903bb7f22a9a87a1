package org.archivist.scan;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import org.archivist.cli.ArchivistCli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A scan killed with SIGKILL mid-way resumes its job on the next run and ends with the same
 * catalogue as a scan that was never interrupted, without a half-written row.
 */
class ResumeAfterKillTest {

    static final int FILES = 20_000;

    @TempDir
    Path temp;

    @Test
    void aKilledScanResumesAndEndsWithTheSameCatalogue() throws Exception {
        Path root = Files.createDirectories(temp.resolve("tree"));
        for (int i = 0; i < FILES; i++) {
            Path folder = Files.createDirectories(root.resolve("d" + (i / 1000)));
            Files.writeString(folder.resolve("note-" + i + ".txt"), "note number " + i + "\n");
        }
        String killed = "jdbc:sqlite:" + temp.resolve("killed.db");
        String straight = "jdbc:sqlite:" + temp.resolve("straight.db");

        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "-Djava.io.tmpdir=" + temp,
                "org.archivist.ArchivistApplication", "scan", root.toString(), "--db", killed, "--threads", "1")
                .redirectErrorStream(true).redirectOutput(temp.resolve("child.log").toFile()).start();
        long caughtAt = waitForPartialCatalogue(killed, child);
        child.destroyForcibly().waitFor();
        assertThat(caughtAt).as("the child was killed part-way (see child.log)").isBetween(1L, (long) FILES - 1);
        assertThat(query(killed, "SELECT status FROM jobs")).containsExactly("running");
        assertThat(query(killed, "SELECT count(*) FROM files WHERE item_id IS NULL")).containsExactly("0");

        assertThat(cli("scan", root.toString(), "--db", killed)).contains("scan tree");
        assertThat(cli("scan", root.toString(), "--db", straight)).contains(FILES + " new");

        assertThat(query(killed, "SELECT id || ' ' || status FROM jobs WHERE type = 'scan'")).as("the same job resumed").containsExactly("1 completed");
        String catalogue = "SELECT path || ' ' || size_bytes || ' ' || quick_hash || ' ' || media_type || ' ' || mime_type || ' ' || status "
                + "|| ' ' || confidence || ' ' || coalesce(detected_at, '') FROM files ORDER BY path";
        assertThat(query(killed, catalogue)).hasSize(FILES).isEqualTo(query(straight, catalogue));
        assertThat(query(killed, "SELECT count(*) FROM items")).isEqualTo(query(straight, "SELECT count(*) FROM items"));
        assertThat(query(killed, "SELECT count(*) FROM files WHERE item_id IS NULL")).containsExactly("0");
    }

    private static long waitForPartialCatalogue(String url, Process child) throws InterruptedException {
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (System.nanoTime() < deadline && child.isAlive()) {
            try {
                List<String> rows = query(url, "SELECT count(*) FROM files");
                long count = Long.parseLong(rows.get(0));
                if (count > 0) return count;
            } catch (SQLException notYet) {
                // the schema is not there yet
            }
            Thread.sleep(20);
        }
        return -1;
    }

    private static String cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = ArchivistCli.run(new PrintWriter(out), new PrintWriter(err), args);
        assertThat(code).as(err.toString()).isZero();
        return out.toString();
    }

    private static List<String> query(String url, String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            List<String> values = new ArrayList<>();
            while (rows.next()) values.add(rows.getString(1));
            return values;
        }
    }

}
