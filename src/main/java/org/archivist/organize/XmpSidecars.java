package org.archivist.organize;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.List;

import com.adobe.internal.xmp.XMPConst;
import com.adobe.internal.xmp.XMPException;
import com.adobe.internal.xmp.XMPMeta;
import com.adobe.internal.xmp.XMPMetaFactory;
import com.adobe.internal.xmp.options.PropertyOptions;
import com.adobe.internal.xmp.options.SerializeOptions;
import com.adobe.internal.xmp.properties.XMPProperty;

/**
 * XMP sidecars as digiKam and darktable read them: {@code IMG_0042.jpg.xmp} beside the file
 * (a Lightroom-style {@code IMG_0042.xmp} is read too). Written: the title ({@code dc:title}), tags
 * ({@code dc:subject}), rating ({@code xmp:Rating}) and capture date ({@code exif:DateTimeOriginal},
 * {@code xmp:CreateDate}, with the offset where it is known), and which tags were Archivist's
 * ({@code archivist:WrittenTags}). A sidecar another tool wrote keeps everything else it holds, and
 * the tags it gave (ours are added; ours the catalogue lost are taken out); the catalogue's title, rating and date
 * replace its own. The file is rewritten only when something changes, through a temporary file and
 * a rename, so a reader never sees half of it.
 */
public final class XmpSidecars {

    /**
     * What a sidecar says; any part may be absent (null, or no tags). {@code written}: the tags
     * Archivist itself wrote there last (kept in its own namespace), so that a tag a person removes
     * in Archivist leaves the sidecar too, and is not read back as another tool's.
     */
    public record Values(String title, List<String> tags, Integer rating, LocalDateTime capture, Integer offsetMinutes, List<String> written) {
        public Values {
            tags = tags == null ? List.of() : List.copyOf(tags);
            written = written == null ? List.of() : List.copyOf(written);
        }

        public Values(String title, List<String> tags, Integer rating, LocalDateTime capture, Integer offsetMinutes) {
            this(title, tags, rating, capture, offsetMinutes, List.of());
        }

        Values withWritten(List<String> tags) {
            return new Values(title, this.tags, rating, capture, offsetMinutes, tags);
        }

        /** The sidecar's tags that another tool gave (not the ones Archivist wrote). */
        public List<String> othersTags() {
            java.util.Set<String> ours = lowerCase(written);
            return tags.stream().filter(tag -> !ours.contains(tag.toLowerCase(java.util.Locale.ROOT))).toList();
        }

        boolean empty() {
            return title == null && tags.isEmpty() && rating == null && capture == null;
        }

    }

    /** Archivist's own namespace in a sidecar: which tags it wrote ({@code archivist:WrittenTags}). */
    static final String NS_ARCHIVIST = "https://archivist.org/ns/xmp/1.0/";
    private static final String NS_DIGIKAM = "http://www.digikam.org/ns/1.0/";
    private static final String NS_LIGHTROOM = "http://ns.adobe.com/lightroom/1.0/";

    static {
        try {
            XMPMetaFactory.getSchemaRegistry().registerNamespace(NS_ARCHIVIST, "archivist");
            XMPMetaFactory.getSchemaRegistry().registerNamespace(NS_DIGIKAM, "digiKam");
            XMPMetaFactory.getSchemaRegistry().registerNamespace(NS_LIGHTROOM, "lr");
        } catch (XMPException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private XmpSidecars() {
    }

    /** Where digiKam and Lightroom keep tags as paths ({@code Places/Pier}, {@code Places|Pier}), read before dc:subject. */
    private static final List<String[]> HIERARCHIES = List.of(new String[] {NS_DIGIKAM, "TagsList"}, new String[] {NS_LIGHTROOM, "hierarchicalSubject"});

    /**
     * A tag taken out of dc:subject leaves the tag trees too (an entry whose last part is it), or
     * digiKam and Lightroom would write it back into dc:subject from there.
     */
    private static void dropFromHierarchies(XMPMeta meta, List<String> before, List<String> after) throws XMPException {
        java.util.Set<String> dropped = lowerCase(before);
        dropped.removeAll(lowerCase(after));
        if (dropped.isEmpty()) return;
        for (String[] tree : HIERARCHIES) {
            if (!meta.doesPropertyExist(tree[0], tree[1])) continue;
            for (int i = meta.countArrayItems(tree[0], tree[1]); i >= 1; i--) {
                String path = meta.getArrayItem(tree[0], tree[1], i).getValue();
                String[] parts = path == null ? new String[0] : path.split("[/|]");
                if (parts.length > 0 && dropped.contains(parts[parts.length - 1].strip().toLowerCase(java.util.Locale.ROOT))) {
                    meta.deleteArrayItem(tree[0], tree[1], i);
                }
            }
        }
    }

    private static java.util.Set<String> lowerCase(List<String> tags) {
        java.util.Set<String> lower = new java.util.HashSet<>();
        for (String tag : tags) lower.add(tag.toLowerCase(java.util.Locale.ROOT));
        return lower;
    }

    /** The sidecar Archivist writes for a file: its whole name plus {@code .xmp}. */
    public static Path sidecarOf(Path file) {
        return file.resolveSibling(file.getFileName() + ".xmp");
    }

    /** The sidecar beside the file that another tool may have written: ours first, then {@code STEM.xmp}, any letter case. */
    public static Path existing(Path file) {
        String name = file.getFileName().toString();
        String stem = name.contains(".") ? name.substring(0, name.lastIndexOf('.')) : name;
        for (String candidate : List.of(name + ".xmp", name + ".XMP", stem + ".xmp", stem + ".XMP")) {
            Path sidecar = file.resolveSibling(candidate);
            if (Files.isRegularFile(sidecar)) return sidecar;
        }
        return null;
    }

    /**
     * The sidecar a file's values are written to: {@code NAME.ext.xmp} if it is there; a
     * Lightroom-style {@code STEM.xmp} only where no other file of the folder has that stem (a RAW
     * and its JPEG would otherwise overwrite each other's title and date in it); else null (one is made).
     */
    static Path existingForWriting(Path file) throws IOException {
        String name = file.getFileName().toString();
        for (String candidate : List.of(name + ".xmp", name + ".XMP")) {
            Path sidecar = file.resolveSibling(candidate);
            if (Files.isRegularFile(sidecar)) return sidecar;
        }
        Path shared = existing(file);
        if (shared == null) return null;
        String stem = name.contains(".") ? name.substring(0, name.lastIndexOf('.')) : name;
        try (java.util.stream.Stream<Path> siblings = Files.list(file.getParent())) {
            long sharing = siblings.map(p -> p.getFileName().toString())
                    .filter(other -> !other.toLowerCase(java.util.Locale.ROOT).endsWith(".xmp") && !other.equals(name))
                    .filter(other -> (other.contains(".") ? other.substring(0, other.lastIndexOf('.')) : other).equalsIgnoreCase(stem)).count();
            return sharing == 0 ? shared : null;
        }
    }

    /** Writes the values into the file's sidecar (made, or merged into the one there); answers whether the sidecar changed. */
    public static boolean write(Path file, Values values) throws IOException {
        Path existing = existingForWriting(file);
        if (existing == null && values.empty()) return false;
        Path sidecar = existing != null ? existing : sidecarOf(file);
        try {
            byte[] before = existing == null ? null : Files.readAllBytes(existing);
            XMPMeta meta = before == null ? XMPMetaFactory.create() : XMPMetaFactory.parseFromBuffer(before);
            Values there = before == null ? new Values(null, List.of(), null, null, null) : values(meta);
            Values merged = merged(there, values);
            // Which tags were ours is a set, in any letter case and order (two databases may list them differently).
            boolean sameWritten = lowerCase(merged.written()).equals(lowerCase(there.written()));
            if (before != null && sameWritten && merged.withWritten(there.written()).equals(there)) {
                return false;
            }
            if (!sameWritten) {
                meta.deleteProperty(NS_ARCHIVIST, "WrittenTags");
                for (String tag : merged.written()) meta.appendArrayItem(NS_ARCHIVIST, "WrittenTags", new PropertyOptions().setArray(true), tag, null);
            }
            dropFromHierarchies(meta, there.tags(), merged.tags());
            // The default language's title only: other languages' titles stay.
            if (merged.title() != null) meta.setLocalizedText(XMPConst.NS_DC, "title", "", XMPConst.X_DEFAULT, merged.title());
            if (!merged.tags().equals(there.tags())) {
                meta.deleteProperty(XMPConst.NS_DC, "subject");
                for (String tag : merged.tags()) meta.appendArrayItem(XMPConst.NS_DC, "subject", new PropertyOptions().setArray(true), tag, null);
            }
            if (merged.rating() != null) meta.setPropertyInteger(XMPConst.NS_XMP, "Rating", merged.rating());
            if (merged.capture() != null && (!merged.capture().equals(there.capture()) || !java.util.Objects.equals(merged.offsetMinutes(), there.offsetMinutes()))) {
                String date = merged.offsetMinutes() == null ? merged.capture().format(DateTimeFormatter.ISO_LOCAL_DATE_TIME)
                        : merged.capture().atOffset(ZoneOffset.ofTotalSeconds(merged.offsetMinutes() * 60)).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
                meta.setProperty(XMPConst.NS_EXIF, "DateTimeOriginal", date);
                meta.setProperty(XMPConst.NS_XMP, "CreateDate", date);
            }
            byte[] after = XMPMetaFactory.serializeToBuffer(meta, new SerializeOptions().setOmitPacketWrapper(false).setUseCompactFormat(true));
            Path partial = sidecar.resolveSibling("." + sidecar.getFileName() + ".archivist-partial");
            try (java.nio.channels.FileChannel out = java.nio.channels.FileChannel.open(partial, java.nio.file.StandardOpenOption.CREATE,
                    java.nio.file.StandardOpenOption.TRUNCATE_EXISTING, java.nio.file.StandardOpenOption.WRITE)) {
                java.nio.ByteBuffer buffer = java.nio.ByteBuffer.wrap(after);
                while (buffer.hasRemaining()) out.write(buffer);
                out.force(true);
            }
            // Replacing the sidecar with its merged version is the one overwrite here: everything it held is in the new one.
            Files.move(partial, sidecar, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return true;
        } catch (XMPException e) {
            throw new IOException(sidecar + " is not readable XMP (" + e.getMessage() + "); left as it is", e);
        }
    }

    /**
     * The catalogue's values over the sidecar's: a title, rating and date the catalogue has replace
     * the sidecar's; tags are the catalogue's and the ones another tool gave (not lost; a proposal
     * brings them in). A tag Archivist wrote before that the catalogue no longer has is taken out.
     */
    private static Values merged(Values there, Values ours) {
        java.util.Set<String> dropped = lowerCase(there.written());
        dropped.removeAll(lowerCase(ours.tags()));
        List<String> tags = new ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (String tag : there.tags()) {
            String key = tag.toLowerCase(java.util.Locale.ROOT);
            if (!dropped.contains(key) && seen.add(key)) tags.add(tag);
        }
        for (String tag : ours.tags()) if (seen.add(tag.toLowerCase(java.util.Locale.ROOT))) tags.add(tag);
        // A date the catalogue knows without its offset keeps the sidecar's offset for the same wall-clock time.
        Integer offset = ours.capture() == null ? there.offsetMinutes()
                : ours.offsetMinutes() == null && ours.capture().equals(there.capture()) ? there.offsetMinutes() : ours.offsetMinutes();
        return new Values(ours.title() != null ? ours.title() : there.title(), tags, ours.rating() != null ? ours.rating() : there.rating(),
                ours.capture() != null ? ours.capture() : there.capture(), offset, ours.tags());
    }

    /** What the file's sidecar says, or null when it has none; a sidecar that is not XMP is an {@link IOException} naming it. */
    public static Values read(Path file) throws IOException {
        Path sidecar = existing(file);
        if (sidecar == null) return null;
        try {
            return values(XMPMetaFactory.parseFromBuffer(Files.readAllBytes(sidecar)));
        } catch (XMPException e) {
            throw new IOException(sidecar + " is not readable XMP (" + e.getMessage() + ")", e);
        }
    }

    private static Values values(XMPMeta meta) throws XMPException {
        XMPProperty title = meta.getLocalizedText(XMPConst.NS_DC, "title", null, XMPConst.X_DEFAULT);
        List<String> tags = new ArrayList<>();
        if (meta.doesPropertyExist(XMPConst.NS_DC, "subject")) {
            for (int i = 1; i <= meta.countArrayItems(XMPConst.NS_DC, "subject"); i++) {
                String tag = meta.getArrayItem(XMPConst.NS_DC, "subject", i).getValue();
                if (tag != null && !tag.isBlank()) tags.add(tag.strip());
            }
        }
        Integer rating = null;
        if (meta.doesPropertyExist(XMPConst.NS_XMP, "Rating")) {
            try {
                rating = (int) Math.round(Double.parseDouble(meta.getPropertyString(XMPConst.NS_XMP, "Rating")));
            } catch (NumberFormatException e) {
                rating = null;
            }
        }
        String date = meta.getPropertyString(XMPConst.NS_EXIF, "DateTimeOriginal");
        if (date == null) date = meta.getPropertyString(XMPConst.NS_XMP, "CreateDate");
        if (date == null) date = meta.getPropertyString(XMPConst.NS_PHOTOSHOP, "DateCreated");
        LocalDateTime capture = null;
        Integer offset = null;
        if (date != null) {
            try {
                TemporalAccessor parsed = DateTimeFormatter.ISO_DATE_TIME.parseBest(date.strip(), OffsetDateTime::from, LocalDateTime::from);
                if (parsed instanceof OffsetDateTime at) {
                    capture = at.toLocalDateTime();
                    offset = at.getOffset().getTotalSeconds() / 60;
                } else {
                    capture = (LocalDateTime) parsed;
                }
            } catch (DateTimeParseException e) {
                capture = null;
            }
        }
        List<String> written = new ArrayList<>();
        if (meta.doesPropertyExist(NS_ARCHIVIST, "WrittenTags")) {
            for (int i = 1; i <= meta.countArrayItems(NS_ARCHIVIST, "WrittenTags"); i++) {
                String tag = meta.getArrayItem(NS_ARCHIVIST, "WrittenTags", i).getValue();
                if (tag != null && !tag.isBlank()) written.add(tag.strip());
            }
        }
        return new Values(title == null ? null : title.getValue(), tags, rating, capture, offset, written);
    }
}
