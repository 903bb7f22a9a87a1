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
    private static final Map<String, String> BY_EXTENSION = byExtension();

    private static Map<String, String> byExtension() {
        Map<String, String> names = new java.util.HashMap<>(PhotoFormats.TIFF_BASED);
        names.putAll(Map.of("mts", "video/mp2t", "m2ts", "video/mp2t", "heic", "image/heic", "heif", "image/heif",
                "hif", "image/heif", "avif", "image/avif"));
        return Map.copyOf(names);
    }

    private final MimeTypes types = MimeTypes.getDefaultMimeTypes();

    public Classification classify(String fileName, byte[] head, int length) {
        if (isTransportStream(head, length)) {
            return new Classification("video/mp2t", org.archivist.catalog.MediaType.VIDEO);
        }
        String common = commonFormat(head, length);
        if (common == null && looksLikeText(head, length)) {
            // Text has no magic number: its name says which kind (notes, subtitles, SVG, HTML...).
            String byName = types.getMimeType(fileName).getName();
            common = byName.equals("application/octet-stream") ? "text/plain" : byName;
        }
        if (common != null) {
            return new Classification(common, mediaTypeOf(common));
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
     * The few formats that make up most of a media library, recognised by their signatures
     * without Tika's full pattern set (which costs about half a millisecond a file). The names are
     * the ones Tika gives; anything else (text, office files, archives, rarer media) goes to Tika.
     */
    private static String commonFormat(byte[] h, int n) {
        if (n >= 3 && u(h, 0) == 0xFF && u(h, 1) == 0xD8 && u(h, 2) == 0xFF) return "image/jpeg";
        if (n >= 8 && u(h, 0) == 0x89 && at(h, n, 1, "PNG")) return "image/png";
        if (at(h, n, 0, "GIF8")) return "image/gif";
        if (at(h, n, 0, "RIFF") && at(h, n, 8, "WEBP")) return "image/webp";
        if (at(h, n, 0, "RIFF") && at(h, n, 8, "WAVE")) return "audio/vnd.wave";
        if (at(h, n, 0, "RIFF") && at(h, n, 8, "AVI ")) return "video/x-msvideo";
        if (at(h, n, 0, "%PDF-")) return "application/pdf";
        if (at(h, n, 0, "ID3")) return "audio/mpeg";
        if (at(h, n, 0, "fLaC")) return "audio/x-flac";
        if (at(h, n, 0, "FORM") && (at(h, n, 8, "AIFF") || at(h, n, 8, "AIFC"))) return "audio/x-aiff";
        if (n >= 4 && u(h, 0) == 0x1A && u(h, 1) == 0x45 && u(h, 2) == 0xDF && u(h, 3) == 0xA3) {
            return contains(h, n, "webm") ? "video/webm" : "video/x-matroska";
        }
        if (at(h, n, 0, "PK\u0003\u0004") && at(h, n, 30, "mimetypeapplication/epub+zip")) return "application/epub+zip";
        String raw = PhotoFormats.bySignature(h, n);
        if (raw != null) return raw;
        if (at(h, n, 4, "ftyp") && n >= 12) {
            String brand = new String(h, 8, 4, java.nio.charset.StandardCharsets.ISO_8859_1);
            switch (brand) {
                case "heic", "heix", "heim", "heis", "mif1", "msf1": return brand.startsWith("m") && contains(h, Math.min(n, 64), "avif") ? "image/avif" : "image/heic";
                case "avif", "avis": return "image/avif";
                case "M4A ", "M4B ", "M4P ": return "audio/mp4";
                case "qt  ": return "video/quicktime";
                default:
                    if (brand.startsWith("3gp") || brand.startsWith("3g2")) return "video/3gpp";
                    if (brand.startsWith("crx")) return "image/x-canon-cr3";
                    return "video/mp4";
            }
        }
        return null;
    }

    /** Valid UTF-8 without NUL or other control characters (tabs and line breaks aside) in the first 4 KiB. */
    private static boolean looksLikeText(byte[] h, int n) {
        int end = Math.min(n, 4096);
        if (end == 0) return false;
        var decoder = java.nio.charset.StandardCharsets.UTF_8.newDecoder();
        java.nio.CharBuffer chars;
        try {
            chars = decoder.decode(java.nio.ByteBuffer.wrap(h, 0, end));
        } catch (java.nio.charset.CharacterCodingException e) {
            // A multi-byte character cut at the 4 KiB boundary is still text.
            if (end < n) return looksLikeText(h, end - 3 > 0 ? end - 3 : end);
            return false;
        }
        for (int i = 0; i < chars.length(); i++) {
            char c = chars.charAt(i);
            if (c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f') return false;
        }
        return true;
    }

    private static int u(byte[] h, int i) {
        return h[i] & 0xFF;
    }

    private static boolean at(byte[] h, int n, int offset, String ascii) {
        if (n < offset + ascii.length()) return false;
        for (int i = 0; i < ascii.length(); i++) {
            if (h[offset + i] != (byte) ascii.charAt(i)) return false;
        }
        return true;
    }

    private static boolean contains(byte[] h, int n, String ascii) {
        for (int i = 0; i + ascii.length() <= Math.min(n, 4096); i++) {
            if (at(h, n, i, ascii)) return true;
        }
        return false;
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
