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
                Pictures.writeBoth(read(request.file(), ThumbnailSize.PREVIEW.longEdge()), request.orientation(), request);
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
            return Pictures.read(input, longEdge);
        }
    }
}
