package org.archivist.fingerprint;

/**
 * Decoded pixels in the three layouts that decide how goimagehash's resize step treats an image
 * (the Go image type the decoder would have returned). Gray images are {@link Rgba8} with equal
 * channels: the Go gray path gives the same values.
 */
public sealed interface PixelImage permits PixelImage.Rgba8, PixelImage.YCbCr, PixelImage.Rgba16 {

    int width();

    int height();

    /**
     * 8 bits a channel, four channels a pixel. {@code premultiplied} false is Go's NRGBA (colour
     * not yet multiplied by alpha), true is Go's RGBA.
     */
    record Rgba8(int width, int height, byte[] pixels, boolean premultiplied) implements PixelImage {
    }

    /** Y, Cb and Cr interleaved, one sample of each for every pixel (chroma already upsampled). */
    record YCbCr(int width, int height, byte[] pixels) implements PixelImage {
    }

    /** 16 bits a channel, alpha-premultiplied, as Go's {@code Color.RGBA()} gives them. */
    record Rgba16(int width, int height, int[] pixels) implements PixelImage {
    }
}
