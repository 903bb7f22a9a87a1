package org.archivist.fingerprint;

/**
 * The resize-to-gray step of goimagehash: {@code nfnt/resize}'s bilinear filter with its integer
 * weights, its transposing two-pass layout and its per-type paths, then goimagehash's gray
 * formula on the 16-bit values Go's colour model returns. Written from the published description
 * and behaviour of those libraries so that lossless images hash bit for bit as they do.
 */
final class GoBilinearResize {

    private GoBilinearResize() {
    }

    /** The image scaled to {@code size} x {@code size} as gray values, row by row. */
    static double[] toGray(PixelImage image, int size) {
        if (image.width() == size && image.height() == size) {
            return gray(image);
        }
        double scaleX = (double) image.width() / size;
        double scaleY = (double) image.height() / size;
        if (image instanceof PixelImage.Rgba8 rgba) {
            int[] temp = pass8(unsigned(rgba.pixels()), image.width(), image.height(), 4, Weights.of(size, scaleX, 256), !rgba.premultiplied());
            int[] result = pass8(temp, image.height(), size, 4, Weights.of(size, scaleY, 256), false);
            return gray(new PixelImage.Rgba8(size, size, toBytes(result), true));
        }
        if (image instanceof PixelImage.YCbCr ycc) {
            int[] temp = pass8(unsigned(ycc.pixels()), image.width(), image.height(), 3, Weights.of(size, scaleX, 256), false);
            int[] result = pass8(temp, image.height(), size, 3, Weights.of(size, scaleY, 256), false);
            return gray(new PixelImage.YCbCr(size, size, toBytes(result)));
        }
        PixelImage.Rgba16 rgba = (PixelImage.Rgba16) image;
        int[] temp = pass16(rgba.pixels(), image.width(), image.height(), Weights.of(size, scaleX, 65536));
        int[] result = pass16(temp, image.height(), size, Weights.of(size, scaleY, 65536));
        return gray(new PixelImage.Rgba16(size, size, result));
    }

    /** Integer filter weights for each output position, as {@code createWeights8/16} make them. */
    record Weights(int[] coefficients, int[] start, int length) {

        static Weights of(int outputLength, double scale, int unit) {
            int length = 2 * (int) Math.max(Math.ceil(scale), 1);
            double factor = Math.min(1.0 / scale, 1);
            int[] coefficients = new int[outputLength * length];
            int[] start = new int[outputLength];
            for (int y = 0; y < outputLength; y++) {
                double position = scale * (y + 0.5) - 0.5;
                start[y] = (int) position - length / 2 + 1;
                position -= start[y];
                for (int i = 0; i < length; i++) {
                    double weight = linear((position - i) * factor) * unit;
                    coefficients[y * length + i] = unit == 256 ? (short) (int) weight : (int) weight;
                }
            }
            return new Weights(coefficients, start, length);
        }

        private static double linear(double x) {
            x = Math.abs(x);
            return x <= 1 ? 1 - x : 0;
        }
    }

    /**
     * One 8-bit pass: filters each input row along x and writes it as a column, so the output is
     * {@code height} wide and {@code weights.start.length} high. NRGBA input is premultiplied first.
     */
    private static int[] pass8(int[] in, int width, int height, int channels, Weights weights, boolean premultiply) {
        int outHeight = weights.start().length;
        int[] out = new int[height * outHeight * channels];
        int maxX = width - 1;
        long[] sums = new long[channels];
        for (int x = 0; x < height; x++) {
            int row = x * width * channels;
            for (int y = 0; y < outHeight; y++) {
                java.util.Arrays.fill(sums, 0);
                int sum = 0;
                int start = weights.start()[y];
                int base = y * weights.length();
                for (int i = 0; i < weights.length(); i++) {
                    int coefficient = weights.coefficients()[base + i];
                    if (coefficient == 0) {
                        continue;
                    }
                    int xi = Math.min(Math.max(start + i, 0), maxX);
                    int at = row + xi * channels;
                    if (premultiply) {
                        int alpha = in[at + 3];
                        sums[0] += coefficient * (in[at] * alpha / 0xff);
                        sums[1] += coefficient * (in[at + 1] * alpha / 0xff);
                        sums[2] += coefficient * (in[at + 2] * alpha / 0xff);
                        sums[3] += coefficient * alpha;
                    } else {
                        for (int c = 0; c < channels; c++) {
                            sums[c] += coefficient * in[at + c];
                        }
                    }
                    sum += coefficient;
                }
                int at = (y * height + x) * channels;
                for (int c = 0; c < channels; c++) {
                    out[at + c] = clamp((int) (sums[c] / sum), 255);
                }
            }
        }
        return out;
    }

    /** The 16-bit pass, four premultiplied channels, weights scaled by 65536. */
    private static int[] pass16(int[] in, int width, int height, Weights weights) {
        int outHeight = weights.start().length;
        int[] out = new int[height * outHeight * 4];
        int maxX = width - 1;
        long[] sums = new long[4];
        for (int x = 0; x < height; x++) {
            int row = x * width * 4;
            for (int y = 0; y < outHeight; y++) {
                java.util.Arrays.fill(sums, 0);
                long sum = 0;
                int start = weights.start()[y];
                int base = y * weights.length();
                for (int i = 0; i < weights.length(); i++) {
                    long coefficient = weights.coefficients()[base + i];
                    if (coefficient == 0) {
                        continue;
                    }
                    int at = row + Math.min(Math.max(start + i, 0), maxX) * 4;
                    for (int c = 0; c < 4; c++) {
                        sums[c] += coefficient * in[at + c];
                    }
                    sum += coefficient;
                }
                int at = (y * height + x) * 4;
                for (int c = 0; c < 4; c++) {
                    long value = sums[c] / sum;
                    out[at + c] = (int) Math.min(Math.max(value, 0), 0xffff);
                }
            }
        }
        return out;
    }

    private static int clamp(int value, int max) {
        return Math.min(Math.max(value, 0), max);
    }

    private static int[] unsigned(byte[] bytes) {
        int[] values = new int[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            values[i] = bytes[i] & 0xff;
        }
        return values;
    }

    private static byte[] toBytes(int[] values) {
        byte[] bytes = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            bytes[i] = (byte) values[i];
        }
        return bytes;
    }

    /** goimagehash's gray value of every pixel, from the 16-bit values Go's colour model gives. */
    static double[] gray(PixelImage image) {
        int count = image.width() * image.height();
        double[] gray = new double[count];
        for (int p = 0; p < count; p++) {
            int r;
            int g;
            int b;
            if (image instanceof PixelImage.Rgba8 rgba) {
                byte[] px = rgba.pixels();
                int alpha = px[p * 4 + 3] & 0xff;
                r = expand(px[p * 4] & 0xff, alpha, rgba.premultiplied());
                g = expand(px[p * 4 + 1] & 0xff, alpha, rgba.premultiplied());
                b = expand(px[p * 4 + 2] & 0xff, alpha, rgba.premultiplied());
            } else if (image instanceof PixelImage.YCbCr ycc) {
                byte[] px = ycc.pixels();
                int y = (px[p * 3] & 0xff) * 0x10101;
                int cb = (px[p * 3 + 1] & 0xff) - 128;
                int cr = (px[p * 3 + 2] & 0xff) - 128;
                r = yccChannel(y + 91881 * cr);
                g = yccChannel(y - 22554 * cb - 46802 * cr);
                b = yccChannel(y + 116130 * cb);
            } else {
                int[] px = ((PixelImage.Rgba16) image).pixels();
                r = px[p * 4];
                g = px[p * 4 + 1];
                b = px[p * 4 + 2];
            }
            gray[p] = 0.299 * (double) (r / 257) + 0.587 * (double) (g / 257) + 0.114 * (double) (b / 256);
        }
        return gray;
    }

    private static int expand(int value, int alpha, boolean premultiplied) {
        int wide = value | value << 8;
        return premultiplied ? wide : wide * alpha / 0xff;
    }

    private static int yccChannel(int value) {
        if ((value & 0xff000000) == 0) {
            return value >> 8;
        }
        return ~(value >> 31) & 0xffff;
    }
}
