package org.archivist.fingerprint;

/**
 * Turns a picture shown upright (its EXIF orientation applied, as a thumbnailer does) back into the
 * pixel order it is stored in, which is what the perceptual hash reads: Go's decoder ignores the
 * orientation, so Stash's hashes do too.
 */
final class StoredOrientation {

    private StoredOrientation() {
    }

    /** {@code orientation} is the EXIF value 1-8; anything else (none, unknown) leaves the picture as it is. */
    static PixelImage of(PixelImage displayed, Integer orientation) {
        if (orientation == null || orientation < 2 || orientation > 8) return displayed;
        boolean swapped = orientation >= 5;
        int width = swapped ? displayed.height() : displayed.width();
        int height = swapped ? displayed.width() : displayed.height();
        if (displayed instanceof PixelImage.YCbCr ycc) {
            return new PixelImage.YCbCr(width, height, bytes(ycc.pixels(), 3, ycc.width(), width, height, orientation));
        }
        if (displayed instanceof PixelImage.Rgba8 rgba) {
            return new PixelImage.Rgba8(width, height, bytes(rgba.pixels(), 4, rgba.width(), width, height, orientation), rgba.premultiplied());
        }
        PixelImage.Rgba16 rgba = (PixelImage.Rgba16) displayed;
        return new PixelImage.Rgba16(width, height, ints(rgba.pixels(), rgba.width(), width, height, orientation));
    }

    private static byte[] bytes(byte[] shown, int channels, int shownWidth, int width, int height, int orientation) {
        byte[] stored = new byte[shown.length];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                System.arraycopy(shown, shownIndex(x, y, width, height, orientation, shownWidth) * channels, stored, (y * width + x) * channels, channels);
            }
        }
        return stored;
    }

    private static int[] ints(int[] shown, int shownWidth, int width, int height, int orientation) {
        int[] stored = new int[shown.length];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                System.arraycopy(shown, shownIndex(x, y, width, height, orientation, shownWidth) * 4, stored, (y * width + x) * 4, 4);
            }
        }
        return stored;
    }

    /** Where the stored pixel (x, y) of a {@code width} x {@code height} picture is shown under the orientation. */
    private static int shownIndex(int x, int y, int width, int height, int orientation, int shownWidth) {
        int shownX, shownY;
        switch (orientation) {
            case 2 -> { shownX = width - 1 - x; shownY = y; }
            case 3 -> { shownX = width - 1 - x; shownY = height - 1 - y; }
            case 4 -> { shownX = x; shownY = height - 1 - y; }
            case 5 -> { shownX = y; shownY = x; }
            case 6 -> { shownX = height - 1 - y; shownY = x; }
            case 7 -> { shownX = height - 1 - y; shownY = width - 1 - x; }
            case 8 -> { shownX = y; shownY = width - 1 - x; }
            default -> { shownX = x; shownY = y; }
        }
        return shownY * shownWidth + shownX;
    }
}
