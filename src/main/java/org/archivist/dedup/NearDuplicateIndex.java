package org.archivist.dedup;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.archivist.fingerprint.PerceptualHash;

/**
 * Finds every pair of 64-bit perceptual hashes within a Hamming distance without comparing all
 * pairs: multi-index hashing over four 16-bit chunks. By the pigeonhole principle two hashes
 * within distance {@code t} have a chunk whose bits differ in at most its radius, the radii
 * summing to {@code t - 3} (for 10: 2, 2, 2 and 1), so only buckets of near chunk values are
 * compared.
 *
 * <p>The search walks bucket by bucket and compares each bucket's hashes with those of every
 * near bucket as two small blocks: both lie in order in memory, so the time goes into one XOR
 * and one popcount per candidate rather than into cache misses, as it did when each hash looked
 * up its own buckets.
 *
 * <p>Turned and mirrored copies are looked for at a stricter threshold (a lossless turn changes
 * at most a few bits) by comparing the turned hashes of six of the seven other orientations with
 * the hashes as stored, in both directions, which covers the seventh (the inverse of one of them).
 */
public final class NearDuplicateIndex {

    /** A pair of positions in the input, {@code first < second}, and the smallest distance that matched. */
    public record Pair(int first, int second, int distance) {
    }

    /** Receives pairs as they are found, one call at a time; a pair may come more than once (another chunk, another turn). */
    @FunctionalInterface
    public interface PairSink {
        void accept(int first, int second, int distance);
    }

    private static final int CHUNKS = 4;
    private static final int BUCKETS = 1 << 16;
    private static final int BUCKETS_PER_TASK = 256;
    /** Indexes into {@link PerceptualHash#orientations}: all but the stored one and the inverse of the fifth. */
    private static final int[] TURNS = {1, 2, 3, 4, 5, 7};

    private final long[] hashes;
    private final Buckets stored;

    public NearDuplicateIndex(long[] hashes) {
        this.hashes = hashes;
        this.stored = new Buckets(hashes);
    }

    /**
     * Every pair within {@code threshold} as stored, or within {@code turnedThreshold} once one
     * of them is turned or mirrored (negative: not looked for), sorted by position.
     */
    public List<Pair> pairs(int threshold, int turnedThreshold) {
        Map<Long, Pair> found = new HashMap<>();
        forEachPair(threshold, turnedThreshold, (first, second, distance) -> found.merge(((long) first << 32) | second,
                new Pair(first, second, distance), (a, b) -> a.distance() <= b.distance() ? a : b));
        List<Pair> pairs = new ArrayList<>(found.values());
        pairs.sort(Comparator.comparingInt(Pair::first).thenComparingInt(Pair::second));
        return pairs;
    }

    /**
     * Hands every such pair to {@code sink} as it is found, without holding them: memory stays
     * bounded however many there are (ten thousand frames of one time-lapse are fifty million).
     */
    public void forEachPair(int threshold, int turnedThreshold, PairSink sink) {
        join(stored, stored, threshold, sink);
        if (turnedThreshold >= 0) {
            long[][] turned = new long[TURNS.length][hashes.length];
            for (int i = 0; i < hashes.length; i++) {
                long[] orientations = PerceptualHash.orientations(hashes[i]);
                for (int t = 0; t < TURNS.length; t++) turned[t][i] = orientations[TURNS[t]];
            }
            for (long[] oneTurn : turned) join(new Buckets(oneTurn), stored, turnedThreshold, sink);
        }
    }

    /** Hands {@code sink} every pair of a hash of {@code queries} and one of {@code targets} within {@code limit}. */
    private static void join(Buckets queries, Buckets targets, int limit, PairSink sink) {
        if (limit < 0) return;
        boolean self = queries == targets;
        int[] radii = radii(limit);
        for (int chunk = 0; chunk < CHUNKS; chunk++) {
            if (radii[chunk] < 0) continue;
            int[] masks = masksWithin(radii[chunk]);
            int c = chunk;
            IntStream.range(0, BUCKETS / BUCKETS_PER_TASK).parallel().forEach(task -> {
                PairBuffer found = new PairBuffer(sink);
                queries.joinBuckets(targets, c, task * BUCKETS_PER_TASK, masks, limit, self, found);
                found.flush();
            });
        }
    }

    /** A task's pairs, handed to the shared sink a few thousand at a time under one lock. */
    private static final class PairBuffer {
        private static final int SIZE = 4096;
        private final PairSink sink;
        private final int[] pairs = new int[3 * SIZE];
        private int count;

        PairBuffer(PairSink sink) {
            this.sink = sink;
        }

        void add(int p, int q, int distance) {
            if (p == q) return;
            pairs[3 * count] = Math.min(p, q);
            pairs[3 * count + 1] = Math.max(p, q);
            pairs[3 * count + 2] = distance;
            if (++count == SIZE) flush();
        }

        void flush() {
            synchronized (sink) {
                for (int i = 0; i < count; i++) sink.accept(pairs[3 * i], pairs[3 * i + 1], pairs[3 * i + 2]);
            }
            count = 0;
        }
    }

    /**
     * Radii per chunk summing to {@code limit - CHUNKS + 1}: if every chunk differed in more bits
     * than its radius the whole hash would differ in more than {@code limit}.
     */
    static int[] radii(int limit) {
        int sum = limit - CHUNKS + 1;
        int[] radii = new int[CHUNKS];
        for (int c = 0; c < CHUNKS; c++) {
            radii[c] = Math.floorDiv(sum, CHUNKS) + (c < Math.floorMod(sum, CHUNKS) ? 1 : 0);
        }
        return radii;
    }

    private static int[] masksWithin(int radius) {
        return IntStream.range(0, BUCKETS).filter(m -> Integer.bitCount(m) <= radius).toArray();
    }

    private static int chunk(long hash, int chunk) {
        return (int) (hash >>> (16 * chunk)) & 0xffff;
    }

    /** Hashes grouped by the value of each chunk: a counting sort per chunk, hashes and positions side by side. */
    private static final class Buckets {
        private final int[][] positions = new int[CHUNKS][];
        private final long[][] values = new long[CHUNKS][];
        private final int[][] starts = new int[CHUNKS][];

        Buckets(long[] hashes) {
            for (int chunk = 0; chunk < CHUNKS; chunk++) {
                int[] start = new int[BUCKETS + 1];
                for (long hash : hashes) start[chunk(hash, chunk) + 1]++;
                for (int b = 0; b < BUCKETS; b++) start[b + 1] += start[b];
                int[] fill = Arrays.copyOf(start, BUCKETS);
                int[] at = new int[hashes.length];
                long[] sorted = new long[hashes.length];
                for (int i = 0; i < hashes.length; i++) {
                    int slot = fill[chunk(hashes[i], chunk)]++;
                    at[slot] = i;
                    sorted[slot] = hashes[i];
                }
                positions[chunk] = at;
                values[chunk] = sorted;
                starts[chunk] = start;
            }
        }

        /**
         * Compares the hashes of buckets {@code first .. first + BUCKETS_PER_TASK} with those of
         * the target buckets one mask away, gathered into one run so that the inner loop is long
         * and stays in the first-level cache. In a self-join each bucket pair is visited once.
         */
        void joinBuckets(Buckets targets, int chunk, int first, int[] masks, int limit, boolean self, PairBuffer found) {
            int[] start = starts[chunk];
            long[] mine = values[chunk];
            int[] minePositions = positions[chunk];
            int[] targetStart = targets.starts[chunk];
            long[] theirs = targets.values[chunk];
            int[] theirPositions = targets.positions[chunk];
            long[] gathered = new long[1024];
            int[] gatheredPositions = new int[1024];
            for (int bucket = first; bucket < first + BUCKETS_PER_TASK; bucket++) {
                int from = start[bucket];
                int to = start[bucket + 1];
                if (from == to) continue;
                int count = 0;
                for (int mask : masks) {
                    int other = bucket ^ mask;
                    if (self && other <= bucket) continue;
                    int length = targetStart[other + 1] - targetStart[other];
                    if (count + length > gathered.length) {
                        gathered = Arrays.copyOf(gathered, 2 * (count + length));
                        gatheredPositions = Arrays.copyOf(gatheredPositions, gathered.length);
                    }
                    System.arraycopy(theirs, targetStart[other], gathered, count, length);
                    System.arraycopy(theirPositions, targetStart[other], gatheredPositions, count, length);
                    count += length;
                }
                for (int a = from; a < to; a++) {
                    long hash = mine[a];
                    int p = minePositions[a];
                    for (int k = 0; k < count; k++) {
                        int distance = Long.bitCount(hash ^ gathered[k]);
                        if (distance <= limit) found.add(p, gatheredPositions[k], distance);
                    }
                    if (self) {
                        for (int b = a + 1; b < to; b++) {
                            int distance = Long.bitCount(hash ^ mine[b]);
                            if (distance <= limit) found.add(p, minePositions[b], distance);
                        }
                    }
                }
            }
        }
    }
}
