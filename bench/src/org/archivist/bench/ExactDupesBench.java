package org.archivist.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;

import org.archivist.ArchivistApplication;
import org.archivist.catalog.Library;
import org.archivist.catalog.LibraryService;
import org.archivist.db.DatabaseLocation;
import org.archivist.db.SchemaMigrator;
import org.archivist.dedup.DuplicateDetection;
import org.archivist.dedup.DuplicateReview;
import org.archivist.scan.LibraryScanner;
import org.archivist.scan.ScanProgress;
import org.springframework.context.ConfigurableApplicationContext;

import tools.jackson.databind.json.JsonMapper;

/**
 * Exact duplicates on one generated tree, every tool in the same run with the page cache warm:
 * {@code jdupes -r} and {@code rdfind -dryrun true} against Archivist's own commands, each in a
 * fresh JVM as a user runs them, from nothing ({@code scan --no-dupes}, {@code dupes find
 * --exact}, {@code dupes --exact}) and from a catalogue already scanned; the same work inside one
 * running application; and through {@code archivist serve}'s API with curl. Every tool must report
 * the same number of groups.
 */
public final class ExactDupesBench {

    private final List<String[]> table = new ArrayList<>();
    private int files = 100_000;
    private long bytes = 2L << 30;
    private Path work;
    /** {@code --work DIR}: keep the tree and catalogues there, and reuse a tree made by an earlier run. */
    private Path kept;
    private long generatedBytes;
    private int plantedGroups;
    private int expectedGroups;

    public static void main(String[] args) throws Exception {
        ExactDupesBench bench = new ExactDupesBench();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--files" -> bench.files = Integer.parseInt(args[++i]);
                case "--mib" -> bench.bytes = Long.parseLong(args[++i]) << 20;
                case "--work" -> bench.kept = Path.of(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        bench.work = bench.kept != null ? Files.createDirectories(bench.kept) : Files.createTempDirectory("dupes-bench-");
        try {
            bench.run();
        } finally {
            if (bench.kept == null) new ProcessBuilder("rm", "-rf", bench.work.toString()).start().waitFor();
        }
        bench.print();
        System.exit(0);
    }

    private void run() throws Exception {
        Path tree = work.resolve("tree");
        if (kept != null && Files.isDirectory(tree)) {
            System.err.println("reusing " + tree);
            generatedBytes = Long.parseLong(shellOutput("du -sb " + tree).split("\\s+")[0]);
            plantedGroups = -1;
        } else {
            System.err.printf("generating %,d files in %,d MiB...%n", files, bytes >> 20);
            generate(tree);
        }
        shell("find " + tree + " -type f -print0 | xargs -0 cat > /dev/null");

        double jdupes = best(() -> shell("jdupes -r -q " + tree + " > " + work.resolve("jdupes.txt")));
        int jdupesGroups = count(work.resolve("jdupes.txt"), "^$");
        expectedGroups = jdupesGroups;
        double rdfind = best(() -> shell("cd " + work + " && rdfind -dryrun true " + tree + " > /dev/null"));
        int rdfindGroups = count(work.resolve("results.txt"), "^DUPTYPE_FIRST_OCCURRENCE .*");
        double faster = Math.min(jdupes, rdfind);
        add("jdupes -r", jdupes, jdupesGroups + " groups");
        add("rdfind -dryrun true", rdfind, rdfindGroups + " groups");

        List<String> fromNothing = new ArrayList<>();
        double nothing = best(() -> {
            Path db = Files.createTempFile(work, "nothing-", ".db");
            Files.delete(db);
            fromNothing.clear();
            fromNothing.add(archivist(db, "scan", tree.toString(), "--no-dupes"));
            fromNothing.add(archivist(db, "dupes", "find", "--exact"));
            archivistTo(db, work.resolve("ours.json"), "dupes", "--exact", "--json");
        });
        int ourGroups = JsonMapper.builder().build().readTree(work.resolve("ours.json").toFile()).size();
        add("archivist from nothing: scan --no-dupes, dupes find --exact, dupes --exact", nothing,
                String.format("%d groups; ratio to the faster tool %.2f (target <= 1.5); %s", ourGroups, nothing / faster,
                        String.join("; ", fromNothing)));

        Path scanned = work.resolve("scanned.db");
        archivist(scanned, "scan", tree.toString(), "--no-dupes");
        shell("cp " + scanned + " " + work.resolve("scanned-copy.db"));
        String[] found = new String[1];
        double fromScanned = best(() -> {
            shell("cp " + work.resolve("scanned-copy.db") + " " + scanned);
            found[0] = archivist(scanned, "dupes", "find", "--exact");
            archivistTo(scanned, work.resolve("ours.json"), "dupes", "--exact", "--json");
        });
        add("archivist from a scanned catalogue: dupes find --exact, dupes --exact", fromScanned,
                String.format("ratio to jdupes %.2f, to rdfind %.2f (target < 1); %s", fromScanned / jdupes,
                        fromScanned / rdfind, found[0]));
        double listOnly = best(() -> archivistTo(scanned, work.resolve("ours.json"), "dupes", "--exact", "--json"));
        add("archivist listing groups found by the scan: dupes --exact", listOnly,
                String.format("ratio to jdupes %.2f, to rdfind %.2f", listOnly / jdupes, listOnly / rdfind));
        double empty = best(() -> archivistTo(work.resolve("empty.db"), work.resolve("empty.json"), "dupes", "--exact", "--json"));
        add("  of which starting the JVM and Spring, each command (dupes --exact on an empty catalogue)", empty,
                "classes from a folder; ./archivist's class-data archive makes it about 3 s");
        double engineFromNothing = bestMeasured(() -> inProcess(tree, null));
        add("  the same work in a running server: scan, exact detection, listing", engineFromNothing,
                String.format("ratio to the faster tool %.2f; %s", engineFromNothing / faster, lastInProcess));
        double engineFromScanned = bestMeasured(() -> {
            shell("cp " + work.resolve("scanned-copy.db") + " " + scanned);
            return inProcess(tree, scanned);
        });
        add("  the same work in a running server: exact detection and listing from the scanned catalogue", engineFromScanned,
                String.format("ratio to jdupes %.2f, to rdfind %.2f; %s", engineFromScanned / jdupes,
                        engineFromScanned / rdfind, lastInProcess));
        // The scan hashes the files it reads whole (up to 128 KiB: all of this tree); without those
        // hashes detection reads and hashes every candidate, as it does for larger files.
        Path unhashed = work.resolve("unhashed.db");
        shell("cp " + work.resolve("scanned-copy.db") + " " + unhashed + " && sqlite3 " + unhashed + " 'UPDATE files SET sha256 = NULL'");
        shell("cp " + unhashed + " " + work.resolve("unhashed-copy.db"));
        double engineUnhashed = bestMeasured(() -> {
            shell("cp " + work.resolve("unhashed-copy.db") + " " + unhashed);
            return inProcess(tree, unhashed);
        });
        add("  the same with no SHA-256 from the scan (as for files over 128 KiB): every candidate read and hashed", engineUnhashed,
                String.format("ratio to jdupes %.2f, to rdfind %.2f; %s", engineUnhashed / jdupes, engineUnhashed / rdfind, lastInProcess));

        throughServer(jdupes, rdfind);
    }

    private String lastInProcess = "";

    private static final int WARM_UP_RUNS = 4;
    private static final java.util.regex.Pattern LISTENING = java.util.regex.Pattern.compile("serving .* on (http://\\S+)/api");

    /**
     * The server as its users meet it: {@code archivist serve} already running on the scanned
     * catalogue, and curl asking it to find the exact duplicates and list them. Each round starts a
     * server (not timed), times the first request pair (cold: nothing of detection loaded or
     * compiled yet), runs detection {@value #WARM_UP_RUNS} more times, as a server that has run it
     * after earlier scans has, empties the duplicates table behind it and times the pair again
     * (warm), then times listing alone (best of three).
     */
    private void throughServer(double jdupes, double rdfind) throws Exception {
        double cold = Double.MAX_VALUE, warm = Double.MAX_VALUE, list = Double.MAX_VALUE;
        Path served = work.resolve("served.db");
        Path json = work.resolve("ours-http.json");
        for (int round = 0; round < 2; round++) {
            shell("rm -f " + served + "*; cp " + work.resolve("scanned-copy.db") + " " + served);
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), "org.archivist.ArchivistApplication", "serve", "--port", "0",
                    "--db", "jdbc:sqlite:" + served));
            Process server = new ProcessBuilder(command).redirectErrorStream(true).start();
            try {
                String base = awaitListening(server);
                String findAndList = "curl -sf -X POST '" + base + "/api/duplicates/find?exact=true' > /dev/null && curl -sf '"
                        + base + "/api/duplicates?match=exact' > " + json;
                cold = Math.min(cold, timed(() -> shell(findAndList)));
                checkGroups(json);
                for (int warmUp = 0; warmUp < WARM_UP_RUNS; warmUp++) {
                    shell("sqlite3 " + served + " 'DELETE FROM duplicates'");
                    shell(findAndList);
                }
                shell("sqlite3 " + served + " 'DELETE FROM duplicates'");
                warm = Math.min(warm, timed(() -> shell(findAndList)));
                checkGroups(json);
                for (int again = 0; again < 3; again++) {
                    list = Math.min(list, timed(() -> shell("curl -sf '" + base + "/api/duplicates?match=exact' > " + json)));
                }
            } finally {
                server.destroy();
                server.waitFor();
            }
        }
        add("archivist serve, from a scanned catalogue: curl POST /api/duplicates/find?exact=true, GET /api/duplicates?match=exact", warm,
                String.format("ratio to jdupes %.2f, to rdfind %.2f (target < 1); after %d detection runs; the first request pair after the server starts: %.2f s",
                        warm / jdupes, warm / rdfind, WARM_UP_RUNS + 1, cold));
        add("archivist serve, listing the groups found by the scan: curl GET /api/duplicates?match=exact", list,
                String.format("ratio to jdupes %.2f, to rdfind %.2f", list / jdupes, list / rdfind));
    }

    private static String awaitListening(Process server) throws IOException {
        java.io.BufferedReader lines = new java.io.BufferedReader(new java.io.InputStreamReader(server.getInputStream()));
        StringBuilder seen = new StringBuilder();
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
            seen.append(line).append('\n');
            java.util.regex.Matcher listening = LISTENING.matcher(line);
            if (listening.find()) {
                Thread drain = new Thread(() -> lines.lines().forEach(ignored -> { }));
                drain.setDaemon(true);
                drain.start();
                return listening.group(1);
            }
        }
        throw new IllegalStateException("archivist serve stopped before listening:\n" + seen);
    }

    private void checkGroups(Path json) throws IOException {
        int groups = JsonMapper.builder().build().readTree(json.toFile()).size();
        if (groups != expectedGroups) throw new IllegalStateException("the server listed " + groups + " groups, the tools " + expectedGroups);
    }

    private static double timed(ThrowingRunnable work) throws Exception {
        long start = System.nanoTime();
        work.run();
        return (System.nanoTime() - start) / 1e9;
    }

    /**
     * Times the work of the commands inside one running application, as the server does it:
     * with {@code scanned} null a fresh catalogue is scanned first.
     */
    private double inProcess(Path tree, Path scanned) throws Exception {
        Path db = scanned;
        if (db == null) {
            db = Files.createTempFile(work, "engine-", ".db");
            Files.delete(db);
        }
        DatabaseLocation location = DatabaseLocation.sqlite(db);
        new SchemaMigrator(location).upgrade();
        try (ConfigurableApplicationContext context = ArchivistApplication.start(location)) {
            long start = System.nanoTime();
            if (scanned == null) {
                Library library = context.getBean(LibraryService.class).add("bench", tree, Set.of(), List.of());
                context.getBean(LibraryScanner.class).scan(library, false, ScanProgress.NONE, null);
            }
            double scan = (System.nanoTime() - start) / 1e9;
            DuplicateDetection.Report report = context.getBean(DuplicateDetection.class).findExact(2, line -> { });
            double detect = (System.nanoTime() - start) / 1e9 - scan;
            int groups = context.getBean(DuplicateReview.class).groups("exact").size();
            double list = (System.nanoTime() - start) / 1e9 - scan - detect;
            lastInProcess = String.format("scan %.2f s, detection %.2f s, listing %d groups %.2f s (starting the application not counted)",
                    scan, detect, groups, list);
            if (report.exactGroups() != groups) throw new IllegalStateException(report.exactGroups() + " groups found, " + groups + " listed");
            return scan + detect + list;
        }
    }

    /**
     * {@code files} files of 512 B to 115 KiB (log-uniform, about 21 KiB on average, scaled to
     * {@code bytes}): small JPEGs and PNGs with random padding, text and binary. One file in ten
     * is an extra copy, in another folder under another name, of an original with one to three copies.
     */
    private void generate(Path root) throws IOException {
        Random random = new Random(42);
        byte[] jpeg = ScanBench.encode("jpg");
        byte[] png = ScanBench.encode("png");
        int copies = files / 10;
        int originals = files - copies;
        double scale = bytes / (files * (115.0 * 1024 - 512) / Math.log(115.0 * 1024 / 512));
        List<Path> made = new ArrayList<>();
        for (int i = 0; i < originals; i++) {
            Path folder = root.resolve("d" + (i / 1000));
            if (i % 1000 == 0) Files.createDirectories(folder);
            int size = (int) (scale * 512 * Math.exp(random.nextDouble() * Math.log(115.0 * 1024 / 512)));
            int kind = i % 20;
            byte[] head = kind < 8 ? jpeg : kind < 12 ? png : new byte[0];
            byte[] content = new byte[Math.max(size, head.length + 8)];
            random.nextBytes(content);
            System.arraycopy(head, 0, content, 0, head.length);
            String name = kind < 8 ? "IMG_" + i + ".jpg" : kind < 12 ? "screen-" + i + ".png" : kind < 17 ? "note-" + i + ".txt" : "blob-" + i + ".bin";
            made.add(Files.write(folder.resolve(name), content));
            generatedBytes += content.length;
        }
        int made0 = 0;
        while (made0 < copies) {
            Path original = made.get((int) ((plantedGroups * 7919L) % made.size()));
            int extra = Math.min(1 + random.nextInt(3), copies - made0);
            for (int c = 0; c < extra; c++) {
                Path folder = root.resolve("backup-" + (made0 / 1000));
                Files.createDirectories(folder);
                Files.copy(original, folder.resolve("copy-" + made0 + "-" + original.getFileName()));
                generatedBytes += Files.size(original);
                made0++;
            }
            plantedGroups++;
        }
    }

    /** Runs an Archivist command in a fresh JVM, as a user would, and returns its last output line. */
    private String archivist(Path db, String... args) throws Exception {
        Path log = work.resolve("archivist.log");
        archivistTo(db, log, args);
        return Files.readAllLines(log).stream().reduce((a, b) -> b).orElse("").strip();
    }

    private void archivistTo(Path db, Path output, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "org.archivist.ArchivistApplication"));
        command.addAll(List.of(args));
        command.addAll(List.of("--db", "jdbc:sqlite:" + db));
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).redirectOutput(output.toFile()).start();
        if (process.waitFor() != 0) throw new IllegalStateException(command + " exited " + process.exitValue() + ": " + Files.readString(output));
    }

    private static void shell(String script) throws Exception {
        Process process = new ProcessBuilder("sh", "-c", script).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (process.waitFor() != 0) throw new IllegalStateException(script + " exited " + process.exitValue());
    }

    private static String shellOutput(String script) throws Exception {
        Process process = new ProcessBuilder("sh", "-c", script).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (process.waitFor() != 0) throw new IllegalStateException(script + " exited " + process.exitValue() + ": " + output);
        return output;
    }

    private static int count(Path file, String regex) throws IOException {
        return (int) Files.readAllLines(file).stream().filter(line -> line.matches(regex)).count();
    }

    /** The better of two runs, so that neither tool pays for a cold start of its own. */
    private static double best(ThrowingRunnable work) throws Exception {
        double best = Double.MAX_VALUE;
        for (int run = 0; run < 2; run++) {
            long start = System.nanoTime();
            work.run();
            best = Math.min(best, (System.nanoTime() - start) / 1e9);
        }
        return best;
    }

    /** The better of two runs of work that times its own part (leaving out its set-up). */
    private static double bestMeasured(java.util.concurrent.Callable<Double> work) throws Exception {
        return Math.min(work.call(), work.call());
    }

    private void add(String measure, double seconds, String note) {
        table.add(new String[] {measure, String.format("%.2f", seconds), note});
    }

    private void print() {
        System.out.printf("Exact duplicates: %,d files, %,d MiB, %s planted groups (%,d extra copies); %d cores, page cache warm, best of 2%n",
                files, generatedBytes >> 20, plantedGroups < 0 ? "(a reused tree's)" : String.format("%,d", plantedGroups), files / 10,
                Runtime.getRuntime().availableProcessors());
        System.out.println("| measure | seconds | note |");
        System.out.println("| --- | ---: | --- |");
        for (String[] r : table) System.out.printf("| %s | %s | %s |%n", r[0], r[1], r[2]);
    }

    @FunctionalInterface
    private interface ThrowingRunnable {
        void run() throws Exception;
    }
}
