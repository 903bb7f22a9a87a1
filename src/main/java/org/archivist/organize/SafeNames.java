package org.archivist.organize;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Names every file system takes: no reserved characters (those Windows and SMB shares refuse, so a
 * library can be served to them), no control characters, no reserved device names (CON, NUL,
 * COM1...), no trailing dots or spaces, at most 255 bytes of UTF-8 per name (the limit of ext4,
 * btrfs, ZFS and XFS), in NFC (the form macOS and Linux tools agree on). Letters of every script
 * and emoji are kept as they are.
 */
final class SafeNames {

    /** The most bytes of UTF-8 one name may take. */
    static final int NAME_BYTES = 255;
    /** The most bytes of UTF-8 a path relative to its library may take (the catalogue indexes paths; see FileCatalog.storablePath). */
    static final int PATH_BYTES = 2_400;

    private static final Pattern RESERVED = Pattern.compile("[<>:\"/\\\\|?*\\p{Cntrl}]");
    private static final Set<String> DEVICES = Set.of("CON", "PRN", "AUX", "NUL", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7",
            "COM8", "COM9", "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9");

    private SafeNames() {
    }

    /** A value as it may stand inside one name: reserved characters become {@code _}, runs of white space one space. */
    static String part(String value) {
        String text = Normalizer.normalize(value, Normalizer.Form.NFC);
        return RESERVED.matcher(text).replaceAll("_").replaceAll("\\s+", " ");
    }

    /** One folder or file name, whole: trimmed, no trailing dots, not a device name, not {@code .} or {@code ..}, not empty, short enough. */
    static String name(String value) {
        String text = part(value).strip();
        while (text.endsWith(".") || text.endsWith(" ")) text = text.substring(0, text.length() - 1);
        if (text.isEmpty()) return "_";
        String stem = text.contains(".") ? text.substring(0, text.indexOf('.')) : text;
        if (DEVICES.contains(stem.toUpperCase(Locale.ROOT))) text = stem + "_" + text.substring(stem.length());
        return shortened(text);
    }

    /** The name cut to {@link #NAME_BYTES} on a character boundary, keeping its extension. */
    static String shortened(String name) {
        return shortened(name, NAME_BYTES);
    }

    /**
     * {@code stem + suffix + extension} in at most {@code limit} bytes: the stem is cut (never the
     * suffix, which tells two names apart, nor the extension).
     */
    static String withSuffix(String stem, String suffix, String extension, int limit) {
        int budget = limit - bytes(suffix) - bytes(extension);
        String cut = budget <= 0 ? "" : shortened(stem, budget);
        return (cut.isEmpty() ? "_" : cut) + suffix + extension;
    }

    /** The name cut to {@code limit} bytes on a character boundary, keeping its extension. */
    static String shortened(String name, int limit) {
        if (bytes(name) <= limit) return name;
        int dot = name.lastIndexOf('.');
        String extension = dot > 0 && name.length() - dot <= 16 ? name.substring(dot) : "";
        String stem = name.substring(0, name.length() - extension.length());
        int budget = limit - bytes(extension);
        StringBuilder kept = new StringBuilder();
        int used = 0;
        for (int i = 0; i < stem.length(); ) {
            int codePoint = stem.codePointAt(i);
            int size = new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8).length;
            if (used + size > budget) break;
            kept.appendCodePoint(codePoint);
            used += size;
            i += Character.charCount(codePoint);
        }
        String cut = kept.toString().strip();
        return (cut.isEmpty() ? "_" : cut) + extension;
    }

    static int bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }

    /** The key two names collide under on a case-insensitive disk (macOS, Windows, most NAS shares). */
    static String collisionKey(String path) {
        return Normalizer.normalize(path, Normalizer.Form.NFC).toLowerCase(Locale.ROOT);
    }
}
