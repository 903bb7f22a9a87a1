package org.archivist.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

import org.archivist.dedup.NearDuplicateIndex;
import org.archivist.fingerprint.ImageDecoder;
import org.archivist.fingerprint.PerceptualHash;
import org.archivist.fingerprint.PixelImage;

/**
 * Near-duplicate search at scale: 1,000,000 random 64-bit hashes with 1,000 planted pairs at
 * distances 1-10, all pairs within the default threshold found by the multi-index search, against
 * a plain all-pairs loop over a 50,000 subset scaled up to the full set.
 */
public final class NearSearchBench {

    public static void main(String[] args) throws Exception {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int threshold = 10;
        SplittableRandom random = new SplittableRandom(11);
        long[] hashes = new long[count];
        for (int i = 0; i < count; i++) hashes[i] = random.nextLong();
        Set<String> planted = new HashSet<>();
        for (int p = 0; p < 1000; p++) {
            int a = random.nextInt(count / 2) * 2;
            int b = a + 1;
            long hash = hashes[a];
            int distance = 1 + p % 10;
            Set<Integer> bits = new HashSet<>();
            while (bits.size() < distance) bits.add(random.nextInt(64));
            for (int bit : bits) hash ^= 1L << bit;
            hashes[b] = hash;
            planted.add(a + ":" + b);
        }
        long start = System.nanoTime();
        NearDuplicateIndex index = new NearDuplicateIndex(hashes);
        double build = (System.nanoTime() - start) / 1e9;
        start = System.nanoTime();
        List<NearDuplicateIndex.Pair> straight = index.pairs(threshold, -1);
        double straightSeconds = (System.nanoTime() - start) / 1e9;
        start = System.nanoTime();
        List<NearDuplicateIndex.Pair> all = index.pairs(threshold, threshold - 3);
        double turnedSeconds = (System.nanoTime() - start) / 1e9;
        long plantedFound = plantedFound(planted, straight);
        long plantedFoundTurned = plantedFound(planted, all);

        int subset = Math.min(50_000, count);
        start = System.nanoTime();
        long matches = 0;
        for (int i = 0; i < subset; i++) {
            long h = hashes[i];
            for (int j = i + 1; j < subset; j++) {
                if (Long.bitCount(h ^ hashes[j]) <= threshold) matches++;
            }
        }
        double loop = (System.nanoTime() - start) / 1e9;
        double scaled = loop * ((double) count * (count - 1)) / ((double) subset * (subset - 1));

        System.out.printf("Near-duplicate search: %,d hashes, 1,000 planted pairs at distances 1-10, threshold %d (2 cores)%n", count, threshold);
        System.out.println("| measure | seconds | note |");
        System.out.println("| --- | ---: | --- |");
        System.out.printf("| index build | %.2f | four 16-bit chunk tables (counting sort) |%n", build);
        System.out.printf("| search, as stored | %.2f | %,d pairs; planted found %d of 1,000 |%n", straightSeconds, straight.size(), plantedFound);
        System.out.printf("| search, with turned/mirrored at %d (the default) | %.2f | %,d pairs; planted found %d of 1,000 |%n",
                threshold - 3, turnedSeconds, all.size(), plantedFoundTurned);
        System.out.printf("| all-pairs loop, scaled | %.0f | %.2f s for %,d hashes (%,d matches), x%.0f; ratio %.0fx |%n",
                scaled, loop, subset, matches, scaled / loop, scaled / straightSeconds);
        for (String photo : LARGE_PHOTOS) hashLargePhoto(Path.of("..", "shared", "corpus", "media", "images", photo));
    }

    /** Real camera JPEGs of the corpus above 12 megapixels. */
    private static final String[] LARGE_PHOTOS = {"Oppo R7 Plus.jpg", "empty_gps.jpg"};

    /** Decoding and hashing one large photo on one core, warm: the whole cost of its perceptual hash. */
    private static void hashLargePhoto(Path photo) throws Exception {
        if (!Files.isRegularFile(photo)) {
            System.out.printf("| perceptual hash of %s | | skipped: %s is absent |%n", photo.getFileName(), photo);
            return;
        }
        ImageDecoder decoder = new ImageDecoder("ffmpeg", Duration.ofSeconds(60));
        PixelImage first = decoder.decode(photo, "image/jpeg");
        for (int i = 0; i < 5; i++) PerceptualHash.of(decoder.decode(photo, "image/jpeg"));
        int runs = 10;
        long decodeNanos = 0, hashNanos = 0;
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            PixelImage image = decoder.decode(photo, "image/jpeg");
            long decoded = System.nanoTime();
            PerceptualHash.of(image);
            hashNanos += System.nanoTime() - decoded;
            decodeNanos += decoded - start;
        }
        double megapixels = first.width() * (double) first.height() / 1e6;
        double ms = (decodeNanos + hashNanos) / 1e6 / runs;
        System.out.printf("| perceptual hash of %s (%dx%d, %.1f MP), ms | %.0f | decode %.0f ms + resize and DCT %.0f ms; %.0f ms per 12 MP; one core |%n",
                photo.getFileName(), first.width(), first.height(), megapixels, ms, decodeNanos / 1e6 / runs, hashNanos / 1e6 / runs,
                ms * 12 / megapixels);
    }

    private static long plantedFound(Set<String> planted, List<NearDuplicateIndex.Pair> pairs) {
        Set<String> found = new HashSet<>();
        for (NearDuplicateIndex.Pair pair : pairs) found.add(pair.first() + ":" + pair.second());
        return planted.stream().filter(found::contains).count();
    }
}
