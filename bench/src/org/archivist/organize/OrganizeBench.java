package org.archivist.organize;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.archivist.ArchivistApplication;
import org.archivist.catalog.CaptureDate;
import org.archivist.catalog.Confidence;
import org.archivist.catalog.FileCatalog;
import org.archivist.catalog.ItemKind;
import org.archivist.catalog.ItemProposal;
import org.archivist.catalog.LibraryService;
import org.archivist.catalog.MediaType;
import org.archivist.catalog.ScannedFile;
import org.archivist.catalog.TimestampSource;
import org.archivist.db.DatabaseLocation;
import org.archivist.db.Engine;
import org.archivist.db.SchemaMigrator;
import org.archivist.fingerprint.Sha256;
import org.archivist.testing.TestDatabases;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code bench/run organize [FILES] [COPY_KB]}: 100,000 files (default) of 4 KiB in 1,000 import
 * folders, catalogued with capture dates and SHA-256, organized in place into
 * {@code year/year-month-day/} by the default layout: the preview, then the moves. Baselines in the
 * same run: the same renames by a shell loop of {@code mv} (one process per file, folders made
 * beforehand), and for a copy to another file system (/dev/shm) {@code cp -r} followed by
 * {@code sha256sum} of every copy, against Archivist's copy mode (copy, flush, read back, verify,
 * rename into place, record).
 */
public final class OrganizeBench {

    private static final Path OTHER_DISK = Path.of("/dev/shm");

    public static void main(String[] args) throws Exception {
        int files = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int copyKb = args.length > 1 ? Integer.parseInt(args[1]) : 64;
        Path work = Files.createTempDirectory("organize-bench");
        List<String> rows = new ArrayList<>();

        // Baselines, once: the database is not theirs.
        Path shell = work.resolve("shell");
        List<String[]> moves = tree(shell, files, 4);
        StringBuilder script = new StringBuilder();
        for (String[] move : moves) Files.createDirectories(shell.resolve(move[1]).getParent());
        for (String[] move : moves) script.append(move[0]).append('\t').append(move[1]).append('\n');
        Files.writeString(work.resolve("moves.tsv"), script);
        long t = System.nanoTime();
        run(shell, "while IFS=$'\\t' read -r from to; do mv -- \"$from\" \"$to\"; done < " + work.resolve("moves.tsv"));
        double mv = (System.nanoTime() - t) / 1e9;
        rows.add(row("shell", "baseline: " + count(files) + " renames by a shell loop of mv", mv, files / mv, ""));
        deleteTree(shell);

        boolean otherDisk = Files.isDirectory(OTHER_DISK) && !Files.getAttribute(OTHER_DISK, "unix:dev").equals(Files.getAttribute(work, "unix:dev"));
        double cpSha = 0;
        Path copySource = work.resolve("copy-source");
        if (otherDisk) {
            tree(copySource, files, copyKb);
            Path target = Files.createTempDirectory(OTHER_DISK, "organize-bench-cp");
            t = System.nanoTime();
            run(work, "cp -r " + copySource + "/in " + target + "/in && find " + target + " -type f -print0 | xargs -0 sha256sum > /dev/null");
            cpSha = (System.nanoTime() - t) / 1e9;
            rows.add(row("shell", "baseline: cp -r of " + count(files) + " files of " + copyKb + " KiB to /dev/shm, then sha256sum of the copies", cpSha,
                    files / cpSha, ""));
            deleteTree(target);
        }

        for (Engine engine : List.of(Engine.SQLITE, Engine.POSTGRESQL)) {
            DatabaseLocation location = TestDatabases.fresh(engine);
            new SchemaMigrator(location).upgrade();
            String name = engine.displayName();
            try (ConfigurableApplicationContext context = ArchivistApplication.start(location)) {
                Path root = work.resolve("library-" + engine.name().toLowerCase(Locale.ROOT));
                System.err.printf("%s: making and cataloguing %,d files...%n", name, files);
                tree(root, files, 4);
                long library = catalogue(context, root, files);
                t = System.nanoTime();
                OrganizeRuns.Run run = context.getBean(OrganizePreview.class).preview(library);
                double preview = (System.nanoTime() - t) / 1e9;
                rows.add(row(name, "preview of " + count(files) + " moves " + run.counts(), preview, files / preview,
                        files >= 100_000 ? (preview < 10 ? "< 10 s: met" : "< 10 s: NOT met") : ""));
                t = System.nanoTime();
                OrganizeApplier.Report report = context.getBean(OrganizeApplier.class).applyNow(run.id());
                double apply = (System.nanoTime() - t) / 1e9;
                rows.add(row(name, "apply: " + count(files) + " moves on one disk " + report.counts(), apply, files / apply,
                        String.format(Locale.ROOT, "%.1fx the speed of mv: %s", mv / apply, mv / apply >= 0.5 ? "met (>= 0.5x)" : "NOT met (>= 0.5x)")));
                deleteTree(root);
                if (otherDisk) {
                    long copyLibrary = catalogue(context, copySource, files);
                    Path target = Files.createTempDirectory(OTHER_DISK, "organize-bench-ours");
                    context.getBean(OrganizeSettingsStore.class).save(copyLibrary, OrganizeSettings.of("copy", target.toString(), Map.of(), false));
                    OrganizeRuns.Run copy = context.getBean(OrganizePreview.class).preview(copyLibrary);
                    t = System.nanoTime();
                    OrganizeApplier.Report copied = context.getBean(OrganizeApplier.class).applyNow(copy.id());
                    double seconds = (System.nanoTime() - t) / 1e9;
                    rows.add(row(name, "apply, copy mode to /dev/shm: " + count(files) + " files of " + copyKb + " KiB " + copied.counts(), seconds, files / seconds,
                            String.format(Locale.ROOT, "%.0f %% of cp + sha256sum: %s", 100 * cpSha / seconds, cpSha / seconds >= 0.7 ? "met (>= 70 %)" : "NOT met (>= 70 %)")));
                    deleteTree(target);
                }
            }
        }
        deleteTree(work);
        System.out.printf("Organize benchmark: %s files, %d cores%n", count(files), Runtime.getRuntime().availableProcessors());
        System.out.println("| engine | measure | seconds | files/s | target |");
        System.out.println("| --- | --- | ---: | ---: | --- |");
        rows.forEach(System.out::println);
        System.exit(0);
    }

    /** {@code files} files of {@code kb} KiB in root/in/import-NNN/, each different; answers each one's (from, to) for the default photo layout. */
    private static List<String[]> tree(Path root, int files, int kb) throws IOException {
        List<String[]> moves = new ArrayList<>();
        byte[] content = new byte[kb * 1024];
        for (int n = 0; n < files; n++) {
            String from = "in/import-" + (n % 1_000) + "/IMG_" + n + ".jpg";
            Path file = root.resolve(from);
            if (n < 1_000) Files.createDirectories(file.getParent());
            java.nio.ByteBuffer.wrap(content).putInt(0, n);
            Files.write(file, content);
            Instant at = taken(n);
            String day = at.toString().substring(0, 10);
            moves.add(new String[] {from, day.substring(0, 4) + "/" + day + "/IMG_" + n + ".jpg"});
        }
        return moves;
    }

    private static Instant taken(int n) {
        return Instant.parse("2015-01-01T12:00:00Z").plusSeconds(600L * n);
    }

    private static long catalogue(ConfigurableApplicationContext context, Path root, int files) throws IOException {
        long library = context.getBean(LibraryService.class).add("bench-" + System.nanoTime(), root, Set.of(), List.of()).getId();
        FileCatalog catalog = context.getBean(FileCatalog.class);
        List<ScannedFile> batch = new ArrayList<>();
        Sha256 sha = new Sha256();
        for (int n = 0; n < files; n++) {
            String path = "in/import-" + (n % 1_000) + "/IMG_" + n + ".jpg";
            Path file = root.resolve(path);
            Instant at = taken(n);
            batch.add(new ScannedFile(path, Files.size(file), null, Files.getLastModifiedTime(file).toInstant(), "image/jpeg", MediaType.IMAGE,
                    Long.toHexString(n), sha.of(file), new CaptureDate(at, 0, TimestampSource.EXIF, Confidence.HIGH), null,
                    new ItemProposal(ItemKind.PHOTO, "IMG_" + n, null, null, null, null), null));
            if (batch.size() == 1_000) {
                catalog.insertNew(library, batch);
                batch.clear();
            }
        }
        if (!batch.isEmpty()) catalog.insertNew(library, batch);
        return library;
    }

    private static void run(Path folder, String command) throws Exception {
        Process process = new ProcessBuilder("bash", "-c", command).directory(folder.toFile()).inheritIO().start();
        if (process.waitFor() != 0) throw new IllegalStateException("'" + command + "' failed");
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) return;
        try (Stream<Path> all = Files.walk(root)) {
            for (Path path : all.sorted(java.util.Comparator.reverseOrder()).toList()) Files.deleteIfExists(path);
        }
    }

    private static String count(int n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    private static String row(String engine, String what, double seconds, double rate, String target) {
        return String.format(Locale.ROOT, "| %s | %s | %.2f | %,.0f | %s |", engine, what, seconds, rate, target);
    }
}
