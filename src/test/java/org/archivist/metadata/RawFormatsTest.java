package org.archivist.metadata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

import org.archivist.testing.Corpus;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Camera RAW and newer formats ({@code corpus/raw}): every file gets the capture date, camera and
 * pixel size that ExifTool reports (and GPS where it has one), through the in-process readers or
 * the ExifTool fallback; the test prints which read each file.
 */
class RawFormatsTest {

    private static final DateTimeFormatter EXIF = DateTimeFormatter.ofPattern("yyyy:MM:dd HH:mm:ss");

    private static Path raw() {
        Path raw = Corpus.root().resolve("raw");
        assumeTrue(Files.isDirectory(raw.resolve("media")), "the RAW samples are not at " + raw + "; skipping");
        return raw;
    }

    private static List<Path> samples(Path raw) throws IOException {
        try (var files = Files.list(raw.resolve("media"))) {
            return files.filter(Files::isRegularFile).sorted().toList();
        }
    }

    private static MetadataExtractor.Extraction extract(MetadataExtractor extractor, Path file) throws IOException {
        byte[] head = Files.readAllBytes(file);
        var kind = new MediaClassifier().classify(file.getFileName().toString(), head, Math.min(head.length, MediaClassifier.HEAD_BYTES));
        assertThat(kind.mediaType()).as(file.getFileName() + " (" + kind.mimeType() + ")").isEqualTo(org.archivist.catalog.MediaType.IMAGE);
        return extractor.extract(file, file.getFileName().toString(), kind, null, Files.getLastModifiedTime(file).toInstant());
    }

    @Test
    void everySampleGetsExifToolsDateCameraSizeAndPosition() throws IOException {
        Path raw = raw();
        MetadataExtractor extractor = new MetadataExtractor(JsonMapper.builder().build(), Clock.systemUTC(), Duration.ofSeconds(30));
        org.archivist.testing.Programs.requireExiftool();
        JsonNode reference = JsonMapper.builder().build().readTree(raw.resolve("reference/exiftool.json").toFile());
        List<String> readers = new ArrayList<>();
        try {
            for (JsonNode expected : reference) {
                Path file = raw.resolve(expected.get("SourceFile").asString());
                String name = file.getFileName().toString();
                var extraction = extract(extractor, file);
                assertThat(extraction.error()).as(name).isNull();
                var m = extraction.metadata();
                String reader = "exiftool".equals(m.getExtra().get("readBy")) ? "exiftool fallback" : "in-process";
                readers.add(name + ": " + reader);

                assertThat(m.getCameraMake()).as(name + " make (" + reader + ")").isEqualTo(expected.get("EXIF:Make").asString().strip());
                assertThat(m.getCameraModel()).as(name + " model (" + reader + ")").isEqualTo(expected.get("EXIF:Model").asString().strip());

                LocalDateTime original = LocalDateTime.parse(expected.get("EXIF:DateTimeOriginal").asString(), EXIF);
                var capture = extraction.capture();
                assertThat(capture.detectedAt()).as(name + " capture date (" + reader + ")").isNotNull();
                int offset = capture.offsetMinutes() == null ? 0 : capture.offsetMinutes();
                assertThat(LocalDateTime.ofInstant(capture.detectedAt(), ZoneOffset.UTC).plusMinutes(offset).truncatedTo(java.time.temporal.ChronoUnit.SECONDS))
                        .as(name + " capture date (" + reader + ")").isEqualTo(original);
                if (expected.has("EXIF:OffsetTimeOriginal")) {
                    int minutes = ZoneOffset.of(expected.get("EXIF:OffsetTimeOriginal").asString()).getTotalSeconds() / 60;
                    assertThat(capture.offsetMinutes()).as(name + " offset (" + reader + ")").isEqualTo(minutes);
                }

                Integer width = null, height = null;
                if (expected.has("Composite:ImageSize")) {
                    String[] size = expected.get("Composite:ImageSize").asString().split(" ");
                    width = Integer.valueOf(size[0]);
                    height = Integer.valueOf(size[1]);
                } else if (expected.has("EXIF:ExifImageWidth")) {
                    width = expected.get("EXIF:ExifImageWidth").asInt();
                    height = expected.get("EXIF:ExifImageHeight").asInt();
                }
                if (width != null) {
                    assertThat(m.getWidth()).as(name + " width (" + reader + ")").isEqualTo(width);
                    assertThat(m.getHeight()).as(name + " height (" + reader + ")").isEqualTo(height);
                }

                if (expected.has("Composite:GPSLatitude")) {
                    assertThat(m.getLatitude()).as(name + " latitude (" + reader + ")").isCloseTo(expected.get("Composite:GPSLatitude").asDouble(), within(1e-4));
                    assertThat(m.getLongitude()).as(name + " longitude (" + reader + ")").isCloseTo(expected.get("Composite:GPSLongitude").asDouble(), within(1e-4));
                } else {
                    assertThat(m.getLatitude()).as(name + " has no GPS").isNull();
                }
            }
        } finally {
            extractor.close();
            System.out.println("RAW samples and their readers:\n  " + String.join("\n  ", readers));
        }
        assertThat(readers).hasSize(samples(raw).size());
    }

    @Test
    void withoutExifToolEverySampleIsStillCataloguedAndTheNoticeSaysWhatIsLost() throws IOException {
        Path raw = raw();
        MetadataExtractor extractor = new MetadataExtractor(JsonMapper.builder().build(), Clock.systemUTC(), Duration.ofSeconds(30),
                "ffprobe", "exiftool-that-is-not-installed");
        assertThat(extractor.tools().notices()).contains(MetadataExtractor.EXIFTOOL_MISSING);
        int read = 0;
        for (Path file : samples(raw)) {
            var extraction = extract(extractor, file);
            if (extraction.error() == null) {
                read++;
            } else {
                assertThat(file.getFileName().toString()).as("only formats metadata-extractor cannot identify fail: " + extraction.error())
                        .matches(".*\\.(cr3|jxl)");
            }
        }
        assertThat(read).isGreaterThanOrEqualTo(11);
    }
}
