package org.archivist.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;

import org.archivist.ArchivistApplication;
import org.archivist.catalog.Library;
import org.archivist.catalog.LibraryService;
import org.archivist.db.DatabaseLocation;
import org.archivist.db.SchemaMigrator;
import org.archivist.fingerprint.HashService;
import org.archivist.metadata.MediaClassifier;
import org.archivist.metadata.MetadataExtractor;
import org.archivist.scan.LibraryScanner;
import org.archivist.scan.ScanProgress;
import org.archivist.scan.ScanReport;
import org.springframework.context.ConfigurableApplicationContext;

import tools.jackson.databind.json.JsonMapper;

/**
 * The scanning benchmark (issue 3), each comparison on the same files in the same run:
 * first scan and rescan of a generated tree against {@code find}; the SHA-256 stage against
 * {@code sha256sum}; metadata extraction over the corpus against {@code exiftool}; and a scan of
 * the tree in a child JVM limited to {@code -Xmx256m}, with its peak resident memory.
 */
public final class ScanBench {

    private final List<String[]> table = new ArrayList<>();
    private int files = 200_000;
    private long hashBytes = 1L << 30;
    private boolean metadataOnly;
    private boolean firstScanOnly;
    private Path work;

    public static void main(String[] args) throws Exception {
        ScanBench bench = new ScanBench();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--files" -> bench.files = Integer.parseInt(args[++i]);
                case "--hash-mib" -> bench.hashBytes = Long.parseLong(args[++i]) << 20;
                case "--metadata-only" -> bench.metadataOnly = true;
                case "--first-scan-only" -> bench.firstScanOnly = true;
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        bench.work = Files.createTempDirectory("scan-bench-");
        try {
            bench.run();
        } finally {
            run(List.of("rm", "-rf", bench.work.toString()));
        }
        bench.print();
        System.exit(0);
    }

    private void run() throws Exception {
        if (metadataOnly) {
            extractCorpus();
            return;
        }
        Path tree = work.resolve("tree");
        System.err.printf("generating %,d small files...%n", files);
        generateTree(tree);
        run(List.of("sh", "-c", "find " + tree + " -type f -printf '%s %T@ %p\\n' > /dev/null"));
        double findRate = files / timed(() -> run(List.of("sh", "-c", "find " + tree + " -type f -printf '%s %T@ %p\\n' > /dev/null")));

        if (firstScanOnly) {
            firstScans(tree, findRate);
            return;
        }
        Path db = work.resolve("scan.db");
        DatabaseLocation location = DatabaseLocation.sqlite(db);
        new SchemaMigrator(location).upgrade();
        try (ConfigurableApplicationContext context = ArchivistApplication.start(location)) {
            LibraryService libraries = context.getBean(LibraryService.class);
            LibraryScanner scanner = context.getBean(LibraryScanner.class);
            Library library = libraries.add("bench", tree, Set.of(), List.of());
            System.err.println("first scan...");
            ScanReport first = scanner.scan(library, false, ScanProgress.NONE, null);
            double firstRate = first.filesPerSecond();
            add("first scan (files/s)", firstRate, String.format("find: %,.0f files/s, ratio %.2f; target 50,000 files/s", findRate, firstRate / findRate));
            System.err.println("rescan...");
            ScanReport again = scanner.scan(libraries.get(library.getId()), false, ScanProgress.NONE, null);
            add("rescan, nothing changed (files/s)", again.filesPerSecond(),
                    String.format("ratio to find %.2f; %,d unchanged; target 150,000 files/s", again.filesPerSecond() / findRate, again.unchanged()));

            Path mixed = work.resolve("mixed");
            System.err.printf("generating %,d MiB of mixed-size files...%n", hashBytes >> 20);
            List<Path> mixedFiles = generateMixed(mixed);
            Library hashed = libraries.add("bench-hash", mixed, Set.of(), List.of());
            scanner.scan(hashed, false, ScanProgress.NONE, null);
            run(List.of("sh", "-c", "cat " + mixed + "/* > /dev/null"));
            double sumSeconds = timed(() -> run(List.of("sh", "-c", "find " + mixed + " -type f -print0 | xargs -0 sha256sum > /dev/null")));
            double sumRate = hashBytes / 1e6 / sumSeconds;
            HashService hashes = context.getBean(HashService.class);
            HashService.HashReport one = hashes.hash(libraries.get(hashed.getId()), 1, n -> { });
            add("SHA-256 stage, 1 thread (MB/s)", one.megabytesPerSecond(),
                    String.format("sha256sum: %,.0f MB/s, ratio %.2f; target 0.90; %,d files", sumRate, one.megabytesPerSecond() / sumRate, mixedFiles.size()));
            context.getBean(org.springframework.jdbc.core.JdbcTemplate.class).update("UPDATE files SET sha256 = NULL");
            HashService.HashReport two = hashes.hash(libraries.get(hashed.getId()), 2, n -> { });
            add("SHA-256 stage, 2 threads (MB/s)", two.megabytesPerSecond(),
                    String.format("speed-up over 1 thread %.2f", two.megabytesPerSecond() / one.megabytesPerSecond()));
        }

        extractCorpus();
        scanWithSmallHeap(tree);
    }

    /**
     * The first scan of the same tree three ways, each into a fresh SQLite file: the schema before
     * 0.10.0 writing through every index (the baseline), today's schema (partial indexes, no covered
     * ones) writing through its indexes, and today's schema in bulk mode.
     */
    private void firstScans(Path tree, double findRate) throws Exception {
        record Variant(String label, String tag, boolean bulk) {
        }
        double baseline = 0;
        for (Variant variant : List.of(new Variant("baseline: schema 0.9.0, through every index", "0.9.0", false),
                new Variant("schema 0.10.0 (partial indexes), through its indexes", null, false),
                new Variant("schema 0.10.0, bulk mode (indexes built at the end)", null, true))) {
            DatabaseLocation location = DatabaseLocation.sqlite(work.resolve("first-" + table.size() + ".db"));
            if (variant.tag() == null) new SchemaMigrator(location).upgrade();
            else new SchemaMigrator(location).upgradeTo(variant.tag());
            try (ConfigurableApplicationContext context = ArchivistApplication.start(location, "archivist.scan.bulk-files=" + (variant.bulk() ? 1 : 0))) {
                Library library = context.getBean(LibraryService.class).add("bench", tree, Set.of(), List.of());
                System.err.println("first scan, " + variant.label() + "...");
                double rate = context.getBean(LibraryScanner.class).scan(library, false, ScanProgress.NONE, null).filesPerSecond();
                if (baseline == 0) baseline = rate;
                add("first scan (files/s), " + variant.label(), rate, String.format("%.2fx the baseline; find: %,.0f files/s", rate / baseline, findRate));
                if (variant.bulk()) {
                    double reading = org.archivist.scan.ReadingOnly.filesPerSecond(context, context.getBean(LibraryService.class).get(library.getId()),
                            Runtime.getRuntime().availableProcessors());
                    add("reading only: walk and inspect every file on the scan's threads, nothing written", reading,
                            String.format("%.2fx the baseline: the ceiling of any writer on these cores", reading / baseline));
                }
            }
        }
    }

    private void extractCorpus() throws Exception {
        extract(Path.of("..", "shared", "corpus", "media").toAbsolutePath().normalize(), "corpus", 3.0);
        extract(Path.of("..", "shared", "corpus", "raw", "media").toAbsolutePath().normalize(), "RAW samples", 0);
    }

    /** Our extraction of every file in {@code corpus} against {@code exiftool -json -r}; {@code target} 0: none. */
    private void extract(Path corpus, String label, double target) throws Exception {
        if (Files.isDirectory(corpus)) {
            List<Path> media;
            try (Stream<Path> walk = Files.walk(corpus)) {
                media = walk.filter(Files::isRegularFile).toList();
            }
            run(List.of("exiftool", "-json", "-r", "-q", corpus.toString()));
            double exifSeconds = Double.MAX_VALUE;
            for (int i = 0; i < 3; i++) {
                exifSeconds = Math.min(exifSeconds, timed(() -> run(List.of("sh", "-c", "exiftool -json -r -q " + corpus + " > /dev/null"))));
            }
            MediaClassifier classifier = new MediaClassifier();
            MetadataExtractor extractor = new MetadataExtractor(JsonMapper.builder().build(), Clock.systemUTC(), Duration.ofSeconds(60));
            java.util.Map<Path, Double> millis = new java.util.concurrent.ConcurrentHashMap<>();
            java.util.Set<Path> fallback = java.util.concurrent.ConcurrentHashMap.newKeySet();
            Runnable extractAll = () -> media.parallelStream().forEach(file -> {
                long started = System.nanoTime();
                try (var in = Files.newInputStream(file)) {
                    byte[] head = in.readNBytes(MediaClassifier.HEAD_BYTES);
                    var kind = classifier.classify(file.getFileName().toString(), head, head.length);
                    var extraction = extractor.extract(file, file.getFileName().toString(), kind, null, Files.getLastModifiedTime(file).toInstant());
                    if (extraction.metadata() != null && "exiftool".equals(extraction.metadata().getExtra().get("readBy"))) fallback.add(file);
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
                millis.put(file, (System.nanoTime() - started) / 1e6);
            });
            extractAll.run();
            double ourSeconds = Double.MAX_VALUE;
            for (int i = 0; i < 3; i++) {
                millis.clear();
                ourSeconds = Math.min(ourSeconds, timed(extractAll::run));
            }
            System.err.println("slowest files (ms, one thread each):");
            millis.entrySet().stream().sorted(java.util.Map.Entry.<Path, Double>comparingByValue().reversed()).limit(12)
                    .forEach(e -> System.err.printf("  %7.1f  %s%n", e.getValue(), corpus.relativize(e.getKey())));
            System.err.printf("  sum of all %.0f ms%n", millis.values().stream().mapToDouble(Double::doubleValue).sum());
            add("metadata extraction, " + label + " (files/s)", media.size() / ourSeconds,
                    String.format("exiftool -json -r: %,.0f files/s, ratio %.2f; %s%d files, best of 3 each; ffprobe only for .mts, WMA and unreadable headers",
                            media.size() / exifSeconds, exifSeconds / ourSeconds, target > 0 ? "target " + target + "; " : "", media.size()));
            double fallbackMillis = fallback.stream().mapToDouble(millis::get).sum();
            add(label + ": files read through the ExifTool fallback", fallback.size(),
                    String.format("%d of %d; %.1f ms a file on each reader thread, waiting for the one kept-open process included; %s", fallback.size(), media.size(),
                            fallback.isEmpty() ? 0 : fallbackMillis / fallback.size(),
                            extractor.tools().exiftool() ? fallback.stream().map(f -> f.getFileName().toString()).sorted().toList() : "exiftool not installed"));
            extractor.close();
        }
    }

    private void scanWithSmallHeap(Path tree) throws Exception {
        System.err.println("scan with -Xmx256m in a child JVM...");
        long[] peak = {0};
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-cp", System.getProperty("java.class.path"), "org.archivist.ArchivistApplication", "scan", tree.toString(),
                "--db", "jdbc:sqlite:" + work.resolve("small-heap.db")).redirectErrorStream(true)
                .redirectOutput(work.resolve("child.log").toFile()).start();
        long started = System.nanoTime();
        while (child.isAlive()) {
            peak[0] = Math.max(peak[0], residentKiB(child.pid()));
            Thread.sleep(200);
        }
        double childSeconds = (System.nanoTime() - started) / 1e9;
        String log = Files.readString(work.resolve("child.log"));
        add("scan with -Xmx256m", 0, String.format("exit %d in %.1f s, peak RSS %,d MiB; %s", child.exitValue(), childSeconds, peak[0] / 1024,
                log.lines().filter(l -> l.startsWith("scan ")).reduce((a, b) -> b).orElse("").strip()));
    }

    private static long residentKiB(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
                if (line.startsWith("VmRSS:")) return Long.parseLong(line.replaceAll("\\D", ""));
            }
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
        return 0;
    }

    /**
     * A library-like mix of small files: 40 % JPEG, 20 % PNG (real encoded images with a unique tail),
     * 25 % text notes and 15 % unknown binary, in folders of 1,000.
     */
    private void generateTree(Path root) throws IOException {
        generateTree(root, files, 0);
    }

    /** {@code files} of the mix under {@code root}, numbered from {@code first}. */
    static void generateTree(Path root, int files, int first) throws IOException {
        Random random = new Random(42 + first);
        byte[] jpeg = encode("jpg");
        byte[] png = encode("png");
        byte[] noise = new byte[2048];
        for (int i = first; i < first + files; i++) {
            Path folder = root.resolve("d" + (i / 1000));
            if (i % 1000 == 0 || i == first) Files.createDirectories(folder);
            int kind = i % 20;
            byte[] tail = ("#" + i + "#").getBytes();
            if (kind < 8) {
                Files.write(folder.resolve("IMG_" + i + ".jpg"), concat(jpeg, tail));
            } else if (kind < 12) {
                Files.write(folder.resolve("screen-" + i + ".png"), concat(png, tail));
            } else if (kind < 17) {
                Files.writeString(folder.resolve("note-" + i + ".txt"), "note " + i + ": " + "lorem ipsum dolor sit amet ".repeat(1 + random.nextInt(20)));
            } else {
                random.nextBytes(noise);
                Files.write(folder.resolve("blob-" + i + ".bin"), concat(noise, tail));
            }
        }
    }

    /** A small real image, 64x48 with a gradient, encoded by ImageIO. */
    static byte[] encode(String format) throws IOException {
        java.awt.image.BufferedImage image = new java.awt.image.BufferedImage(64, 48, java.awt.image.BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 48; y++) for (int x = 0; x < 64; x++) image.setRGB(x, y, (x * 4) << 16 | (y * 5) << 8 | (x + y));
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        javax.imageio.ImageIO.write(image, format, out);
        return out.toByteArray();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] joined = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, joined, a.length, b.length);
        return joined;
    }

    private List<Path> generateMixed(Path root) throws IOException {
        Files.createDirectories(root);
        Random random = new Random(7);
        long[] sizes = {4 << 10, 64 << 10, 1 << 20, 8 << 20, 32 << 20};
        List<Path> made = new ArrayList<>();
        long total = 0;
        for (int i = 0; total < hashBytes; i++) {
            long size = Math.min(sizes[i % sizes.length], hashBytes - total);
            byte[] content = new byte[(int) size];
            random.nextBytes(content);
            made.add(Files.write(root.resolve("blob-" + i + ".bin"), content));
            total += size;
        }
        return made;
    }

    private static double timed(ThrowingRunnable work) throws Exception {
        long start = System.nanoTime();
        work.run();
        return (System.nanoTime() - start) / 1e9;
    }

    private static void run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (process.waitFor() != 0) throw new IllegalStateException(command + " exited " + process.exitValue());
    }

    private void add(String measure, double rate, String note) {
        table.add(new String[] {measure, rate == 0 ? "" : String.format("%,.0f", rate), note});
    }

    private void print() {
        System.out.printf("Scanning benchmark: %,d small files; %,d MiB for SHA-256; %d cores%n", files, hashBytes >> 20,
                Runtime.getRuntime().availableProcessors());
        int[] widths = {7, 4, 4};
        List<String[]> all = new ArrayList<>();
        all.add(new String[] {"measure", "rate", "note"});
        all.addAll(table);
        for (String[] r : all) for (int c = 0; c < 3; c++) widths[c] = Math.max(widths[c], r[c].length());
        for (String[] r : all) {
            System.out.println(String.format("| %-" + widths[0] + "s | %" + widths[1] + "s | %-" + widths[2] + "s |", r[0], r[1], r[2]));
        }
    }

    @FunctionalInterface
    private interface ThrowingRunnable {
        void run() throws Exception;
    }
}
