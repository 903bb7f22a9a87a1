package org.archivist.thumbs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

import org.archivist.catalog.FileCatalog;
import org.archivist.catalog.Library;
import org.archivist.catalog.LibraryService;
import org.archivist.catalog.MediaType;
import org.archivist.fingerprint.HashService;
import org.archivist.fingerprint.ImageDecoder;
import org.archivist.fingerprint.PerceptualHash;
import org.archivist.jobs.JobCompleted;
import org.archivist.jobs.JobContext;
import org.archivist.jobs.JobHandler;
import org.archivist.jobs.JobRunner;
import org.archivist.jobs.JobSpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;

/**
 * The thumbnail stage of a library, a background job after its hashing: for every hashed file on
 * disk whose content has no pictures yet, the first engine that accepts it makes a thumbnail and a
 * preview, in batches on {@code threads} threads. Resumable (what is made is kept), a bad file
 * costs only itself (its reason is recorded and it is not retried until its content changes), and
 * at the end the pictures of contents no file has any more are removed.
 */
@Service
public class ThumbnailService implements JobHandler<ThumbnailService.ThumbnailJob> {

    public static final String JOB_TYPE = "thumbnails";
    private static final Logger log = LoggerFactory.getLogger(ThumbnailService.class);
    private static final AtomicBoolean NOTICED_VIPS = new AtomicBoolean();
    private static final AtomicBoolean NOTICED_FFMPEG = new AtomicBoolean();
    private static final int PAGE = 200;
    private static final int BATCH = 25;

    /** The thumbnails of one library. */
    public record ThumbnailJob(long libraryId) implements JobSpec {
        @Override
        public String type() {
            return JOB_TYPE;
        }

        @Override
        public String key() {
            return "library:" + libraryId;
        }
    }

    /** What a run did; {@code offline}: the library's folder was not there, so nothing was made (and nothing removed). */
    public record Report(long made, long failed, long alreadyMade, long removed, boolean offline) {
    }

    private final FileCatalog catalog;
    private final LibraryService libraries;
    private final ThumbnailStore store;
    private final ThumbnailRecords records;
    private final List<Thumbnailer> engines;
    private final JobRunner runner;
    private final ImageDecoder decoder;
    private final int threads;

    ThumbnailService(FileCatalog catalog, LibraryService libraries, ThumbnailStore store, ThumbnailRecords records, List<Thumbnailer> engines,
                     JobRunner runner, ImageDecoder decoder, @Value("${archivist.thumbnails.threads:2}") int threads) {
        this.decoder = decoder;
        this.catalog = catalog;
        this.libraries = libraries;
        this.store = store;
        this.records = records;
        this.engines = engines;
        this.runner = runner;
        this.threads = Math.max(1, threads);
    }

    @Override
    public String type() {
        return JOB_TYPE;
    }

    @Override
    public Class<ThumbnailJob> specification() {
        return ThumbnailJob.class;
    }

    /** In {@code archivist serve}, a library's hashing is followed by its thumbnails. */
    @EventListener
    void completed(JobCompleted completed) {
        if (completed.spec() instanceof HashService.HashJob hash) runner.submit(new ThumbnailJob(hash.libraryId()));
    }

    @Override
    public Map<String, Object> run(ThumbnailJob spec, JobContext context) {
        Report report = make(libraries.get(spec.libraryId()), context);
        return Map.of("made", report.made(), "failed", report.failed(), "alreadyMade", report.alreadyMade(), "removed", report.removed(),
                "offline", report.offline());
    }

    /** Makes what is missing for the library, then removes the pictures of contents no file has. */
    public Report make(Library library, JobContext context) {
        Path root = Path.of(library.getRootPath());
        if (!Files.isDirectory(root)) {
            // Not a failure to retry: the disk comes back, and its next scan or hashing queues this again.
            log.info("library {} is offline ({} is not there): no thumbnails made now; those made are still served", library.getName(), root);
            return new Report(0, 0, 0, 0, true);
        }
        noticeMissingEngines();
        store.sweepStaging();
        long made = 0, failed = 0, already = 0, after = 0;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            while (true) {
                List<FileCatalog.Hashed> page = catalog.hashed(library.getId(), after, PAGE);
                if (page.isEmpty()) break;
                after = page.get(page.size() - 1).id();
                // One file per content, and only contents an engine takes and nothing was made for.
                Map<String, FileCatalog.Hashed> contents = new LinkedHashMap<>();
                for (FileCatalog.Hashed file : page) if (engineFor(file) != null) contents.putIfAbsent(file.sha256(), file);
                Map<String, ThumbnailRecords.Made> known = records.find(contents.keySet());
                Map<Thumbnailer, List<FileCatalog.Hashed>> todo = new LinkedHashMap<>();
                for (FileCatalog.Hashed file : contents.values()) {
                    ThumbnailRecords.Made made1 = known.get(file.sha256());
                    // Done: made and still on disk, or failed with the engine that would try again (another one,
                    // libvips installed since the fallback failed, gets its chance).
                    boolean done = made1 != null && (made1.ready()
                            ? store.find(file.sha256(), ThumbnailSize.THUMB, made1.format()).isPresent()
                            : engineFor(file).name().equals(made1.engine()));
                    if (done) already++;
                    else todo.computeIfAbsent(engineFor(file), e -> new ArrayList<>()).add(file);
                }
                List<Future<Counts>> running = new ArrayList<>();
                for (Map.Entry<Thumbnailer, List<FileCatalog.Hashed>> work : todo.entrySet()) {
                    List<FileCatalog.Hashed> files = work.getValue();
                    for (int from = 0; from < files.size(); from += BATCH) {
                        List<FileCatalog.Hashed> batch = files.subList(from, Math.min(files.size(), from + BATCH));
                        running.add(pool.submit(() -> batch(work.getKey(), root, batch)));
                    }
                }
                for (Future<Counts> batch : running) {
                    Counts counts = await(batch);
                    made += counts.made();
                    failed += counts.failed();
                }
                if (context != null) {
                    context.progress(made + failed + already, null);
                    if (context.cancelled()) break;
                }
            }
        } finally {
            pool.shutdownNow();
            awaitTermination(pool);
        }
        long removed = context != null && context.cancelled() ? 0 : removeUnused();
        log.info("thumbnails of library {}: {} made, {} failed, {} already made, {} removed", library.getName(), made, failed, already, removed);
        return new Report(made, failed, already, removed, false);
    }

    private Thumbnailer engineFor(FileCatalog.Hashed file) {
        for (Thumbnailer engine : engines) if (engine.accepts(file.mediaType(), file.mimeType())) return engine;
        return null;
    }

    private record Counts(long made, long failed) {
    }

    /** One batch by one engine in its own staging folder. */
    private Counts batch(Thumbnailer engine, Path root, List<FileCatalog.Hashed> files) {
        Path staging = store.staging();
        try {
            List<Thumbnailer.Request> requests = new ArrayList<>();
            long failed = 0;
            for (FileCatalog.Hashed file : files) {
                if (file.width() != null && file.height() != null && (long) file.width() * file.height() > Pictures.MAX_PIXELS) {
                    records.failed(file.sha256(), engine.name(), "an image of " + file.width() + " x " + file.height()
                            + " pixels is over the limit of " + Pictures.MAX_PIXELS + " pixels");
                    failed++;
                    continue;
                }
                Path source = root.resolve(file.path()).normalize();
                if (!source.startsWith(root.normalize()) || !Files.isRegularFile(source)) continue; // gone since the scan: the next scan says so
                requests.add(new Thumbnailer.Request(source, file.sha256(), file.mediaType(), file.mimeType(), file.width(), file.height(),
                        file.orientation(), staging.resolve(file.sha256() + ".thumb." + engine.format()),
                        staging.resolve(file.sha256() + ".preview." + engine.format())));
            }
            long made = 0;
            for (Thumbnailer.Outcome outcome : engine.make(requests)) {
                String sha = outcome.request().sha256();
                if (outcome.made()) {
                    if (outcome.perceptualHash() != null) {
                        catalog.storePerceptualHashOfContent(sha, outcome.request().mediaType(), outcome.perceptualHash());
                    } else {
                        hashFromThumbnail(outcome.request(), engine.format());
                    }
                    Map<ThumbnailSize, Path> pictures = new EnumMap<>(ThumbnailSize.class);
                    pictures.put(ThumbnailSize.THUMB, outcome.request().thumb());
                    pictures.put(ThumbnailSize.PREVIEW, outcome.request().preview());
                    store.put(sha, engine.format(), pictures);
                    records.ready(sha, engine.format(), engine.name());
                    made++;
                } else if (!Files.isRegularFile(outcome.request().file())) {
                    // The file went away while it was being pictured: not its content's fault, and another
                    // file with the same content (or this one back) must still get its pictures.
                    log.debug("{} left while its thumbnail was being made", outcome.request().file());
                } else {
                    log.debug("no thumbnail for {}: {}", outcome.request().file(), outcome.error());
                    records.failed(sha, engine.name(), outcome.error());
                    failed++;
                }
            }
            return new Counts(made, failed);
        } finally {
            try {
                store.discard(staging);
            } catch (IOException e) {
                log.debug("staging folder {} left for the next run to sweep: {}", staging, e.toString()); // swept when old
            }
        }
    }

    /**
     * A JPEG photo is decoded once: its perceptual hash is read from the thumbnail just made (a
     * 320 px JPEG, a few milliseconds; a few bits from the full decode's at most, see
     * {@link PerceptualHash#ofReducedCopy}), so duplicate detection finds it hashed. Other formats,
     * and a thumbnail that cannot be read, are left to detection's full decode.
     */
    private void hashFromThumbnail(Thumbnailer.Request request, String format) {
        if (request.mediaType() != MediaType.IMAGE || !"image/jpeg".equals(request.mimeType()) || !"jpg".equals(format)) return;
        try {
            long phash = PerceptualHash.ofReducedCopy(decoder.decode(request.thumb(), "image/jpeg"), request.orientation());
            catalog.storePerceptualHashOfContent(request.sha256(), MediaType.IMAGE, phash);
        } catch (IOException | ImageDecoder.UndecodableException | RuntimeException e) {
            log.debug("no perceptual hash from the thumbnail of {}: {}", request.file(), e.toString());
        }
    }

    /** Pictures of contents that no catalogued file has any more. */
    private long removeUnused() {
        long removed = 0;
        String after = "";
        while (true) {
            List<String> recorded = records.after(after, 500);
            if (recorded.isEmpty()) return removed;
            after = recorded.get(recorded.size() - 1);
            Set<String> kept = catalog.stillCatalogued(recorded);
            for (String sha : recorded) {
                if (kept.contains(sha)) continue;
                store.remove(sha);
                records.delete(sha);
                removed++;
            }
        }
    }

    private void noticeMissingEngines() {
        if (!ToolRun.installed("vipsthumbnail") && NOTICED_VIPS.compareAndSet(false, true)) {
            log.warn("libvips is not installed (sudo apt-get install libvips-tools): thumbnails are made by the slower Java fallback, "
                    + "and HEIC and AVIF photos get none");
        }
        if (!ToolRun.installed("ffmpeg") && NOTICED_FFMPEG.compareAndSet(false, true)) {
            log.warn("ffmpeg is not installed (sudo apt-get install ffmpeg): videos get no poster frame");
        }
    }

    /** The other batches stop (their programs are killed) before the job reports how it ended. */
    private static void awaitTermination(ExecutorService pool) {
        try {
            if (!pool.awaitTermination(60, java.util.concurrent.TimeUnit.SECONDS)) log.warn("thumbnail batches still running after 60 s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Counts await(Future<Counts> batch) {
        try {
            return batch.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while making thumbnails", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
    }
}
