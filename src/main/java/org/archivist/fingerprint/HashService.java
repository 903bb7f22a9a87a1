package org.archivist.fingerprint;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.archivist.catalog.FileCatalog;
import org.archivist.catalog.Library;
import org.archivist.db.Instants;
import org.archivist.jobs.JobContext;
import org.archivist.jobs.JobRunner;
import org.springframework.stereotype.Service;

/**
 * The SHA-256 stage: hashes every present file of a library that has no hash yet, each read once,
 * streaming. It runs as a job and works through the files in id order in batches, so a stopped run
 * resumes with the first file still without a hash. A file that changed since the scan keeps no
 * hash (the next scan reads it again).
 */
@Service
public class HashService implements org.archivist.jobs.JobHandler<HashService.HashJob> {

    public static final String JOB_TYPE = "hash";

    /** The SHA-256 stage of one library. */
    public record HashJob(long libraryId, int threads) implements org.archivist.jobs.JobSpec {
        @Override
        public String type() {
            return JOB_TYPE;
        }

        @Override
        public String key() {
            return "library:" + libraryId;
        }
    }
    static final int BATCH = 200;

    public record HashReport(String library, long hashed, long failed, long bytes, double seconds) {
        public double megabytesPerSecond() {
            return seconds == 0 ? 0 : bytes / 1e6 / seconds;
        }
    }

    private final FileCatalog catalog;
    private final JobRunner runner;
    private final org.archivist.catalog.LibraryService libraries;

    HashService(FileCatalog catalog, JobRunner runner, org.archivist.catalog.LibraryService libraries) {
        this.catalog = catalog;
        this.runner = runner;
        this.libraries = libraries;
    }

    public HashReport hash(Library library, int threads, java.util.function.LongConsumer progress) {
        return runner.runToEnd(new HashJob(library.getId(), threads), context -> run(library, threads, progress, context),
                HashService::stored).value();
    }

    private static Map<String, Object> stored(HashReport report) {
        return Map.of("hashed", report.hashed(), "failed", report.failed(), "bytes", report.bytes());
    }

    @Override
    public String type() {
        return JOB_TYPE;
    }

    @Override
    public Class<HashJob> specification() {
        return HashJob.class;
    }

    @Override
    public Map<String, Object> run(HashJob spec, JobContext context) {
        return stored(run(libraries.get(spec.libraryId()), spec.threads(), done -> { }, context));
    }

    HashReport run(Library library, int threads, java.util.function.LongConsumer progress, JobContext job) {
        long started = System.nanoTime();
        Path root = Path.of(library.getRootPath());
        long total = catalog.countUnhashed(library.getId());
        long hashed = 0, failed = 0, bytes = 0, after = 0;
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads));
        ThreadLocal<Sha256> hashers = ThreadLocal.withInitial(Sha256::new);
        try {
            while (true) {
                List<FileCatalog.Unhashed> batch = catalog.unhashed(library.getId(), after, BATCH);
                if (batch.isEmpty()) break;
                after = batch.get(batch.size() - 1).id();
                List<Future<String>> futures = new ArrayList<>();
                for (FileCatalog.Unhashed file : batch) {
                    futures.add(pool.submit(() -> hashIfUnchanged(hashers.get(), root.resolve(file.path()), file)));
                }
                List<String> hashes = new ArrayList<>();
                for (int i = 0; i < futures.size(); i++) {
                    String hash = await(futures.get(i));
                    hashes.add(hash);
                    if (hash == null) failed++;
                    else {
                        hashed++;
                        bytes += batch.get(i).sizeBytes();
                    }
                }
                catalog.storeSha256(batch, hashes);
                progress.accept(hashed + failed);
                if (job != null) {
                    job.progress(hashed + failed, total);
                    if (job.cancelled()) break;
                }
            }
        } finally {
            pool.shutdownNow();
        }
        return new HashReport(library.getName(), hashed, failed, bytes, (System.nanoTime() - started) / 1e9);
    }

    private static String hashIfUnchanged(Sha256 sha, Path file, FileCatalog.Unhashed known) {
        try {
            if (!unchanged(file, known)) return null;
            String hash = sha.of(file);
            return unchanged(file, known) ? hash : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static boolean unchanged(Path file, FileCatalog.Unhashed known) throws IOException {
        BasicFileAttributes now = Files.readAttributes(file, BasicFileAttributes.class);
        return now.size() == known.sizeBytes() && Instants.stored(now.lastModifiedTime().toInstant()).equals(known.fileModifiedAt());
    }

    private static String await(Future<String> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("hashing interrupted", e);
        } catch (ExecutionException e) {
            return null;
        }
    }
}
