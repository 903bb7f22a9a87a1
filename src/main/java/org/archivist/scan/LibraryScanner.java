package org.archivist.scan;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.archivist.catalog.FileCatalog;
import org.archivist.catalog.FileStatus;
import org.archivist.catalog.KnownFile;
import org.archivist.catalog.Library;
import org.archivist.catalog.LibraryService;
import org.archivist.catalog.ScannedFile;
import org.archivist.jobs.JobContext;
import org.archivist.metadata.MediaClassifier;
import org.archivist.metadata.MetadataExtractor;
import org.archivist.search.SearchIndex;
import org.springframework.stereotype.Service;

/**
 * One scan of one library: walk, compare with the catalogue, read what is new or changed (in
 * parallel), and write it in batches of one transaction each, so a killed scan loses at most a
 * batch and the next one carries on where it stopped. Moved files are recognised by size and
 * quick hash among the files that vanished; files still gone at the end are marked missing. The
 * offline guard refuses to touch a library whose root is missing or emptied, or that lost more
 * than half of its files at once.
 */
@Service
public class LibraryScanner {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(LibraryScanner.class);

    static final int BATCH = 500;

    private final LibraryService libraries;
    private final FileCatalog catalog;
    private final MediaClassifier classifier;
    private final MetadataExtractor extractor;
    private final SearchIndex search;
    private final org.archivist.db.SecondaryIndexes indexes;
    /** A first scan of at least this many files writes in bulk mode on SQLite (0: never). */
    private final int bulkFiles;
    private int threads = Math.max(1, Runtime.getRuntime().availableProcessors());

    LibraryScanner(LibraryService libraries, FileCatalog catalog, MediaClassifier classifier, MetadataExtractor extractor, SearchIndex search,
                   io.micrometer.core.instrument.MeterRegistry metrics, org.archivist.db.SecondaryIndexes indexes,
                   @org.springframework.beans.factory.annotation.Value("${archivist.scan.bulk-files:50000}") int bulkFiles) {
        this.indexes = indexes;
        this.bulkFiles = bulkFiles;
        // Scan rates for admins (/actuator/prometheus): files written by kind of change, summed over every scan.
        this.added = metrics.counter("archivist.scan.files", "outcome", "added");
        this.changed = metrics.counter("archivist.scan.files", "outcome", "changed");
        this.movedFiles = metrics.counter("archivist.scan.files", "outcome", "moved");
        this.libraries = libraries;
        this.catalog = catalog;
        this.classifier = classifier;
        this.extractor = extractor;
        this.search = search;
    }

    private final io.micrometer.core.instrument.Counter added;
    private final io.micrometer.core.instrument.Counter changed;
    private final io.micrometer.core.instrument.Counter movedFiles;

    public void setThreads(int threads) {
        this.threads = Math.max(1, threads);
    }

    /**
     * @param acceptMissing a person confirmed that many files are really gone: the "more than half
     *                      vanished" guard is lifted (a missing or empty root still stops the scan)
     */
    public ScanReport scan(Library library, boolean acceptMissing, ScanProgress progress, JobContext job) {
        long started = System.nanoTime();
        Path root = Path.of(library.getRootPath());
        String name = library.getName();
        if (!Files.isDirectory(root)) {
            return offline(library, "library root " + root + " is missing (is the disk mounted?)", started);
        }
        // Loading what the catalogue knows overlaps the walk: one is SQLite work, the other file-system calls.
        java.util.concurrent.CompletableFuture<Map<String, KnownFile>> knownFiles = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            Map<String, KnownFile> byPath = new HashMap<>(1 << 16);
            catalog.forEachKnownFile(library.getId(), file -> byPath.put(file.path(), file));
            return byPath;
        });
        TreeWalker.Walk walk;
        try {
            walk = TreeWalker.walk(root, library.getSettings().excludeGlobs(), library.getSettings().followLinks());
        } catch (IOException e) {
            return offline(library, "library root " + root + " cannot be read: " + e.getMessage(), started);
        }
        walk.problems().forEach(progress::notice);

        Map<String, KnownFile> known = knownFiles.join();
        long present = known.values().stream().filter(f -> f.status() != FileStatus.MISSING).count();
        if (walk.files().isEmpty() && present > 0) {
            return offline(library, "library root " + root + " is empty but " + present + " files were there (is the disk mounted?)", started);
        }

        List<WalkedFile> toRead = new ArrayList<>();
        List<Long> returned = new ArrayList<>();
        long unchanged = 0;
        java.util.Set<String> seen = new java.util.HashSet<>(known.size() * 4 / 3 + 16);
        List<String> skipped = new ArrayList<>(walk.problems());
        for (WalkedFile file : walk.files()) {
            if (!FileCatalog.storablePath(file.path())) {
                String problem = file.path().substring(0, 120) + "...: a path longer than 2,400 bytes is not catalogued (shorten it)";
                skipped.add(problem);
                progress.notice(problem);
                continue;
            }
            KnownFile before = known.get(file.path());
            if (before == null) {
                toRead.add(file);
                continue;
            }
            seen.add(file.path());
            if (before.sizeBytes() != file.size() || !file.modified().equals(before.fileModifiedAt())) {
                toRead.add(file);
            } else if (before.status() == FileStatus.MISSING) {
                returned.add(before.id());
            } else {
                unchanged++;
            }
        }
        Map<String, KnownFile> vanished = new LinkedHashMap<>();
        if (seen.size() < known.size()) {
            for (KnownFile file : known.values()) {
                if (file.status() != FileStatus.MISSING && !seen.contains(file.path())) vanished.put(file.path(), file);
            }
        }
        if (!acceptMissing && present > 0 && vanished.size() * 2L > present) {
            return offline(library, vanished.size() + " of its " + present + " files vanished at once (more than half): "
                    + "nothing was changed; if they were really removed, scan again with --accept-missing", started);
        }
        return readAndWrite(library, walk, skipped, known, vanished, toRead, returned, unchanged, progress, job, started);
    }

    private ScanReport readAndWrite(Library library, TreeWalker.Walk walk, List<String> skipped, Map<String, KnownFile> known, Map<String, KnownFile> vanished,
                                    List<WalkedFile> toRead, List<Long> returned, long unchanged, ScanProgress progress,
                                    JobContext job, long started) {
        // Decided before any file is read: no reader's time limit or busy thread can make a tool look missing.
        extractor.tools().notices().forEach(progress::notice);
        progress.started(library.getName(), toRead.size());
        log.info("scan of {} ({}): {} files to read, {} unchanged, {} gone", library.getName(), library.getRootPath(), toRead.size(),
                unchanged, vanished.size());
        catalog.markPresent(returned);
        Map<String, ArrayDeque<KnownFile>> movable = new HashMap<>();
        for (KnownFile gone : vanished.values()) {
            if (gone.quickHash() != null) movable.computeIfAbsent(gone.sizeBytes() + ":" + gone.quickHash(), k -> new ArrayDeque<>()).add(gone);
        }
        FileInspector inspector = new FileInspector(classifier, extractor, library.getMediaTypes());
        BatchWriter writer = new BatchWriter(catalog, library.getId());
        List<FileProblem> problems = new ArrayList<>();
        long added = 0, changed = 0, moved = 0, errors = 0, read = 0;
        boolean cancelled = false;
        ExecutorService pool = Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, "scan-reader");
            thread.setDaemon(true);
            return thread;
        });
        // The first scan of a large library: its rows go in first, the indexes are built once at the end.
        // Not when the tables hold more than this scan brings: rebuilding their indexes would cost more than writing through them.
        java.util.Optional<org.archivist.db.SecondaryIndexes.Suspension> bulk = bulkFiles > 0 && known.isEmpty() && toRead.size() >= bulkFiles
                && toRead.size() >= catalog.countAll() ? indexes.suspend(FileCatalog.SCANNED_TABLES, FileCatalog.KEPT_IN_BULK) : java.util.Optional.empty();
        try {
            bulk.ifPresent(set -> progress.notice("first scan of " + toRead.size() + " files: written in bulk, " + set.indexes().size()
                    + " indexes built once at the end"));
            ArrayDeque<Future<ScannedFile>> window = new ArrayDeque<>();
            int next = 0;
            while (read < toRead.size()) {
                while (next < toRead.size() && window.size() < 2 * BATCH) {
                    WalkedFile file = toRead.get(next++);
                    window.add(pool.submit(() -> inspector.inspect(file)));
                }
                List<ScannedFile> fresh = new ArrayList<>();
                Map<Long, ScannedFile> rewritten = new LinkedHashMap<>();
                Map<Long, ScannedFile> relocated = new LinkedHashMap<>();
                for (int i = 0; i < BATCH && !window.isEmpty(); i++) {
                    // Looked at for every file (the context asks the database at most every 250 ms): a
                    // cancelled scan stops within a second, after writing what it has read.
                    if (job != null && job.cancelled()) {
                        cancelled = true;
                        break;
                    }
                    ScannedFile scanned = await(window.poll());
                    read++;
                    if (scanned.scanError() != null) {
                        log.info("{}/{}: {}", library.getName(), scanned.path(), scanned.scanError());
                        errors++;
                        if (problems.size() < ScanReport.LISTED_PROBLEMS) problems.add(new FileProblem(scanned.path(), scanned.scanError()));
                    }
                    KnownFile before = known.get(scanned.path());
                    ArrayDeque<KnownFile> sameContent = scanned.quickHash() == null ? null
                            : movable.get(scanned.sizeBytes() + ":" + scanned.quickHash());
                    if (before != null) {
                        rewritten.put(before.id(), scanned);
                    } else if (sameContent != null && !sameContent.isEmpty()) {
                        KnownFile origin = sameContent.poll();
                        vanished.remove(origin.path());
                        relocated.put(origin.id(), scanned);
                    } else {
                        fresh.add(scanned);
                    }
                }
                List<FileProblem> refused = write(writer, fresh, rewritten, relocated);
                errors += refused.size();
                for (FileProblem problem : refused) if (problems.size() < ScanReport.LISTED_PROBLEMS) problems.add(problem);
                added += fresh.size();
                changed += rewritten.size();
                moved += relocated.size();
                this.added.increment(fresh.size());
                this.changed.increment(rewritten.size());
                this.movedFiles.increment(relocated.size());
                progress.advanced(read);
                if (cancelled) break;
                if (job != null) {
                    job.progress(read, (long) toRead.size());
                    if (job.cancelled()) {
                        cancelled = true;
                        break;
                    }
                }
            }
        } finally {
            pool.shutdownNow();
            bulk.ifPresent(this::rebuild);
        }
        long missing = 0;
        if (!cancelled) {
            missing = catalog.markMissing(vanished.values().stream().map(KnownFile::id).toList());
            libraries.markScanned(library.getId());
        }
        search.flush();
        progress.finished();
        log.info("scan of {} {}: {} new, {} changed, {} moved, {} missing, {} errors", library.getName(),
                cancelled ? "cancelled" : "finished", added, changed, moved, missing, errors);
        return new ScanReport(library.getName(), walk.files().size(), added, changed, moved, missing, returned.size(), unchanged,
                errors, Duration.ofNanos(System.nanoTime() - started), cancelled ? "cancelled" : null, skipped, problems, null);
    }

    /** The indexes a bulk scan set aside, built again; if that fails now (a full disk), they stay recorded and are built again later. */
    private void rebuild(org.archivist.db.SecondaryIndexes.Suspension suspension) {
        try {
            indexes.end(suspension);
        } catch (RuntimeException e) {
            log.error("the indexes set aside for a bulk scan could not be built again now; they stay recorded, and a server's"
                    + " background workers try again (so does the next start): {}", e.toString());
        }
    }

    /** A failure that no file caused fails the scan, and says what it is. */
    private static List<FileProblem> write(BatchWriter writer, List<ScannedFile> fresh, Map<Long, ScannedFile> rewritten,
                                           Map<Long, ScannedFile> relocated) {
        try {
            return writer.write(fresh, rewritten, relocated);
        } catch (org.springframework.dao.DataAccessException e) {
            throw new IllegalStateException("the catalogue could not be written, which is not the fault of any file "
                    + "(is the database reachable, is its disk full?): " + e.getMostSpecificCause().getMessage(), e);
        }
    }

    private ScanReport offline(Library library, String reason, long started) {
        log.info("scan of {} stopped, library marked offline: {}", library.getName(), reason);
        libraries.markOffline(library.getId(), reason);
        return ScanReport.stopped(library.getName(), reason, Duration.ofNanos(System.nanoTime() - started));
    }

    private static ScannedFile await(Future<ScannedFile> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("scan interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UncheckedIOException io) throw io;
            throw new IllegalStateException("reading a file failed unexpectedly: " + e.getCause(), e.getCause());
        }
    }
}
