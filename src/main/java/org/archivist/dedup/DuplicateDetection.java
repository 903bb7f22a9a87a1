package org.archivist.dedup;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

import org.archivist.catalog.FileCatalog;
import org.archivist.catalog.MediaType;
import org.archivist.fingerprint.ImageDecoder;
import org.archivist.fingerprint.PerceptualHash;
import org.archivist.fingerprint.Sha256;
import org.archivist.fingerprint.VideoPerceptualHash;
import org.archivist.decisions.DecisionLog;
import org.archivist.jobs.JobContext;
import org.archivist.jobs.JobRunner;
import org.springframework.stereotype.Service;

/**
 * Duplicate detection, run as the {@code dedup} job after every scan and by {@code dupes find}:
 * perceptual hashes for images and videos that have none; exact copies by size, then quick hash,
 * then SHA-256 (computed here for the candidates the hashing stage has not reached); near copies
 * by perceptual hash without comparing all pairs. The {@code duplicates} table is then made to
 * match what was found, so groups follow files as they are added, changed or go missing.
 */
@Service
public class DuplicateDetection implements org.archivist.jobs.JobHandler<DuplicateDetection.DetectionJob> {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(DuplicateDetection.class);

    public static final String JOB_TYPE = "dedup";

    /** The settings of near-duplicate matching; see docs/duplicates.md for how the defaults were chosen. */
    public record NearSettings(int threshold, double videoDurationTolerance) {
        public static final NearSettings DEFAULT = new NearSettings(10, 0.02);

        public NearSettings {
            if (threshold < 0 || threshold > 32) throw new IllegalArgumentException("threshold: " + threshold + " is outside 0-32 bits");
        }

        /** The defaults with another Hamming threshold. */
        public static NearSettings withThreshold(int threshold) {
            return new NearSettings(threshold, DEFAULT.videoDurationTolerance());
        }

        /** Turned or mirrored copies: a lossless turn moves few bits, and a looser limit would match unrelated pictures. */
        int turnedThreshold() {
            return Math.max(0, threshold - 3);
        }

        /** Two photos taken in the same second by the same account of time (an edit, a crop) may differ more. */
        int sameMomentThreshold() {
            return threshold + 6;
        }
    }

    public record Report(long hashed, long unhashable, int exactGroups, int exactCopies, int nearGroups, int nearCopies,
                         int added, int removed, double seconds) {
    }

    private static final int BATCH = 64;

    private final FileCatalog catalog;
    private final DuplicateStore store;
    private final JobRunner runner;
    private final ImageDecoder images;
    private final VideoPerceptualHash videos;

    private final DecisionLog decisions;

    DuplicateDetection(FileCatalog catalog, DuplicateStore store, JobRunner runner, DecisionLog decisions, ImageDecoder images,
                       VideoPerceptualHash videos) {
        this.catalog = catalog;
        this.images = images;
        this.videos = videos;
        this.store = store;
        this.runner = runner;
        this.decisions = decisions;
    }

    /** Runs detection as a job (resuming one that was interrupted). */
    public Report find(NearSettings settings, int threads, Consumer<String> progress) {
        return runJob(settings, threads, progress);
    }

    /** Only byte-identical copies: no perceptual hashing, near groups left as they are. */
    public Report findExact(int threads, Consumer<String> progress) {
        return runJob(null, threads, progress);
    }

    private Report runJob(NearSettings settings, int threads, Consumer<String> progress) {
        return runner.runToEnd(DetectionJob.of(settings, threads), context -> run(settings, threads, progress, context),
                DuplicateDetection::stored).value();
    }

    private static Map<String, Object> stored(Report report) {
        return Map.of("exact_groups", report.exactGroups(), "near_groups", report.nearGroups(),
                "hashed", report.hashed(), "unhashable", report.unhashable());
    }

    /** Duplicate detection over every library: exact copies only, or near ones too at a threshold. */
    public record DetectionJob(boolean exactOnly, Integer threshold, int threads) implements org.archivist.jobs.JobSpec {
        static DetectionJob of(NearSettings settings, int threads) {
            return settings == null ? new DetectionJob(true, null, threads) : new DetectionJob(false, settings.threshold(), threads);
        }

        NearSettings settings() {
            return exactOnly ? null : NearSettings.withThreshold(threshold == null ? NearSettings.DEFAULT.threshold() : threshold);
        }

        @Override
        public String type() {
            return JOB_TYPE;
        }

        @Override
        public String key() {
            // Detection at another threshold is another run, not the one already queued.
            return exactOnly ? "exact" : "near:" + (threshold == null ? NearSettings.DEFAULT.threshold() : threshold);
        }
    }

    /** Queues detection for the server's workers (or answers the run already queued or going). */
    public org.archivist.jobs.Job submit(NearSettings settings) {
        return runner.submit(DetectionJob.of(settings, Runtime.getRuntime().availableProcessors()));
    }

    @Override
    public String type() {
        return JOB_TYPE;
    }

    @Override
    public Class<DetectionJob> specification() {
        return DetectionJob.class;
    }

    @Override
    public Map<String, Object> run(DetectionJob spec, JobContext context) {
        return stored(run(spec.settings(), spec.threads(), line -> { }, context));
    }

    /** {@code settings} null: exact copies only. */
    Report run(NearSettings settings, int threads, Consumer<String> progress, JobContext job) {
        long started = System.nanoTime();
        long[] hashed = settings == null ? new long[2] : fingerprint(threads, progress, job);
        List<DuplicateStore.Match> exact = exactMatches(threads);
        int[] exactChange = store.replace("exact", exact);
        List<DuplicateStore.Match> near = settings == null ? List.of() : nearMatches(settings);
        int[] nearChange = settings == null ? new int[2] : store.replace("perceptual", near);
        if (job != null) job.progress(1, 1L);
        return new Report(hashed[0], hashed[1], groups(exact), exact.size(), groups(near), near.size(),
                exactChange[0] + nearChange[0], exactChange[1] + nearChange[1], (System.nanoTime() - started) / 1e9);
    }

    private static int groups(List<DuplicateStore.Match> matches) {
        return (int) matches.stream().mapToLong(DuplicateStore.Match::originalId).distinct().count();
    }

    /** Perceptual hashes for every present image and video that has none, both cores, in id order. */
    private long[] fingerprint(int threads, Consumer<String> progress, JobContext job) {
        long total = catalog.countWithoutPerceptualHash();
        long done = 0, failed = 0, after = 0;
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads));
        try {
            while (true) {
                List<FileCatalog.Unfingerprinted> batch = catalog.withoutPerceptualHash(after, BATCH);
                if (batch.isEmpty()) break;
                after = batch.get(batch.size() - 1).id();
                List<Future<?>> futures = new ArrayList<>();
                for (FileCatalog.Unfingerprinted file : batch) {
                    futures.add(pool.submit(() -> fingerprintOne(file)));
                }
                for (Future<?> future : futures) {
                    try {
                        future.get();
                    } catch (Exception e) {
                        failed++;
                    }
                }
                done += batch.size();
                progress.accept(String.format("perceptual hashes: %,d of %,d", done, total));
                if (job != null) {
                    job.progress(done, total + 1);
                    if (job.cancelled()) break;
                }
            }
        } finally {
            pool.shutdownNow();
        }
        return new long[] {done, failed};
    }

    private void fingerprintOne(FileCatalog.Unfingerprinted file) {
        Long phash = null;
        String error = null;
        try {
            Path path = Path.of(file.absolutePath());
            phash = file.mediaType() == MediaType.VIDEO ? videos.of(path) : PerceptualHash.of(images.decode(path, file.mimeType()));
        } catch (ImageDecoder.UndecodableException e) {
            error = e.getMessage();
        } catch (IOException e) {
            error = "unreadable: " + e.getMessage();
        } catch (RuntimeException | OutOfMemoryError e) {
            error = "could not be decoded: " + e;
        }
        if (error != null) log.info("no perceptual hash for {}: {}", file.absolutePath(), error);
        catalog.storePerceptualHash(file, phash, error);
    }

    /** Byte-identical groups: same size, same quick hash, same SHA-256 (hashed here, in parallel, when missing). */
    private List<DuplicateStore.Match> exactMatches(int threads) {
        List<DuplicateStore.Candidate> candidates = store.sameSizeAndQuickHash();
        List<DuplicateStore.Candidate> missing = candidates.stream().filter(c -> c.sha256() == null).toList();
        String[] computed = new String[missing.size()];
        ThreadLocal<Sha256> hashers = ThreadLocal.withInitial(Sha256::new);
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads));
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < missing.size(); i++) {
                int at = i;
                futures.add(pool.submit(() -> {
                    try {
                        computed[at] = hashers.get().of(Path.of(missing.get(at).absolutePath()));
                    } catch (IOException e) {
                        computed[at] = null; // gone or unreadable since the scan: no group this time
                        log.info("not hashed for exact duplicates, {}: {}", missing.get(at).absolutePath(), e.toString());
                    }
                }));
            }
            for (Future<?> future : futures) future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while hashing duplicate candidates", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("hashing duplicate candidates failed", e.getCause());
        } finally {
            pool.shutdownNow();
        }
        Map<Long, String> sha = new HashMap<>();
        List<FileCatalog.Unhashed> unhashed = new ArrayList<>();
        List<String> hashes = new ArrayList<>();
        for (DuplicateStore.Candidate c : candidates) {
            if (c.sha256() != null) sha.put(c.id(), c.sha256());
        }
        for (int i = 0; i < missing.size(); i++) {
            if (computed[i] == null) continue;
            DuplicateStore.Candidate c = missing.get(i);
            sha.put(c.id(), computed[i]);
            unhashed.add(new FileCatalog.Unhashed(c.id(), c.absolutePath(), c.sizeBytes(), c.fileModifiedAt()));
            hashes.add(computed[i]);
        }
        if (!unhashed.isEmpty()) catalog.storeSha256(unhashed, hashes);
        Map<String, List<DuplicateStore.Candidate>> groups = new LinkedHashMap<>();
        for (DuplicateStore.Candidate c : candidates) {
            if (sha.containsKey(c.id())) groups.computeIfAbsent(c.sizeBytes() + "/" + sha.get(c.id()), k -> new ArrayList<>()).add(c);
        }
        Set<DecisionLog.FilePair> refused = decisions.notDuplicatePairs();
        List<DuplicateStore.Match> matches = new ArrayList<>();
        for (List<DuplicateStore.Candidate> group : groups.values()) {
            if (group.size() < 2) continue;
            DuplicateStore.Candidate original = group.stream().min(ORIGINAL_FIRST).orElseThrow();
            for (DuplicateStore.Candidate copy : group) {
                // Identical copies a person chose to keep all of ("keep all") are not proposed again.
                if (copy != original && !refused.contains(DecisionLog.FilePair.of(copy.id(), original.id()))) {
                    matches.add(new DuplicateStore.Match(copy.id(), original.id(), "exact", 1.0));
                }
            }
        }
        return matches;
    }

    /** The group's original: the earliest capture, then the oldest file, then the first catalogued. */
    static final Comparator<DuplicateStore.Candidate> ORIGINAL_FIRST = Comparator
            .comparing(DuplicateStore.Candidate::detectedAt, Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(DuplicateStore.Candidate::fileModifiedAt, Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparingLong(DuplicateStore.Candidate::id);

    /** Perceptual groups, images with images and videos with videos, leaving out byte-identical pairs. */
    private List<DuplicateStore.Match> nearMatches(NearSettings settings) {
        Set<DecisionLog.FilePair> refused = decisions.notDuplicatePairs();
        List<DuplicateStore.Match> matches = new ArrayList<>();
        Map<String, List<DuplicateStore.Candidate>> byType = new HashMap<>();
        for (DuplicateStore.Candidate c : store.withPerceptualHash()) {
            if (PerceptualHash.informative(c.phash())) byType.computeIfAbsent(c.mediaType(), k -> new ArrayList<>()).add(c);
        }
        for (List<DuplicateStore.Candidate> all : byType.values()) {
            // One file per content is matched; its byte-identical copies join whatever group it joins.
            Map<String, List<DuplicateStore.Candidate>> byContent = new LinkedHashMap<>();
            for (DuplicateStore.Candidate c : all) {
                String content = c.sha256() == null ? "file " + c.id() : c.sizeBytes() + "/" + c.sha256();
                byContent.computeIfAbsent(content, k -> new ArrayList<>()).add(c);
            }
            List<List<DuplicateStore.Candidate>> contents = new ArrayList<>(byContent.values());
            List<DuplicateStore.Candidate> files = contents.stream().map(copies -> copies.get(0)).toList();
            UnionFind groups = new UnionFind(files.size());
            Matching matching = new Matching(files, groups, refused, settings);
            // Equal hashes are joined directly and searched once, through the first of them:
            // forty thousand look-alike pictures are forty thousand unions, not 800 million pairs.
            Map<Long, Integer> firstWithHash = new HashMap<>();
            List<Integer> searched = new ArrayList<>();
            for (int i = 0; i < files.size(); i++) {
                Integer first = firstWithHash.putIfAbsent(files.get(i).phash(), i);
                if (first == null || !matching.join(first, i)) searched.add(i);
            }
            long[] hashes = searched.stream().mapToLong(i -> files.get(i).phash()).toArray();
            new NearDuplicateIndex(hashes).forEachPair(settings.threshold(), settings.turnedThreshold(),
                    (a, b, distance) -> matching.join(searched.get(a), searched.get(b)));
            for (int[] pair : sameMomentPairs(files, settings)) matching.join(pair[0], pair[1]);
            for (List<Integer> group : groups.groups()) {
                List<DuplicateStore.Candidate> members = group.stream().flatMap(i -> contents.get(i).stream()).toList();
                DuplicateStore.Candidate original = members.stream().min(ORIGINAL_FIRST).orElseThrow();
                for (DuplicateStore.Candidate copy : members) {
                    // Joined through a third file: a pair a person called distinct is still not proposed.
                    if (copy == original || refused.contains(DecisionLog.FilePair.of(copy.id(), original.id()))) continue;
                    int distance = Math.min(PerceptualHash.orientedDistance(copy.phash(), original.phash()), 64);
                    matches.add(new DuplicateStore.Match(copy.id(), original.id(), "perceptual", 1 - distance / 64.0));
                }
            }
        }
        return matches;
    }

    /** Joins two contents into one group unless a person said they differ or their durations differ. */
    private record Matching(List<DuplicateStore.Candidate> files, UnionFind groups, Set<DecisionLog.FilePair> refused, NearSettings settings) {
        /** Joins them unless that is not allowed; says whether it did. */
        boolean join(int a, int b) {
            DuplicateStore.Candidate x = files.get(a);
            DuplicateStore.Candidate y = files.get(b);
            if (refused.contains(DecisionLog.FilePair.of(x.id(), y.id())) || !durationsAgree(x, y, settings)) return false;
            groups.union(a, b);
            return true;
        }
    }

    /** Pictures with the same embedded capture instant, compared with the looser same-moment limit. */
    private static List<int[]> sameMomentPairs(List<DuplicateStore.Candidate> files, NearSettings settings) {
        Map<java.time.Instant, List<Integer>> byMoment = new HashMap<>();
        for (int i = 0; i < files.size(); i++) {
            DuplicateStore.Candidate c = files.get(i);
            if (c.detectedAt() != null && ("high".equals(c.confidence()) || "medium".equals(c.confidence()))) {
                byMoment.computeIfAbsent(c.detectedAt(), k -> new ArrayList<>()).add(i);
            }
        }
        List<int[]> pairs = new ArrayList<>();
        for (List<Integer> same : byMoment.values()) {
            if (same.size() < 2 || same.size() > 50) continue;
            for (int x = 0; x < same.size(); x++) {
                for (int y = x + 1; y < same.size(); y++) {
                    long a = files.get(same.get(x)).phash();
                    long b = files.get(same.get(y)).phash();
                    if (PerceptualHash.orientedDistance(a, b) <= settings.sameMomentThreshold()) {
                        pairs.add(new int[] {same.get(x), same.get(y)});
                    }
                }
            }
        }
        return pairs;
    }

    private static boolean durationsAgree(DuplicateStore.Candidate a, DuplicateStore.Candidate b, NearSettings settings) {
        if (!"video".equals(a.mediaType())) return true;
        if (a.durationSeconds() == null || b.durationSeconds() == null) return false;
        double longer = Math.max(a.durationSeconds(), b.durationSeconds());
        return Math.abs(a.durationSeconds() - b.durationSeconds()) <= Math.max(1.0, longer * settings.videoDurationTolerance());
    }
}
