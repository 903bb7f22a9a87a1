package org.archivist.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.archivist.catalog.Library;
import org.archivist.catalog.LibraryService;
import org.archivist.scan.LibraryScanner;
import org.archivist.scan.ScanReport;
import org.archivist.scan.ScanService;
import org.archivist.dedup.DuplicateDetection;
import org.springframework.context.ConfigurableApplicationContext;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code archivist scan [--library NAME | PATH...]}: scans libraries (all of them when none is
 * named). A PATH that is not yet a library becomes one, named after its folder.
 */
@Command(name = "scan", description = "Catalogue the files of libraries or folders (incremental and resumable).")
class ScanCommand extends CatalogueCommand {
    @Option(names = "--library", paramLabel = "NAME", description = "Library to scan (repeatable).") List<String> names = new ArrayList<>();
    @Parameters(paramLabel = "PATH", arity = "0..*", description = "Folders to scan; each becomes a library if it is not one.")
    List<Path> paths = new ArrayList<>();
    @Option(names = "--json", description = "Print the summary as JSON.") boolean json;
    @Option(names = "--accept-missing", description = "Accept that more than half of a library's files are gone (after checking!).")
    boolean acceptMissing;
    @Option(names = "--threads", paramLabel = "N", description = "Files read in parallel (default: number of cores).") Integer threads;
    @Option(names = "--errors", description = "After the scan, list every file of the scanned libraries that has an error, with the reason "
            + "(with --json, the report's fileErrors list them).")
    boolean listErrors;
    @Option(names = "--no-dupes", description = "Do not look for duplicates after the scan (run 'archivist dupes find' later).")
    boolean noDupes;

    @Override
    int run(ConfigurableApplicationContext context, PrintWriter out) {
        PrintWriter err = spec.commandLine().getErr();
        LibraryService libraries = context.getBean(LibraryService.class);
        if (threads != null) context.getBean(LibraryScanner.class).setThreads(threads);
        List<Library> targets = new ArrayList<>();
        for (String name : names) targets.add(libraries.get(name));
        for (Path path : paths) targets.add(libraryFor(libraries, path, out));
        if (names.isEmpty() && paths.isEmpty()) targets.addAll(libraries.list());
        if (targets.isEmpty()) {
            throw new IllegalArgumentException("no library to scan: give a folder (archivist scan ~/Pictures) or add one with 'archivist library add'");
        }
        // A crash during 'dupes apply' or 'trash restore' is settled before the files are looked at.
        context.getBean(org.archivist.trash.TrashService.class).recover().forEach(err::println);
        ScanService scans = context.getBean(ScanService.class);
        List<ScanReport> reports = new ArrayList<>();
        for (Library library : targets) {
            reports.add(scans.scan(library, acceptMissing, new ProgressDisplay(err, json)));
        }
        DuplicateDetection.Report dupes = null;
        boolean scanned = reports.stream().anyMatch(r -> r.offline() == null);
        if (!noDupes && scanned) {
            dupes = context.getBean(DuplicateDetection.class).find(DuplicateDetection.NearSettings.DEFAULT,
                    Runtime.getRuntime().availableProcessors(), line -> { if (!json) err.println(line); });
        }
        if (json) {
            Object summary = reports.stream().map(ScanReport::summary).toList();
            if (dupes != null) {
                Map<String, Object> both = new java.util.LinkedHashMap<>();
                both.put("scans", summary);
                both.put("duplicates", dupes);
                summary = both;
            }
            out.println(context.getBean(JsonMapper.class).writerWithDefaultPrettyPrinter().writeValueAsString(summary));
        } else {
            reports.forEach(report -> out.println(describe(report)));
            if (dupes != null) out.println(DupesCommand.describe(dupes));
        }
        if (listErrors && !json) {
            org.archivist.catalog.FileCatalog catalog = context.getBean(org.archivist.catalog.FileCatalog.class);
            int[] listed = {0};
            for (Library library : targets) {
                catalog.forEachError(library.getId(), error -> {
                    out.println(library.getName() + "/" + error.path() + ": " + error.reason());
                    listed[0]++;
                });
            }
            if (listed[0] == 0) out.println("no file has an error");
        } else if (!json && reports.stream().anyMatch(r -> r.errors() > 0)) {
            out.println("'archivist scan --errors' lists the files with errors and why");
        }
        out.flush();
        return reports.stream().anyMatch(r -> r.offline() != null && !r.offline().equals("cancelled")) ? ExitCodes.FAILURE : ExitCodes.OK;
    }

    private static Library libraryFor(LibraryService libraries, Path path, PrintWriter out) {
        Path root = path.toAbsolutePath().normalize();
        return libraries.byRoot(root).orElseGet(() -> {
            if (!Files.isDirectory(root)) throw new IllegalArgumentException(root + " is not a folder");
            String base = root.getFileName() == null ? "root" : root.getFileName().toString();
            String name = base;
            for (int n = 2; libraries.exists(name); n++) {
                name = base + "-" + n;
            }
            Library added = libraries.add(name, root, List.of(), List.of());
            out.printf("added library %s at %s%n", added.getName(), added.getRootPath());
            return added;
        });
    }

    static String describe(ScanReport r) {
        if (r.offline() != null && !r.offline().equals("cancelled")) {
            return String.format("scan %s STOPPED, library marked offline: %s", r.library(), r.offline());
        }
        return String.format("scan %s%s: %d files seen, %d new, %d changed, %d moved, %d missing, %d back, %d unchanged, %d errors in %.1f s (%.0f files/s)%s",
                r.library(), r.offline() != null ? " (cancelled)" : "", r.seen(), r.added(), r.changed(), r.moved(), r.missing(),
                r.returned(), r.unchanged(), r.errors(), r.elapsed().toMillis() / 1000.0, r.filesPerSecond(),
                r.problems().isEmpty() ? "" : "; " + r.problems().size() + " folders or links skipped");
    }
}
