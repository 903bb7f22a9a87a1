package org.archivist.fingerprint;

import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

import org.archivist.metadata.ExternalTool;

/**
 * Decodes an image file into the pixel layout Go's decoder would give it, without colour
 * management (Go ignores ICC profiles and EXIF orientation, and so does the hash). JPEG keeps its
 * YCbCr samples, PNG/TIFF/GIF/BMP keep their sample type, WebP is decoded by ffmpeg into its
 * YCbCr planes (VP8 decoding is exact, so WebP agrees with Go). Formats the JVM cannot decode
 * (HEIC, AVIF, RAW) use the largest embedded JPEG preview, else ffmpeg, else are refused with a
 * reason.
 */
public final class ImageDecoder {

    /** Why an image has no perceptual hash. */
    public static final class UndecodableException extends Exception {
        public UndecodableException(String message) {
            super(message);
        }
    }

    private static final long MAX_PIXELS = 200_000_000L;
    private static final int MAX_PREVIEW_SCAN = 64 * 1024 * 1024;

    private final String ffmpeg;
    private final Duration limit;

    public ImageDecoder(String ffmpeg, Duration limit) {
        this.ffmpeg = ffmpeg;
        this.limit = limit;
    }

    public PixelImage decode(Path file, String mimeType) throws IOException, UndecodableException {
        String mime = mimeType == null ? "" : mimeType;
        switch (mime) {
            case "image/jpeg" -> {
                return jpeg(Files.newInputStream(file), file);
            }
            case "image/png", "image/gif", "image/bmp", "image/tiff" -> {
                return imageIo(file);
            }
            case "image/webp" -> {
                return webp(file);
            }
            default -> {
                PixelImage preview = embeddedPreview(file);
                if (preview != null) {
                    return preview;
                }
                return ffmpegRgba(file, "no decoder for " + (mime.isEmpty() ? "this format" : mime) + " and no embedded preview");
            }
        }
    }

    private PixelImage jpeg(InputStream input, Path file) throws IOException, UndecodableException {
        try (ImageInputStream stream = new MemoryCacheImageInputStream(input)) {
            Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName("jpeg");
            ImageReader reader = readers.next();
            try {
                reader.setInput(stream, true, true);
                checkSize(reader.getWidth(0), reader.getHeight(0), file);
                // The raster is the decoded samples before any colour conversion: Y, Cb, Cr for a colour JPEG.
                Raster raster = reader.readRaster(0, null);
                return switch (raster.getNumBands()) {
                    case 1 -> grayFromBand(raster);
                    case 3 -> ycc(raster);
                    default -> throw new UndecodableException("JPEG with " + raster.getNumBands() + " colour components (CMYK) is not hashed");
                };
            } catch (javax.imageio.IIOException e) {
                throw new UndecodableException("JPEG could not be decoded: " + e.getMessage());
            } finally {
                reader.dispose();
            }
        }
    }

    private static void checkSize(long width, long height, Path file) throws UndecodableException {
        if (width <= 0 || height <= 0 || width * height > MAX_PIXELS) {
            throw new UndecodableException("image of " + width + "x" + height + " pixels is not hashed (limit " + MAX_PIXELS + " pixels)");
        }
    }

    private static PixelImage grayFromBand(Raster raster) {
        int width = raster.getWidth();
        int height = raster.getHeight();
        int[] samples = raster.getSamples(raster.getMinX(), raster.getMinY(), width, height, 0, (int[]) null);
        byte[] pixels = new byte[width * height * 4];
        for (int p = 0; p < samples.length; p++) {
            byte value = (byte) samples[p];
            pixels[p * 4] = value;
            pixels[p * 4 + 1] = value;
            pixels[p * 4 + 2] = value;
            pixels[p * 4 + 3] = (byte) 0xff;
        }
        return new PixelImage.Rgba8(width, height, pixels, true);
    }

    private static PixelImage ycc(Raster raster) {
        int width = raster.getWidth();
        int height = raster.getHeight();
        int[] samples = raster.getPixels(raster.getMinX(), raster.getMinY(), width, height, (int[]) null);
        byte[] pixels = new byte[samples.length];
        for (int i = 0; i < samples.length; i++) {
            pixels[i] = (byte) samples[i];
        }
        return new PixelImage.YCbCr(width, height, pixels);
    }

    private PixelImage imageIo(Path file) throws IOException, UndecodableException {
        BufferedImage image;
        try (ImageInputStream stream = ImageIO.createImageInputStream(file.toFile())) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(stream);
            if (!readers.hasNext()) {
                throw new UndecodableException("no image decoder recognises this file");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(stream, true, true);
                checkSize(reader.getWidth(0), reader.getHeight(0), file);
                image = reader.read(0);
            } catch (javax.imageio.IIOException | IllegalArgumentException | ArrayIndexOutOfBoundsException e) {
                throw new UndecodableException("image could not be decoded: " + e.getMessage());
            } finally {
                reader.dispose();
            }
        }
        return fromBufferedImage(image);
    }

    /** Maps a decoded image to the Go type its decoder would return, keeping the stored samples. */
    static PixelImage fromBufferedImage(BufferedImage image) {
        int width = image.getWidth();
        int height = image.getHeight();
        ColorModel model = image.getColorModel();
        Raster raster = image.getRaster();
        if (model instanceof IndexColorModel palette) {
            // Go's paletted images go through the 16-bit path with each entry's premultiplied colour.
            int[] indexes = raster.getSamples(0, 0, width, height, 0, (int[]) null);
            int[] pixels = new int[width * height * 4];
            for (int p = 0; p < indexes.length; p++) {
                int index = indexes[p];
                int alpha = palette.getAlpha(index);
                pixels[p * 4] = premultiplied16(palette.getRed(index), alpha);
                pixels[p * 4 + 1] = premultiplied16(palette.getGreen(index), alpha);
                pixels[p * 4 + 2] = premultiplied16(palette.getBlue(index), alpha);
                pixels[p * 4 + 3] = alpha | alpha << 8;
            }
            return new PixelImage.Rgba16(width, height, pixels);
        }
        int bands = raster.getNumBands();
        boolean sixteenBit = raster.getTransferType() == DataBuffer.TYPE_USHORT;
        boolean alpha = model.hasAlpha();
        int[] samples = raster.getPixels(0, 0, width, height, (int[]) null);
        if (sixteenBit) {
            int[] pixels = new int[width * height * 4];
            for (int p = 0; p < width * height; p++) {
                int a = alpha ? samples[p * bands + bands - 1] : 0xffff;
                for (int c = 0; c < 3; c++) {
                    int value = bands < 3 ? samples[p * bands] : samples[p * bands + c];
                    pixels[p * 4 + c] = alpha && !model.isAlphaPremultiplied() ? (int) ((long) value * a / 0xffff) : value;
                }
                pixels[p * 4 + 3] = a;
            }
            return new PixelImage.Rgba16(width, height, pixels);
        }
        byte[] pixels = new byte[width * height * 4];
        for (int p = 0; p < width * height; p++) {
            for (int c = 0; c < 3; c++) {
                pixels[p * 4 + c] = (byte) (bands < 3 ? samples[p * bands] : samples[p * bands + c]);
            }
            pixels[p * 4 + 3] = (byte) (alpha ? samples[p * bands + bands - 1] : 0xff);
        }
        return new PixelImage.Rgba8(width, height, pixels, !alpha || model.isAlphaPremultiplied());
    }

    private static int premultiplied16(int value, int alpha) {
        int wide = value | value << 8;
        return alpha == 0xff ? wide : wide * alpha / 0xff;
    }

    private PixelImage webp(Path file) throws IOException, UndecodableException {
        byte[] head = new byte[30];
        int read;
        try (InputStream in = Files.newInputStream(file)) {
            read = in.readNBytes(head, 0, head.length);
        }
        String chunk = read >= 16 ? new String(head, 12, 4, StandardCharsets.US_ASCII) : "";
        if (!chunk.equals("VP8 ")) {
            // Lossless or extended WebP: Go gives NRGBA.
            return ffmpegRgba(file, "WebP could not be decoded");
        }
        ExternalTool.Result result = runFfmpeg(file, List.of("-f", "yuv4mpegpipe", "-pix_fmt", "yuv420p", "-strict", "-1", "-"));
        if (result.exitCode() != 0) {
            throw new UndecodableException("WebP could not be decoded (ffmpeg exit code " + result.exitCode() + ")");
        }
        return RawFrames.y4mYCbCr420(result.output());
    }

    private PixelImage ffmpegRgba(Path file, String reason) throws IOException, UndecodableException {
        ExternalTool.Result result = runFfmpeg(file, List.of("-frames:v", "1", "-pix_fmt", "rgba", "-c:v", "pam", "-f", "image2pipe", "-"));
        if (result.exitCode() != 0 || result.output().length == 0) {
            throw new UndecodableException(reason + (ffmpegAvailable() ? "; ffmpeg could not decode it either" : "; ffmpeg is not installed"));
        }
        return RawFrames.pamRgba(result.output());
    }

    private ExternalTool.Result runFfmpeg(Path file, List<String> after) throws IOException, UndecodableException {
        if (!ffmpegAvailable()) {
            throw new UndecodableException("ffmpeg is not installed (apt install ffmpeg)");
        }
        try {
            return ExternalTool.run(List.of(ffmpeg, "-v", "error", "-nostdin", "-i"), file, after, limit);
        } catch (ExternalTool.ToolTimeoutException e) {
            throw new UndecodableException(e.getMessage());
        }
    }

    private volatile Boolean ffmpegPresent;

    boolean ffmpegAvailable() {
        Boolean known = ffmpegPresent;
        if (known == null) {
            known = ExternalTool.canStart(ffmpeg, "-version");
            ffmpegPresent = known;
        }
        return known;
    }

    /**
     * The largest JPEG inside the file (RAW previews, HEIC and DNG thumbnails), or null. Each
     * start-of-image marker is tried in turn; ImageIO stops at the matching end marker.
     */
    private PixelImage embeddedPreview(Path file) throws IOException {
        byte[] content;
        try (InputStream in = Files.newInputStream(file)) {
            content = in.readNBytes(MAX_PREVIEW_SCAN);
        }
        PixelImage best = null;
        int tried = 0;
        for (int at = 0; at + 3 < content.length && tried < 16; at++) {
            if ((content[at] & 0xff) != 0xff || (content[at + 1] & 0xff) != 0xd8 || (content[at + 2] & 0xff) != 0xff) {
                continue;
            }
            int marker = content[at + 3] & 0xff;
            if (marker != 0xe0 && marker != 0xe1 && marker != 0xdb && marker != 0xc4 && marker != 0xc0) {
                continue;
            }
            tried++;
            try {
                PixelImage candidate = jpeg(new ByteArrayInputStream(content, at, content.length - at), file);
                if (best == null || (long) candidate.width() * candidate.height() > (long) best.width() * best.height()) {
                    best = candidate;
                }
            } catch (UndecodableException | IOException | RuntimeException e) {
                // Not a decodable JPEG at this offset (a lossless DNG tile, a false marker): try the next.
            }
        }
        return best;
    }
}
