package org.archivist.fingerprint;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * The 64-bit DCT perceptual hash of goimagehash's {@code PerceptionHash}, the one Stash stores:
 * resize to 64x64 (bilinear), gray, unscaled DCT-II along rows then columns (Byeong Gi Lee's
 * recursive algorithm), the top-left 8x8 coefficients, and bit {@code 63 - (8v + u)} set when a
 * coefficient is above their median. The DC term is the most significant bit.
 */
public final class PerceptualHash {

    static final int SIZE = 64;

    /** The hash of a uniform image: only the DC term is above the median. It carries no picture. */
    public static final long FLAT = 0x8000000000000000L;

    private static final long ODD_U = mask(true);
    private static final long ODD_V = mask(false);

    private PerceptualHash() {
    }

    public static long of(PixelImage image) {
        double[] pixels = GoBilinearResize.toGray(image, SIZE);
        double[] coefficients = lowFrequencies(pixels);
        double[] sorted = coefficients.clone();
        Arrays.sort(sorted);
        double median = sorted[31] / 2 + sorted[32] / 2;
        long hash = 0;
        for (int index = 0; index < 64; index++) {
            if (coefficients[index] > median) {
                hash |= 1L << (63 - index);
            }
        }
        return hash;
    }

    /**
     * The hash read from a reduced copy of a photo shown upright (its thumbnail): the copy is turned back
     * to the stored pixel order first. Not bit-exact with {@link #of} on the original, but close
     * ({@code ThumbnailServiceTest} holds at least 95 % of the corpus's JPEGs within 4 bits), and it
     * spares the full decode of a photo that is being pictured anyway.
     */
    public static long ofReducedCopy(PixelImage upright, Integer orientation) {
        return of(StoredOrientation.of(upright, orientation));
    }

    public static int distance(long a, long b) {
        return Long.bitCount(a ^ b);
    }

    /** False for hashes that say nothing about a picture (a uniform or one-pixel image). */
    public static boolean informative(long hash) {
        return hash != FLAT && hash != 0;
    }

    /**
     * The hash of the same picture turned by 0, 90, 180 or 270 degrees or mirrored, derived from
     * the bits: a mirror flips the sign of the odd horizontal (or vertical) frequencies, which
     * around a median near zero inverts their bits, and a transpose swaps the two frequency axes.
     * The first element is the hash itself.
     */
    public static long[] orientations(long hash) {
        long transposed = transpose(hash);
        return new long[] {
            hash, hash ^ ODD_U, hash ^ ODD_V, hash ^ ODD_U ^ ODD_V,
            transposed, transposed ^ ODD_U, transposed ^ ODD_V, transposed ^ ODD_U ^ ODD_V,
        };
    }

    /** The smallest distance between {@code a} in any orientation and {@code b}. */
    public static int orientedDistance(long a, long b) {
        int best = 64;
        for (long variant : orientations(a)) {
            best = Math.min(best, distance(variant, b));
        }
        return best;
    }

    /** As Stash prints it next to goimagehash: 16 lower-case hex digits. */
    public static String hex(long hash) {
        return HexFormat.of().toHexDigits(hash);
    }

    public static long parseHex(String hex) {
        return Long.parseUnsignedLong(hex, 16);
    }

    private static long transpose(long hash) {
        long result = 0;
        for (int v = 0; v < 8; v++) {
            for (int u = 0; u < 8; u++) {
                if ((hash & bit(8 * v + u)) != 0) {
                    result |= bit(8 * u + v);
                }
            }
        }
        return result;
    }

    private static long mask(boolean oddHorizontal) {
        long mask = 0;
        for (int v = 0; v < 8; v++) {
            for (int u = 0; u < 8; u++) {
                if ((oddHorizontal ? u : v) % 2 == 1) {
                    mask |= bit(8 * v + u);
                }
            }
        }
        return mask;
    }

    private static long bit(int index) {
        return 1L << (63 - index);
    }

    /** The 8x8 lowest frequencies, index {@code 8v + u}, of the 2-D DCT of a 64x64 picture. */
    static double[] lowFrequencies(double[] pixels) {
        double[] rows = pixels.clone();
        double[] scratch = new double[SIZE];
        for (int y = 0; y < SIZE; y++) {
            lee(rows, y * SIZE, scratch, 0, SIZE);
        }
        double[] column = new double[SIZE];
        double[] result = new double[64];
        for (int u = 0; u < 8; u++) {
            for (int y = 0; y < SIZE; y++) {
                column[y] = rows[y * SIZE + u];
            }
            lee(column, 0, scratch, 0, SIZE);
            for (int v = 0; v < 8; v++) {
                result[8 * v + u] = column[v];
            }
        }
        return result;
    }

    /**
     * Unscaled DCT-II in place by Lee's recursion; {@code temp} is scratch of the same length, and
     * the halves recurse with the input as their scratch, as the reference does.
     */
    private static void lee(double[] input, int in, double[] temp, int tmp, int length) {
        if (length == 1) {
            return;
        }
        int half = length / 2;
        for (int i = 0; i < half; i++) {
            double x = input[in + i];
            double y = input[in + length - 1 - i];
            temp[tmp + i] = x + y;
            temp[tmp + i + half] = (x - y) / (Math.cos((i + 0.5) * Math.PI / length) * 2);
        }
        lee(temp, tmp, input, in, half);
        lee(temp, tmp + half, input, in, half);
        for (int i = 0; i < half - 1; i++) {
            input[in + i * 2] = temp[tmp + i];
            input[in + i * 2 + 1] = temp[tmp + i + half] + temp[tmp + i + half + 1];
        }
        input[in + length - 2] = temp[tmp + half - 1];
        input[in + length - 1] = temp[tmp + length - 1];
    }
}
