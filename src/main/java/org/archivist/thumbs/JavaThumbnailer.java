package org.archivist.thumbs;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

import org.archivist.catalog.MediaType;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Pictures without libvips: ImageIO (the JDK's readers, TwelveMonkeys' for WebP), decoded with
 * subsampling so a big photo is never held at full size, EXIF orientation applied, JPEG out.
 * Slower than libvips, and it cannot read HEIC or AVIF; the service says so once.
 */
@Component
@Order(90)
class JavaThumbnailer implements Thumbnailer {

    private static final Set<String> READS = Set.of("image/jpeg", "image/png", "image/webp", "image/gif", "image/bmp", "image/tiff");

    @Override
    public String name() {
        return "java";
    }

    @Override
    public String format() {
        return "jpg";
    }

    @Override
    public boolean accepts(MediaType mediaType, String mimeType) {
        return mediaType == MediaType.IMAGE && mimeType != null && READS.contains(mimeType);
    }

    @Override
    public List<Outcome> make(List<Request> batch) {
        List<Outcome> outcomes = new ArrayList<>();
        for (Request request : batch) {
            String error;
            try {
                BufferedImage preview = read(request.file(), ThumbnailSize.PREVIEW.longEdge());
                preview = Pictures.oriented(Pictures.fit(preview, ThumbnailSize.PREVIEW.longEdge()), request.orientation());
                Pictures.writeJpeg(preview, request.preview(), 0.82f);
                Pictures.writeJpeg(Pictures.fit(preview, ThumbnailSize.THUMB.longEdge()), request.thumb(), 0.78f);
                error = null;
            } catch (IOException | RuntimeException e) {
                error = "the image could not be read: " + e.getMessage();
            }
            outcomes.add(new Outcome(request, error));
        }
        return outcomes;
    }

    /** The image decoded at the smallest whole-number reduction that still covers {@code longEdge}. */
    static BufferedImage read(Path file, int longEdge) throws IOException {
        try (ImageInputStream input = ImageIO.createImageInputStream(file.toFile())) {
            if (input == null) throw new IOException("cannot open " + file.getFileName());
            Iterator<ImageReader> readers = ImageIO.getImageReaders(input);
            if (!readers.hasNext()) throw new IOException("no reader for this format");
            ImageReader reader = readers.next();
            try {
                reader.setInput(input, true, true);
                long width = reader.getWidth(0), height = reader.getHeight(0);
                Pictures.checkPixels(width, height);
                // Decoded at about twice the size it is shown at (never the whole of a 1440 x 100,000 panorama).
                int step = (int) Math.max(1, Math.max(width, height) / (2L * longEdge));
                ImageReadParam param = reader.getDefaultReadParam();
                param.setSourceSubsampling(step, step, 0, 0);
                return reader.read(0, param);
            } finally {
                reader.dispose();
            }
        }
    }
}
