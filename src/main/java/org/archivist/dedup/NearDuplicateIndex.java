package org.archivist.dedup;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import org.archivist.fingerprint.PerceptualHash;

/**
 * Finds every pair of 64-bit perceptual hashes within a Hamming distance without comparing all
 * pairs: multi-index hashing over four 16-bit chunks. Two hashes within distance {@code t} agree
 * within {@code t/4} bits on at least one chunk, so each hash only looks at the buckets of its
 * chunks' near values. Each bucket stores the full hashes next to each other, so checking a
 * candidate is one XOR and one popcount on memory read in order.
 *
 * <p>Turned and mirrored copies are looked for with each hash's seven other orientations at a
 * stricter threshold (a lossless turn changes at most a few bits).
 */
public final class NearDuplicateIndex {

    /** A pair of positions in the input, {@code first < second}, and the distance that matched. */
    public record Pair(int first, int second, int distance) {
    }

    private static final int CHUNKS = 4;
    private static final int BUCKETS = 1 << 16;

    private final long[] hashes;
    private final int[][] order = new int[CHUNKS][];
    private final long[][] sorted = new long[CHUNKS][];
    private final int[][] starts = new int[CHUNKS][];

    public NearDuplicateIndex(long[] hashes) {
        this.hashes = hashes;
        for (int chunk = 0; chunk < CHUNKS; chunk++) {
            int[] start = new int[BUCKETS + 1];
            for (long hash : hashes) {
                start[chunk(hash, chunk) + 1]++;
            }
            for (int b = 0; b < BUCKETS; b++) {
                start[b + 1] += start[b];
            }
            int[] fill = java.util.Arrays.copyOf(start, BUCKETS);
            int[] positions = new int[hashes.length];
            long[] values = new long[hashes.length];
            for (int i = 0; i < hashes.length; i++) {
                int at = fill[chunk(hashes[i], chunk)]++;
                positions[at] = i;
                values[at] = hashes[i];
            }
            order[chunk] = positions;
            sorted[chunk] = values;
            starts[chunk] = start;
        }
    }

    /**
     * Every pair within {@code threshold} as stored, or within {@code turnedThreshold} once one
     * of them is turned or mirrored (negative: not looked for). The smallest distance is kept.
     */
    public List<Pair> pairs(int threshold, int turnedThreshold) {
        int[][] masks = {masksWithin(threshold / CHUNKS), masksWithin(Math.max(turnedThreshold, 0) / CHUNKS)};
        return IntStream.range(0, hashes.length).parallel()
                .mapToObj(i -> matchesOf(i, threshold, turnedThreshold, masks))
                .flatMap(List::stream)
                .toList();
    }

    private List<Pair> matchesOf(int query, int threshold, int turnedThreshold, int[][] masks) {
        List<Pair> found = null;
        long[] variants = turnedThreshold >= 0 ? PerceptualHash.orientations(hashes[query]) : new long[] {hashes[query]};
        for (int v = 0; v < variants.length; v++) {
            int limit = v == 0 ? threshold : turnedThreshold;
            int[] near = masks[v == 0 ? 0 : 1];
            long probe = variants[v];
            for (int chunk = 0; chunk < CHUNKS; chunk++) {
                int value = chunk(probe, chunk);
                int[] start = starts[chunk];
                long[] values = sorted[chunk];
                for (int mask : near) {
                    int bucket = value ^ mask;
                    for (int at = start[bucket]; at < start[bucket + 1]; at++) {
                        int distance = Long.bitCount(probe ^ values[at]);
                        if (distance > limit) continue;
                        int other = order[chunk][at];
                        if (other <= query || foundEarlier(probe, values[at], chunk, limit)
                                || matchedByEarlierVariant(variants, v, values[at], threshold, turnedThreshold)) {
                            continue;
                        }
                        if (found == null) found = new ArrayList<>();
                        found.add(new Pair(query, other, bestDistance(variants, values[at], threshold, turnedThreshold)));
                    }
                }
            }
        }
        return found == null ? List.of() : found;
    }

    /** The pair was already reported from an earlier chunk, whose bucket it also falls in. */
    private static boolean foundEarlier(long probe, long other, int chunk, int limit) {
        int radius = limit / CHUNKS;
        for (int earlier = 0; earlier < chunk; earlier++) {
            if (Integer.bitCount(chunk(probe, earlier) ^ chunk(other, earlier)) <= radius) return true;
        }
        return false;
    }

    private static boolean matchedByEarlierVariant(long[] variants, int v, long other, int threshold, int turnedThreshold) {
        for (int earlier = 0; earlier < v; earlier++) {
            if (Long.bitCount(variants[earlier] ^ other) <= (earlier == 0 ? threshold : turnedThreshold)) return true;
        }
        return false;
    }

    private static int bestDistance(long[] variants, long other, int threshold, int turnedThreshold) {
        int best = Long.bitCount(variants[0] ^ other);
        for (int v = 1; v < variants.length; v++) {
            int distance = Long.bitCount(variants[v] ^ other);
            if (distance <= turnedThreshold) best = Math.min(best, distance);
        }
        return best;
    }

    private static int chunk(long hash, int chunk) {
        return (int) (hash >>> (16 * chunk)) & 0xffff;
    }

    private static int[] masksWithin(int radius) {
        return IntStream.range(0, BUCKETS).filter(m -> Integer.bitCount(m) <= radius).toArray();
    }
}
