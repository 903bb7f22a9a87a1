package org.archivist.metadata;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Map;

import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.TikaCoreProperties;
import org.apache.tika.mime.MediaType;
import org.apache.tika.mime.MimeTypes;
import org.springframework.stereotype.Component;

/**
 * Decides what a file is from its first bytes (Tika's magic patterns); the name is used only when
 * the bytes say nothing specific, or to refine a container (a ZIP that is a DOCX). So a JPEG named
 * {@code .png} is a JPEG.
 */
@Component
public class MediaClassifier {

    /** How many leading bytes the magic patterns need. */
    public static final int HEAD_BYTES = 64 * 1024;

    public record Classification(String mimeType, org.archivist.catalog.MediaType mediaType) {
    }

    /** Types Tika's core patterns name only by extension or not at all, decided here by name. */
    private static final Map<String, String> BY_EXTENSION = Map.of(
            "mts", "video/mp2t", "m2ts", "video/mp2t", "cr2", "image/x-canon-cr2", "nef", "image/x-nikon-nef",
            "dng", "image/x-adobe-dng", "heic", "image/heic", "avif", "image/avif");

    private final MimeTypes types = MimeTypes.getDefaultMimeTypes();

    public Classification classify(String fileName, byte[] head, int length) {
        if (isTransportStream(head, length)) {
            return new Classification("video/mp2t", org.archivist.catalog.MediaType.VIDEO);
        }
        Metadata hint = new Metadata();
        hint.set(TikaCoreProperties.RESOURCE_NAME_KEY, fileName);
        MediaType detected;
        try {
            detected = types.detect(new ByteArrayInputStream(head, 0, length), hint);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String mime = detected.getBaseType().toString();
        String extension = extension(fileName);
        if (isGeneric(mime) || mime.equals("image/tiff") || mime.equals("video/quicktime") && extension.equals("heic")) {
            String byName = BY_EXTENSION.get(extension);
            if (byName != null) mime = byName;
        }
        return new Classification(mime, mediaTypeOf(mime));
    }

    public static org.archivist.catalog.MediaType mediaTypeOf(String mime) {
        String m = mime.toLowerCase(Locale.ROOT);
        if (m.equals("application/epub+zip") || m.equals("application/x-mobipocket-ebook") || m.equals("application/x-fictionbook+xml")
                || m.equals("application/vnd.amazon.ebook") || m.equals("application/x-ibooks+zip")) {
            return org.archivist.catalog.MediaType.BOOK;
        }
        if (m.startsWith("image/")) return org.archivist.catalog.MediaType.IMAGE;
        if (m.startsWith("video/") || m.equals("application/mp4") || m.equals("application/x-matroska")) {
            return org.archivist.catalog.MediaType.VIDEO;
        }
        if (m.startsWith("audio/")) return org.archivist.catalog.MediaType.AUDIO;
        if (m.equals("application/pdf") || m.startsWith("application/vnd.openxmlformats-officedocument")
                || m.startsWith("application/vnd.oasis.opendocument") || m.equals("application/msword")
                || m.startsWith("application/vnd.ms-") || m.equals("application/rtf") || m.startsWith("text/")
                || m.equals("application/x-tika-ooxml") || m.equals("application/x-tika-msoffice")) {
            return org.archivist.catalog.MediaType.DOCUMENT;
        }
        return org.archivist.catalog.MediaType.OTHER;
    }

    /**
     * MPEG transport streams (AVCHD .mts/.m2ts, broadcast .ts) have no magic number, only a sync
     * byte every 188 bytes (192 with the M2TS time code): Tika's core patterns miss them.
     */
    private static boolean isTransportStream(byte[] head, int length) {
        for (int[] layout : new int[][] {{0, 188}, {4, 192}}) {
            int first = layout[0];
            int step = layout[1];
            if (length < first + 4 * step) continue;
            boolean synced = true;
            for (int i = 0; i < 4 && synced; i++) synced = head[first + i * step] == 0x47;
            if (synced) return true;
        }
        return false;
    }

    private static boolean isGeneric(String mime) {
        return mime.equals("application/octet-stream") || mime.equals("text/plain") || mime.equals("application/x-tika-ooxml");
    }

    static String extension(String fileName) {
        int dot = fileName.lastIndexOf('.');
        return dot < 0 ? "" : fileName.substring(dot + 1).toLowerCase(Locale.ROOT);
    }
}
