package org.archivist.thumbs;

import java.nio.file.Path;
import java.util.List;

import org.archivist.catalog.MediaType;

/**
 * Makes thumbnails and previews of the contents it accepts. The engines are beans; the service
 * takes, for each file, the first that accepts it (they are ordered: libvips before the Java
 * fallback), and an engine whose program is missing accepts nothing.
 */
public interface Thumbnailer {

    /** One content to picture: the file on disk, what the catalogue knows of it, and where the two pictures go. */
    record Request(Path file, String sha256, MediaType mediaType, String mimeType, Integer width, Integer height, Integer orientation,
                   Path thumb, Path preview) {
    }

    /**
     * What became of one request: the pictures are at its paths, or {@code error} says why not;
     * {@code perceptualHash} when the engine read it in the same pass (a video's sprite), else null.
     */
    record Outcome(Request request, String error, Long perceptualHash) {
        Outcome(Request request, String error) {
            this(request, error, null);
        }

        public boolean made() {
            return error == null;
        }
    }

    /** A short name stored with what it made ("vips", "java", "ffmpeg", "pdfbox"). */
    String name();

    /** The picture format it writes, "webp" or "jpg" (the file extension). */
    String format();

    boolean accepts(MediaType mediaType, String mimeType);

    /** Makes the pictures of a batch; one bad file never fails the others. */
    List<Outcome> make(List<Request> batch);
}
