package org.archivist.metadata;

import java.util.Map;
import java.util.Set;

/** Camera RAW and newer picture formats: their types, and which reader knows their facts best. */
public final class PhotoFormats {

    /** RAW formats built on TIFF, named by extension once the bytes say "TIFF". */
    static final Map<String, String> TIFF_BASED = Map.ofEntries(
            Map.entry("cr2", "image/x-canon-cr2"), Map.entry("nef", "image/x-nikon-nef"), Map.entry("nrw", "image/x-nikon-nrw"),
            Map.entry("dng", "image/x-adobe-dng"), Map.entry("gpr", "image/x-gopro-gpr"), Map.entry("arw", "image/x-sony-arw"),
            Map.entry("srf", "image/x-sony-srf"), Map.entry("sr2", "image/x-sony-sr2"), Map.entry("pef", "image/x-pentax-pef"),
            Map.entry("srw", "image/x-samsung-srw"), Map.entry("erf", "image/x-epson-erf"), Map.entry("3fr", "image/x-hasselblad-3fr"),
            Map.entry("iiq", "image/x-phaseone-iiq"), Map.entry("kdc", "image/x-kodak-kdc"), Map.entry("dcr", "image/x-kodak-dcr"),
            Map.entry("mos", "image/x-leaf-mos"), Map.entry("mef", "image/x-mamiya-mef"), Map.entry("rwl", "image/x-leica-rwl"));

    private static final Set<String> OWN_SIGNATURE = Set.of("image/x-canon-cr3", "image/x-canon-crw", "image/x-fujifilm-raf",
            "image/x-minolta-mrw", "image/x-sigma-x3f", "image/x-olympus-orf", "image/x-panasonic-rw2");

    private static final Set<String> MODERN = Set.of("image/heic", "image/heif", "image/avif", "image/jxl");

    /** Formats whose pixel size only ExifTool reads (the in-process readers see an embedded preview's). */
    private static final Set<String> SIZE_ONLY_FROM_EXIFTOOL = Set.of("image/x-fujifilm-raf", "image/x-canon-crw",
            "image/x-minolta-mrw", "image/x-sigma-x3f");

    private PhotoFormats() {
    }

    public static boolean isCameraRaw(String mime) {
        return OWN_SIGNATURE.contains(mime) || TIFF_BASED.containsValue(mime);
    }

    static boolean isModern(String mime) {
        return MODERN.contains(mime);
    }

    static boolean sizeOnlyFromExifTool(String mime) {
        return SIZE_ONLY_FROM_EXIFTOOL.contains(mime);
    }

    /** RAW and JPEG XL signatures Tika's core patterns do not know; null for anything else. */
    static String bySignature(byte[] h, int n) {
        if (at(h, n, 0, "FUJIFILMCCD-RAW")) return "image/x-fujifilm-raf";
        if (at(h, n, 6, "HEAPCCDR")) return "image/x-canon-crw";
        if (at(h, n, 0, "\u0000MRM")) return "image/x-minolta-mrw";
        if (at(h, n, 0, "FOVb")) return "image/x-sigma-x3f";
        if (at(h, n, 0, "IIRO") || at(h, n, 0, "IIRS") || at(h, n, 0, "MMOR")) return "image/x-olympus-orf";
        if (at(h, n, 0, "IIU\u0000")) return "image/x-panasonic-rw2";
        if (n >= 2 && (h[0] & 0xFF) == 0xFF && (h[1] & 0xFF) == 0x0A) return "image/jxl";
        if (at(h, n, 0, "\u0000\u0000\u0000\u000CJXL \r\n") && n >= 12 && (h[10] & 0xFF) == 0x87 && (h[11] & 0xFF) == 0x0A) return "image/jxl";
        return null;
    }

    private static boolean at(byte[] h, int n, int offset, String ascii) {
        if (n < offset + ascii.length()) return false;
        for (int i = 0; i < ascii.length(); i++) {
            if (h[offset + i] != (byte) ascii.charAt(i)) return false;
        }
        return true;
    }
}
