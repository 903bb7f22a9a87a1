package org.archivist.catalog;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The one place a scanned file's facts pass through before they are written: every column's
 * constraint (the schema's CHECKs, and what PostgreSQL refuses of any text: NUL characters) is
 * known here, so a row always inserts. A value the schema would refuse is corrected where its
 * meaning is certain (a top-down BMP stores its height negative) or dropped, and either way kept
 * in the metadata's {@code extra} under {@code correctedValues} / {@code refusedValues} with the
 * reason, so nothing a reader found is silently lost.
 */
final class StorableFacts {

    /**
     * Longest text kept in a metadata column, in UTF-8 bytes: several are indexed, and PostgreSQL
     * refuses an index entry over 2,704 bytes. A tag longer than this is a damaged or hostile file.
     */
    static final int LONGEST_TEXT = 2_000;
    /** Longest text kept anywhere in {@code extra} (not indexed), in UTF-8 bytes. */
    static final int LONGEST_EXTRA_TEXT = 10_000;
    /** Longest name of a person or tag, in UTF-8 bytes. */
    static final int LONGEST_NAME = 500;
    /** A description (a book's blurb) is kept whole up to this many bytes of UTF-8. */
    static final int LONGEST_DETAILS = 20_000;
    /** Longest path in a library, in UTF-8 bytes: paths are indexed, and PostgreSQL refuses an index entry over 2,704 bytes. */
    static final int LONGEST_PATH = 2_400;
    /** detected_offset_minutes: no time zone is further than 18 hours from UTC. */
    static final int LARGEST_OFFSET_MINUTES = 18 * 60;
    /** Instants both engines store and read back as text or timestamps: years 1 to 9999. */
    static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999Z");

    private StorableFacts() {
    }

    /** The file with every value storable (its metadata is corrected in place). */
    static ScannedFile conform(ScannedFile file) {
        Notes notes = new Notes();
        FileMetadata metadata = file.metadata();
        if (metadata != null) conformMetadata(metadata, file.mimeType(), notes);
        CaptureDate capture = conformCapture(file.capture(), notes);
        if (metadata == null && notes.any()) metadata = new FileMetadata();
        Instant created = file.fileCreatedAt() == null ? null : clamp(file.fileCreatedAt());
        Instant modified = clamp(file.fileModifiedAt());
        String sha256 = file.sha256() != null && file.sha256().length() == 64 ? file.sha256() : null;
        if (metadata != null) notes.writeInto(metadata);
        return new ScannedFile(file.path(), Math.max(0, file.sizeBytes()), created, modified, text(file.mimeType(), 255),
                file.mediaType() == null ? MediaType.OTHER : file.mediaType(), text(file.quickHash(), 64), sha256, capture,
                metadata, conformItem(file.item(), file.fileName()), text(file.scanError(), LONGEST_TEXT));
    }

    private static void conformMetadata(FileMetadata m, String mime, Notes notes) {
        m.setDurationSeconds(notes.nonNegative("duration_seconds", m.getDurationSeconds()));
        boolean bmp = mime != null && (mime.equals("image/bmp") || mime.equals("image/x-ms-bmp"));
        m.setWidth(notes.dimension("width", m.getWidth(), false));
        m.setHeight(notes.dimension("height", m.getHeight(), bmp));
        m.setFps(notes.nonNegative("fps", m.getFps()));
        m.setBitrate(notes.check("bitrate", m.getBitrate(), v -> v >= 0, "negative"));
        m.setSampleRate(notes.check("sample_rate", m.getSampleRate(), v -> v > 0, "not positive"));
        m.setChannels(notes.check("channels", m.getChannels(), v -> v > 0, "not positive"));
        m.setYear(notes.check("year", m.getYear(), v -> v >= 1 && v <= 9999, "not a year between 1 and 9999"));
        m.setIso(notes.check("iso", m.getIso(), v -> v > 0, "not positive"));
        m.setAperture(notes.nonNegative("aperture", m.getAperture()));
        m.setFocalLength(notes.nonNegative("focal_length", m.getFocalLength()));
        m.setOrientation(notes.check("orientation", m.getOrientation(), v -> v >= 1 && v <= 8, "not an EXIF orientation (1 to 8)"));
        m.setPageCount(notes.check("page_count", m.getPageCount(), v -> v >= 0, "negative"));
        Double latitude = notes.finite("latitude", m.getLatitude());
        Double longitude = notes.finite("longitude", m.getLongitude());
        boolean onEarth = latitude != null && longitude != null && Math.abs(latitude) <= 90 && Math.abs(longitude) <= 180;
        if (!onEarth && (latitude != null || longitude != null)) {
            // One coordinate without the other, or a point off the globe, is no position at all.
            if (latitude != null) notes.refused("latitude", latitude, "no position on Earth with longitude " + longitude);
            if (longitude != null) notes.refused("longitude", longitude, "no position on Earth with latitude " + latitude);
        }
        m.setLatitude(onEarth ? latitude : null);
        m.setLongitude(onEarth ? longitude : null);
        m.setAltitude(notes.finite("altitude", m.getAltitude()));
        m.setVideoCodec(notes.text("video_codec", m.getVideoCodec()));
        m.setAudioCodec(notes.text("audio_codec", m.getAudioCodec()));
        m.setArtist(notes.text("artist", m.getArtist()));
        m.setAlbum(notes.text("album", m.getAlbum()));
        m.setTitle(notes.text("title", m.getTitle()));
        m.setGenre(notes.text("genre", m.getGenre()));
        m.setCameraMake(notes.text("camera_make", m.getCameraMake()));
        m.setCameraModel(notes.text("camera_model", m.getCameraModel()));
        m.setLens(notes.text("lens", m.getLens()));
        m.setShutterSpeed(notes.text("shutter_speed", m.getShutterSpeed()));
        m.setLocationName(notes.text("location_name", m.getLocationName()));
        m.setLanguage(notes.text("language", m.getLanguage()));
        m.setExtra(storableMap(m.getExtra()));
    }

    /**
     * An offset no time zone has is dropped and the time kept as the wall-clock time it described
     * (the stored instant then means local time, as for any date without an offset).
     */
    private static CaptureDate conformCapture(CaptureDate capture, Notes notes) {
        if (capture == null) return CaptureDate.NONE;
        Instant at = capture.detectedAt();
        Integer offset = capture.offsetMinutes();
        if (at == null || capture.confidence() == null) return CaptureDate.NONE;
        if (offset != null && (offset < -LARGEST_OFFSET_MINUTES || offset > LARGEST_OFFSET_MINUTES)) {
            notes.refused("detected_offset_minutes", offset, "no time zone is more than 18 hours from UTC");
            at = at.plus(offset, ChronoUnit.MINUTES);
            offset = null;
        }
        if (at.isBefore(EARLIEST) || at.isAfter(LATEST)) {
            notes.refused("detected_at", capture.detectedAt().toString(), "not between the years 1 and 9999");
            return CaptureDate.NONE;
        }
        return Objects.equals(offset, capture.offsetMinutes()) && at.equals(capture.detectedAt()) ? capture
                : new CaptureDate(at, offset, capture.source(), capture.confidence());
    }

    private static ItemProposal conformItem(ItemProposal item, String fileName) {
        if (item == null) return null;
        String title = text(item.title(), LONGEST_TEXT);
        if (title == null) title = text(fileName, LONGEST_TEXT);
        if (title == null) title = "untitled";
        LocalDate date = item.itemDate() != null && item.itemDate().getYear() >= 1 && item.itemDate().getYear() <= 9999 ? item.itemDate() : null;
        String isbn = item.isbn13() != null && item.isbn13().matches("[0-9]{13}") ? item.isbn13() : null;
        List<ItemProposal.Credit> people = new ArrayList<>();
        for (ItemProposal.Credit credit : item.people()) {
            String name = text(credit.name(), LONGEST_NAME);
            if (name != null && credit.role() != null) people.add(new ItemProposal.Credit(name, credit.role()));
        }
        List<String> genres = item.genres().stream().map(g -> text(g, LONGEST_NAME)).filter(g -> g != null).distinct().toList();
        return new ItemProposal(item.kind() == null ? ItemKind.OTHER : item.kind(), title, date, isbn, people, genres,
                text(item.studio(), LONGEST_NAME), text(item.details(), LONGEST_DETAILS));
    }

    private static Instant clamp(Instant instant) {
        if (instant == null) return EARLIEST;
        return instant.isBefore(EARLIEST) ? EARLIEST : instant.isAfter(LATEST) ? LATEST : instant;
    }

    /**
     * Text both engines store: no NUL or other control characters (line breaks and tabs aside), no
     * half of a surrogate pair, at most {@code longest} bytes of UTF-8; blank is absent.
     */
    static String text(String value, int longest) {
        if (value == null) return null;
        StringBuilder clean = null;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean pairStart = Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1));
            boolean bad = c < 0x20 && c != '\n' && c != '\t' || c == 0x7F || c == 0xFFFE || c == 0xFFFF
                    || Character.isSurrogate(c) && !pairStart && !(Character.isLowSurrogate(c) && i > 0 && Character.isHighSurrogate(value.charAt(i - 1)));
            if (bad && clean == null) clean = new StringBuilder(value.length()).append(value, 0, i);
            if (!bad && clean != null) clean.append(c);
        }
        String result = clean == null ? value : clean.toString();
        if (result.length() > longest / 4 && utf8Length(result) > longest) result = cut(result, longest);
        result = result.strip();
        return result.isEmpty() ? null : result;
    }

    private static int utf8Length(String text) {
        int bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            bytes += c < 0x80 ? 1 : c < 0x800 ? 2 : Character.isHighSurrogate(c) ? 2 : Character.isLowSurrogate(c) ? 2 : 3;
        }
        return bytes;
    }

    /** The longest start of the text that fits in {@code bytes} of UTF-8, never half a character. */
    private static String cut(String text, int bytes) {
        int used = 0;
        int i = 0;
        while (i < text.length()) {
            int codePoint = text.codePointAt(i);
            int size = codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
            if (used + size > bytes) break;
            used += size;
            i += Character.charCount(codePoint);
        }
        return text.substring(0, i);
    }

    /** JSON both engines accept: cleaned text, finite numbers (others as text), nothing nested beyond reason. */
    private static Map<String, Object> storableMap(Map<String, Object> map) {
        Map<String, Object> clean = new LinkedHashMap<>();
        if (map == null) return clean;
        for (Map.Entry<String, Object> entry : map.entrySet()) {
            String key = text(entry.getKey(), LONGEST_NAME);
            if (key != null) clean.put(key, storable(entry.getValue(), 0));
        }
        return clean;
    }

    @SuppressWarnings("unchecked")
    private static Object storable(Object value, int depth) {
        if (depth > 16) return text(String.valueOf(value), LONGEST_EXTRA_TEXT);
        if (value instanceof String text) return text(text, LONGEST_EXTRA_TEXT);
        if (value instanceof Double d && !Double.isFinite(d)) return d.toString();
        if (value instanceof Float f && !Float.isFinite(f)) return f.toString();
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> clean = new LinkedHashMap<>();
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                String key = text(String.valueOf(entry.getKey()), LONGEST_NAME);
                if (key != null) clean.put(key, storable(entry.getValue(), depth + 1));
            }
            return clean;
        }
        if (value instanceof Iterable<?> list) {
            List<Object> clean = new ArrayList<>();
            for (Object element : list) clean.add(storable(element, depth + 1));
            return clean;
        }
        if (value == null || value instanceof Number || value instanceof Boolean) return value;
        return text(value.toString(), LONGEST_EXTRA_TEXT);
    }

    /** What was corrected or refused for one file, written into its metadata's extra. */
    private static final class Notes {
        private final Map<String, Object> corrected = new LinkedHashMap<>();
        private final Map<String, Object> refused = new LinkedHashMap<>();

        void refused(String column, Object value, String reason) {
            refused.put(column, Map.of("value", storable(value, 0) == null ? "" : storable(value, 0), "reason", reason));
        }

        void corrected(String column, Object value, Object storedAs, String reason) {
            corrected.put(column, Map.of("value", value, "storedAs", storedAs, "reason", reason));
        }

        <T extends Number> T check(String column, T value, java.util.function.Predicate<T> valid, String reason) {
            if (value == null) return null;
            if (value instanceof Double d && !Double.isFinite(d)) {
                refused(column, value, "not a finite number");
                return null;
            }
            if (valid.test(value)) return value;
            refused(column, value, reason);
            return null;
        }

        Double finite(String column, Double value) {
            return check(column, value, v -> true, "");
        }

        Double nonNegative(String column, Double value) {
            return check(column, value, v -> v >= 0, "negative");
        }

        /** Pixels: positive; a BMP's negative height means "stored top-down" and its size is the absolute value. */
        Integer dimension(String column, Integer value, boolean negativeMeansTopDown) {
            if (value == null || value > 0) return value;
            if (value < 0 && value != Integer.MIN_VALUE && negativeMeansTopDown) {
                corrected(column, value, -value, "a negative BMP height means the rows are stored top-down");
                return -value;
            }
            refused(column, value, "not a positive number of pixels");
            return null;
        }

        String text(String column, String value) {
            String clean = StorableFacts.text(value, LONGEST_TEXT);
            if (value != null && clean != null && value.length() > clean.length() && utf8Length(value) > LONGEST_TEXT) {
                corrected(column, value.length() + " characters", clean.length() + " characters", "too long: cut");
            }
            return clean;
        }

        boolean any() {
            return !corrected.isEmpty() || !refused.isEmpty();
        }

        void writeInto(FileMetadata metadata) {
            if (corrected.isEmpty() && refused.isEmpty()) return;
            Map<String, Object> extra = new LinkedHashMap<>(metadata.getExtra());
            if (!corrected.isEmpty()) extra.put("correctedValues", merged(extra.get("correctedValues"), corrected));
            if (!refused.isEmpty()) extra.put("refusedValues", merged(extra.get("refusedValues"), refused));
            metadata.setExtra(extra);
        }

        private static Map<String, Object> merged(Object earlier, Map<String, Object> now) {
            Map<String, Object> all = new LinkedHashMap<>();
            if (earlier instanceof Map<?, ?> map) map.forEach((k, v) -> all.put(String.valueOf(k), v));
            all.putAll(now);
            return all;
        }
    }
}
