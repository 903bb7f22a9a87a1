package org.archivist.dedup;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;

import org.archivist.fingerprint.PerceptualHash;
import org.junit.jupiter.api.Test;

class NearDuplicateIndexTest {

    @Test
    void findsExactlyThePairsAnAllPairsLoopFinds() {
        SplittableRandom random = new SplittableRandom(7);
        int n = 8_000;
        long[] hashes = new long[n];
        for (int i = 0; i < n; i++) hashes[i] = random.nextLong();
        for (int i = 0; i < 200; i++) {
            int a = random.nextInt(n);
            int b = random.nextInt(n);
            long planted = hashes[a];
            int flips = 1 + random.nextInt(12);
            for (int f = 0; f < flips; f++) planted ^= 1L << random.nextInt(64);
            hashes[b] = i % 3 == 0 ? PerceptualHash.orientations(planted)[1 + random.nextInt(7)] : planted;
        }
        Set<String> expected = new HashSet<>();
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                int straight = PerceptualHash.distance(hashes[i], hashes[j]);
                int turned = 64;
                long[] variants = PerceptualHash.orientations(hashes[i]);
                for (int v = 1; v < 8; v++) turned = Math.min(turned, PerceptualHash.distance(variants[v], hashes[j]));
                if (straight <= 10 || turned <= 7) {
                    expected.add(i + "-" + j + "@" + Math.min(straight <= 10 ? straight : 64, turned <= 7 ? turned : 64));
                }
            }
        }
        Set<String> found = new HashSet<>();
        for (NearDuplicateIndex.Pair pair : new NearDuplicateIndex(hashes).pairs(10, 7)) {
            assertThat(found.add(pair.first() + "-" + pair.second() + "@" + pair.distance())).as("reported once: %s", pair).isTrue();
        }
        assertThat(found).isEqualTo(expected);
        assertThat(expected.size()).isGreaterThan(100);
    }

    @Test
    void aClusterOfMillionsOfPairsIsStreamedToTheSinkNotHeld() {
        SplittableRandom random = new SplittableRandom(11);
        int n = 4_000;
        long base = random.nextLong();
        long[] hashes = new long[n];
        for (int i = 0; i < n; i++) hashes[i] = base ^ (1L << random.nextInt(64)) ^ (1L << random.nextInt(64));
        java.util.BitSet seen = new java.util.BitSet(n * n);
        long[] calls = {0};
        new NearDuplicateIndex(hashes).forEachPair(10, -1, (first, second, distance) -> {
            assertThat(distance).isLessThanOrEqualTo(4);
            seen.set(first * n + second);
            calls[0]++;
        });
        assertThat(seen.cardinality()).as("every pair of the cluster, each within 4 bits").isEqualTo(n * (n - 1) / 2);
        assertThat(calls[0]).isGreaterThanOrEqualTo(n * (n - 1L) / 2);
    }

    @Test
    void aThresholdOutsideZeroTo32IsRefusedNamingIt() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> DuplicateDetection.NearSettings.withThreshold(40))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("threshold: 40 is outside 0-32 bits");
        assertThat(DuplicateDetection.NearSettings.withThreshold(12).videoDurationTolerance())
                .isEqualTo(DuplicateDetection.NearSettings.DEFAULT.videoDurationTolerance());
    }

    @Test
    void chunkRadiiLeaveNoPairUnfound() {
        assertThat(NearDuplicateIndex.radii(10)).containsExactly(2, 2, 2, 1);
        assertThat(NearDuplicateIndex.radii(7)).containsExactly(1, 1, 1, 1);
        assertThat(NearDuplicateIndex.radii(2)).containsExactly(0, 0, 0, -1);
        for (int limit = 0; limit <= 20; limit++) {
            assertThat(java.util.Arrays.stream(NearDuplicateIndex.radii(limit)).map(r -> r + 1).sum()).isEqualTo(limit + 1);
        }
    }
}
