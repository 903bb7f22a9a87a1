package org.archivist.thumbs;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;

/** Small picture operations the Java engines share: scale to fit, turn upright, write a JPEG. */
final class Pictures {

    /** Above this an image is refused before it is decoded: a decompression bomb (a 50,000 x 50,000 PNG) cannot fill memory. */
    static final long MAX_PIXELS = 150_000_000L;

    private Pictures() {
    }

    static void checkPixels(long width, long height) throws IOException {
        if (width <= 0 || height <= 0 || width * height > MAX_PIXELS) {
            throw new IOException("an image of " + width + " x " + height + " pixels is over the limit of " + MAX_PIXELS + " pixels");
        }
    }

    /**
     * An image decoded at the smallest whole-number reduction that still covers {@code longEdge}
     * twice over, after its header's size passed {@link #checkPixels}.
     */
    static BufferedImage read(ImageInputStream input, int longEdge) throws IOException {
        Iterator<ImageReader> readers = ImageIO.getImageReaders(input);
        if (!readers.hasNext()) throw new IOException("no reader for this format");
        ImageReader reader = readers.next();
        try {
            reader.setInput(input, true, true);
            long width = reader.getWidth(0), height = reader.getHeight(0);
            checkPixels(width, height);
            // Decoded at about twice the size it is shown at (never the whole of a 1440 x 100,000 panorama).
            int step = (int) Math.max(1, Math.max(width, height) / (2L * longEdge));
            ImageReadParam param = reader.getDefaultReadParam();
            param.setSourceSubsampling(step, step, 0, 0);
            return reader.read(0, param);
        } finally {
            reader.dispose();
        }
    }

    /** Both pictures from one decoded image: the preview turned upright, the thumbnail from the preview. */
    static void writeBoth(BufferedImage image, Integer orientation, Thumbnailer.Request request) throws IOException {
        BufferedImage preview = oriented(fit(image, ThumbnailSize.PREVIEW.longEdge()), orientation);
        writeJpeg(preview, request.preview(), 0.82f);
        writeJpeg(fit(preview, ThumbnailSize.THUMB.longEdge()), request.thumb(), 0.78f);
    }

    /** Scaled down (never up) so its long edge is at most {@code longEdge}, in steps of halves for quality. */
    static BufferedImage fit(BufferedImage image, int longEdge) {
        BufferedImage current = rgb(image);
        while (Math.max(current.getWidth(), current.getHeight()) > longEdge) {
            double scale = Math.max(0.5, (double) longEdge / Math.max(current.getWidth(), current.getHeight()));
            int width = Math.max(1, (int) Math.round(current.getWidth() * scale));
            int height = Math.max(1, (int) Math.round(current.getHeight() * scale));
            BufferedImage smaller = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = smaller.createGraphics();
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.drawImage(current, 0, 0, width, height, null);
            g.dispose();
            current = smaller;
        }
        return current;
    }

    private static BufferedImage rgb(BufferedImage image) {
        if (image.getType() == BufferedImage.TYPE_INT_RGB) return image;
        BufferedImage rgb = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = rgb.createGraphics();
        g.setColor(java.awt.Color.WHITE); // transparent areas on white, as browsers show them on a light page
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        g.drawImage(image, 0, 0, null);
        g.dispose();
        return rgb;
    }

    /** Turned as EXIF orientation 1-8 says the camera was held. */
    static BufferedImage oriented(BufferedImage image, Integer orientation) {
        if (orientation == null || orientation <= 1 || orientation > 8) return image;
        int w = image.getWidth(), h = image.getHeight();
        boolean swap = orientation >= 5;
        AffineTransform t = new AffineTransform();
        switch (orientation) {
            case 2 -> { t.translate(w, 0); t.scale(-1, 1); }
            case 3 -> { t.translate(w, h); t.rotate(Math.PI); }
            case 4 -> { t.translate(0, h); t.scale(1, -1); }
            case 5 -> { t.rotate(-Math.PI / 2); t.scale(-1, 1); }
            case 6 -> { t.translate(h, 0); t.rotate(Math.PI / 2); }
            case 7 -> { t.scale(-1, 1); t.translate(-h, 0); t.translate(0, w); t.rotate(3 * Math.PI / 2); }
            case 8 -> { t.translate(0, w); t.rotate(3 * Math.PI / 2); }
            default -> { }
        }
        BufferedImage turned = new BufferedImage(swap ? h : w, swap ? w : h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = turned.createGraphics();
        g.drawImage(image, t, null);
        g.dispose();
        return turned;
    }

    static void writeJpeg(BufferedImage image, Path target, float quality) throws IOException {
        Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("jpeg");
        ImageWriter writer = writers.next();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(target.toFile())) {
            writer.setOutput(out);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(quality);
            writer.write(null, new IIOImage(image, null, null), param);
        } finally {
            writer.dispose();
        }
    }
}
