package org.archivist.metadata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.archivist.catalog.Confidence;
import org.archivist.catalog.MediaType;
import org.archivist.catalog.TimestampSource;
import org.archivist.testing.Corpus;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Extraction on the real files of the shared corpus, against ExifTool's and ffprobe's reference values. */
class CorpusMetadataTest {

    /** The corpus was made on 2026-11-21: the Polaroid's 2026-11-24 is in the future that day. */
    static final Clock CORPUS_DAY = Clock.fixed(Instant.parse("2026-11-21T12:00:00Z"), ZoneOffset.UTC);
    private static final Pattern REFERENCE_DATE = Pattern.compile(
            "(\\d{4}):(\\d{2}):(\\d{2})(?:[ T](\\d{2}):(\\d{2}):(\\d{2})(?:\\.\\d+)?(Z|[+-]\\d{2}:\\d{2})?)?.*");
    /** Reference tags in the order our resolver prefers them; the first valid one is what we must find. */
    private static final List<String> CAPTURE_TAGS = List.of(
            "EXIF:DateTimeOriginal", "H264:DateTimeOriginal", "RIFF:DateTimeOriginal", "Matroska:DateTimeOriginal",
            "QuickTime:DateTimeOriginal", "XMP:DateTimeOriginal", "XMP:DateCreated", "IPTC:DateCreated", "XMP:CreateDate",
            "QuickTime:CreationDate", "QuickTime:CreateDate", "ASF:CreationDate", "PDF:CreateDate", "EXIF:CreateDate");

    static final Map<String, MetadataExtractor.Extraction> results = new LinkedHashMap<>();
    static Map<String, JsonNode> exiftool;

    @BeforeAll
    static void extractEverything() throws IOException {
        exiftool = Corpus.exiftool();
        MediaClassifier classifier = new MediaClassifier();
        MetadataExtractor extractor = new MetadataExtractor(JsonMapper.builder().build(), CORPUS_DAY, Duration.ofSeconds(30));
        Path root = Corpus.root();
        try (var files = Files.walk(Corpus.media())) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                byte[] head = Files.readAllBytes(file);
                var kind = classifier.classify(file.getFileName().toString(), head, Math.min(head.length, MediaClassifier.HEAD_BYTES));
                // The copy's file-system time is when the corpus was laid out, which may be after the
                // fixed "today" that the future-date checks need: keep it in that day's past.
                Instant modified = java.util.Collections.min(List.of(Files.getLastModifiedTime(file).toInstant(),
                        CORPUS_DAY.instant().minus(Duration.ofDays(1))));
                results.put(root.relativize(file).toString(), extractor.extract(file, file.getFileName().toString(), kind, null, modified));
            }
        }
    }

    @Test
    void everyFileIsReadAndOnlyBrokenOnesHaveAnError() {
        assertThat(results).hasSize(110);
        List<String> errors = results.entrySet().stream().filter(e -> e.getValue().error() != null)
                .map(e -> e.getKey() + ": " + e.getValue().error()).toList();
        // ffprobe cannot read this MP3 either (reference/ffprobe_status.tsv): it is broken, and says so.
        assertThat(errors).as("files with an error").allMatch(e -> e.contains("bug-non ascii chars.mp3"));
    }

    @Test
    void cameraMakeAndModelEqualExiftool() {
        List<String> wrong = new ArrayList<>();
        int compared = 0;
        for (var entry : exiftool.entrySet()) {
            JsonNode ref = entry.getValue();
            String make = text(ref, "EXIF:Make", "QuickTime:Make");
            String model = text(ref, "EXIF:Model", "QuickTime:Model");
            if (make == null || entry.getKey().endsWith(".mts")) continue;
            var metadata = results.get(entry.getKey()).metadata();
            compared++;
            if (metadata == null || !make.strip().equals(metadata.getCameraMake()) || model != null && !model.strip().equals(metadata.getCameraModel())) {
                wrong.add(entry.getKey() + ": expected " + make + " / " + model + ", got "
                        + (metadata == null ? "nothing" : metadata.getCameraMake() + " / " + metadata.getCameraModel()));
            }
        }
        assertThat(wrong).isEmpty();
        assertThat(compared).isGreaterThan(40);
    }

    @Test
    void captureInstantsEqualTheReferenceToTheSecondWithTheRightOffset() {
        List<String> wrong = new ArrayList<>();
        int compared = 0;
        for (var entry : exiftool.entrySet()) {
            Expected expected = expectedCapture(entry.getValue());
            // Apple's voice memo keeps its recording start in a private atom neither ffprobe nor jaudiotagger reads;
            // we report the QuickTime CreateDate 41 s later.
            if (expected == null || entry.getKey().endsWith("voice memo.m4a")) continue;
            compared++;
            var capture = results.get(entry.getKey()).capture();
            boolean sameInstant = capture.detectedAt() != null
                    && Duration.between(capture.detectedAt(), expected.instant()).abs().compareTo(Duration.ofSeconds(1)) < 0;
            boolean sameOffset = java.util.Objects.equals(capture.offsetMinutes(), expected.offsetMinutes());
            if (!sameInstant || !sameOffset) {
                wrong.add(entry.getKey() + ": expected " + expected + ", got " + capture);
            }
        }
        assertThat(wrong).isEmpty();
        assertThat(compared).isGreaterThan(60);
    }

    @Test
    void fileNameOnlyDatesAreFound() {
        Map<String, String> expected = Map.of(
                "media/images/telegram_2020-01-30_09-57-18.jpg", "2020-01-30T09:57:18Z",
                "media/images/Screenshot 2019-05-21 at 10.45.52.png", "2019-05-21T10:45:52Z",
                "media/images/2018-04-12 19_24_49.jpg", "2018-04-12T19:24:49Z",
                "media/images/800px-Irene_TRM_20050815_lrg.jpg", "2005-08-15T00:00:00Z");
        expected.forEach((path, instant) -> {
            var capture = results.get(path).capture();
            assertThat(capture.source()).as(path).isEqualTo(TimestampSource.FILENAME);
            assertThat(capture.detectedAt()).as(path).isEqualTo(Instant.parse(instant));
            assertThat(capture.offsetMinutes()).as(path).isNull();
            assertThat(capture.confidence()).as(path).isEqualTo(Confidence.LOW);
        });
    }

    @Test
    void dateTrapsAreHandled() {
        var polaroid = results.get("media/images/WWL_(Polaroid)_ION230.jpg");
        assertThat(polaroid.capture().confidence()).isNotEqualTo(Confidence.MEDIUM);
        assertThat(rejections(polaroid)).anyMatch(r -> r.contains("in the future"));

        var zero = results.get("media/images/Issue 609.jpg");
        assertThat(rejections(zero)).anyMatch(r -> r.contains("zero date"));
        assertThat(zero.capture().confidence()).as("only ModifyDate is left, an edit date").isEqualTo(Confidence.LOW);

        var blank = results.get("media/images/FujiFilm DX-5.jpg");
        assertThat(rejections(blank)).anyMatch(r -> r.contains("blank"));
        assertThat(blank.capture().confidence()).isEqualTo(Confidence.NONE);
        assertThat(blank.capture().source()).isEqualTo(TimestampSource.FILESYSTEM);

        var oppo = results.get("media/images/Oppo R7 Plus.jpg");
        assertThat(oppo.capture().detectedAt()).isEqualTo(Instant.parse("2018-07-16T17:52:22Z"));
        assertThat(oppo.capture().confidence()).as("DateTimeOriginal and CreateDate disagree").isEqualTo(Confidence.LOW);

        var movieZero = results.get("media/video/sample_640x360.mov");
        assertThat(movieZero.capture().source()).isEqualTo(TimestampSource.FILESYSTEM);

        var fuji = results.get("media/images/FujiFilm DS-7 (1).jpg");
        assertThat(fuji.capture().confidence()).isEqualTo(Confidence.MEDIUM);
        assertThat(fuji.capture().detectedAt().atOffset(ZoneOffset.UTC).getYear()).isEqualTo(1996);
    }

    @Test
    void gpsWithinOneHundredThousandthOfADegreeAndTrapsHandled() {
        List<String> wrong = new ArrayList<>();
        int compared = 0;
        for (var entry : exiftool.entrySet()) {
            JsonNode ref = entry.getValue();
            if (!ref.path("Composite:GPSLatitude").isNumber() || entry.getKey().contains("buggy_panorama")) continue;
            var metadata = results.get(entry.getKey()).metadata();
            double lat = ref.path("Composite:GPSLatitude").asDouble();
            double lon = ref.path("Composite:GPSLongitude").asDouble();
            compared++;
            if (metadata == null || metadata.getLatitude() == null || Math.abs(metadata.getLatitude() - lat) > 1e-5
                    || Math.abs(metadata.getLongitude() - lon) > 1e-5) {
                wrong.add(entry.getKey() + ": expected " + lat + "," + lon + " got "
                        + (metadata == null ? null : metadata.getLatitude() + "," + metadata.getLongitude()));
            }
        }
        assertThat(wrong).isEmpty();
        assertThat(compared).isGreaterThanOrEqualTo(20);

        var buggy = results.get("media/images/buggy_panorama.jpg").metadata();
        assertThat(buggy.getLatitude()).as("latitude 213 dropped").isNull();
        assertThat(buggy.getExtra().get("warnings").toString()).contains("out of range");
        var samsung = results.get("media/images/Samsung GT-I9000 (Galaxy S).jpg").metadata();
        assertThat(samsung.getLatitude()).isZero();
        assertThat(samsung.getExtra()).containsEntry("gpsZeroZero", true);
        assertThat(results.get("media/images/empty_gps.jpg").metadata().getLatitude()).isNull();
    }

    @Test
    void durationsWithinOnePercentOfFfprobe() throws IOException {
        JsonMapper json = JsonMapper.builder().build();
        int compared = 0;
        // Only ffprobe reads the durations of WMA and MPEG transport streams.
        boolean ffprobe = org.archivist.testing.Programs.installed("ffprobe");
        if (!ffprobe) System.out.println("ffprobe is not installed (sudo apt-get install ffmpeg): .wma and .mts durations not compared");
        for (String kind : List.of("audio", "video")) {
            try (var refs = Files.list(Corpus.root().resolve("reference/ffprobe").resolve(kind))) {
                for (Path ref : refs.toList()) {
                    JsonNode format = json.readTree(ref.toFile()).path("format");
                    if (!format.has("duration")) continue;
                    String path = "media/" + kind + "/" + ref.getFileName().toString().replaceFirst("\\.json$", "");
                    if (!ffprobe && path.matches("(?i).*\\.(wma|mts)")) continue;
                    var metadata = results.get(path).metadata();
                    double expected = format.path("duration").asDouble();
                    assertThat(metadata.getDurationSeconds()).as(path).isNotNull();
                    assertThat(metadata.getDurationSeconds()).as(path).isCloseTo(expected, within(expected * 0.01));
                    compared++;
                }
            }
        }
        assertThat(compared).isGreaterThan(15);
    }

    @Test
    void jpegNamedPngIsClassifiedByItsBytes() {
        assertThat(results.get("media/images/this-is-a-jpeg.png").metadata().getWidth()).isPositive();
        MediaClassifier classifier = new MediaClassifier();
        byte[] jpeg = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 16, 'J', 'F', 'I', 'F', 0};
        assertThat(classifier.classify("this-is-a-jpeg.png", jpeg, jpeg.length).mimeType()).isEqualTo("image/jpeg");
        assertThat(classifier.classify("notes.txt", "hello".getBytes(), 5).mediaType()).isEqualTo(MediaType.DOCUMENT);
    }

    private static List<String> rejections(MetadataExtractor.Extraction extraction) {
        Object rejected = extraction.metadata().getExtra().get("rejectedDates");
        return rejected == null ? List.of() : ((List<?>) rejected).stream().map(Object::toString).toList();
    }

    record Expected(String tag, Instant instant, Integer offsetMinutes) {
    }

    /** What the file's best reference date means as detected_at and offset: a trailing zone makes it absolute. */
    static Expected expectedCapture(JsonNode ref) {
        for (String tag : CAPTURE_TAGS) {
            String value = text(ref, tag);
            if (value == null) continue;
            Matcher m = REFERENCE_DATE.matcher(value.strip());
            if (!m.matches() || m.group(1).equals("0000")) continue;
            String time = m.group(4) == null ? "00:00:00" : m.group(4) + ":" + m.group(5) + ":" + m.group(6);
            LocalDateTime wall = LocalDateTime.parse(m.group(1) + "-" + m.group(2) + "-" + m.group(3) + "T" + time,
                    DateTimeFormatter.ISO_LOCAL_DATE_TIME);
            if (wall.isAfter(LocalDateTime.of(2026, 11, 22, 0, 0))) continue;
            String zone = m.group(7) != null ? m.group(7) : siblingOffset(ref, tag);
            boolean utcBySpec = tag.startsWith("QuickTime:CreateDate") || tag.equals("ASF:CreationDate");
            if (zone == null || zone.equals("Z") || utcBySpec) {
                return new Expected(tag, wall.toInstant(ZoneOffset.UTC), null);
            }
            ZoneOffset offset = ZoneOffset.of(zone);
            return new Expected(tag, wall.toInstant(offset), offset.getTotalSeconds() / 60);
        }
        return null;
    }

    /** EXIF keeps a date's offset in a separate tag, IPTC in its time tag. */
    private static String siblingOffset(JsonNode ref, String tag) {
        String sibling = switch (tag) {
            case "EXIF:DateTimeOriginal" -> text(ref, "EXIF:OffsetTimeOriginal");
            case "EXIF:CreateDate" -> text(ref, "EXIF:OffsetTimeDigitized");
            case "XMP:DateCreated", "IPTC:DateCreated" -> {
                String iptcTime = text(ref, "IPTC:TimeCreated");
                yield iptcTime == null ? null : iptcTime.replaceFirst("^[0-9:.]+", "");
            }
            default -> null;
        };
        return sibling == null || sibling.isBlank() ? null : sibling.strip();
    }

    private static String text(JsonNode ref, String... tags) {
        for (String tag : tags) {
            JsonNode node = ref.path(tag);
            if (!node.isMissingNode() && !node.isNull()) return node.asString();
        }
        return null;
    }
}
