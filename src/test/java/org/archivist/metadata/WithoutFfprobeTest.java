package org.archivist.metadata;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.archivist.testing.Corpus;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.json.JsonMapper;

/**
 * Without ffprobe, MP4, QuickTime, AVI and WebM files lose nothing (they are read in-process); transport streams are
 * still catalogued with what metadata-extractor reads, and the scan says once what is missing.
 */
class WithoutFfprobeTest {

    @Test
    void videosAreStillReadAndTheMissingToolIsNamedOnce() throws IOException {
        MetadataExtractor extractor = new MetadataExtractor(JsonMapper.builder().build(), CorpusMetadataTest.CORPUS_DAY,
                Duration.ofSeconds(30), "ffprobe-that-is-not-installed", "exiftool");
        MediaClassifier classifier = new MediaClassifier();
        java.util.Map<String, MetadataExtractor.Extraction> results = new java.util.HashMap<>();
        for (String name : List.of("with-gps.mov", "xmp480qt.mov", "sample.3gp", "MVI_4823.AVI", "big-buck-bunny_trailer-short.vp8.webm", "Sony ILCE-7M3 (A7M3).mts")) {
            Path video = Corpus.media().resolve("video").resolve(name);
            byte[] head = Files.readAllBytes(video);
            var kind = classifier.classify(name, head, Math.min(head.length, MediaClassifier.HEAD_BYTES));
            var extraction = extractor.extract(video, name, kind, null, Files.getLastModifiedTime(video).toInstant());
            assertThat(extraction.error()).as(name).isNull();
            assertThat(extraction.metadata()).as(name).isNotNull();
            results.put(name, extraction);
        }
        var iphone = results.get("with-gps.mov");
        assertThat(iphone.metadata().getVideoCodec()).isEqualTo("h264");
        assertThat(iphone.metadata().getAudioCodec()).isEqualTo("aac");
        assertThat(iphone.metadata().getWidth()).isEqualTo(568);
        assertThat(iphone.capture().detectedAt()).isEqualTo(java.time.Instant.parse("2019-07-24T08:25:40Z"));
        assertThat(iphone.capture().offsetMinutes()).isEqualTo(180);
        assertThat(iphone.metadata().getCameraModel()).isEqualTo("iPhone 6");
        assertThat(iphone.metadata().getLatitude()).isCloseTo(32.0929, org.assertj.core.api.Assertions.within(1e-5));
        assertThat(iphone.metadata().getDurationSeconds()).isCloseTo(4.0, org.assertj.core.api.Assertions.within(0.05));
        assertThat(results.get("xmp480qt.mov").capture().detectedAt()).isEqualTo(java.time.Instant.parse("2020-01-05T11:19:45Z"));
        assertThat(results.get("sample.3gp").capture().detectedAt()).isEqualTo(java.time.Instant.parse("2005-10-28T17:36:40Z"));
        assertThat(results.get("MVI_4823.AVI").metadata().getWidth()).isEqualTo(640);
        assertThat(results.get("MVI_4823.AVI").metadata().getDurationSeconds()).isCloseTo(2.6, org.assertj.core.api.Assertions.within(0.01));
        assertThat(results.get("big-buck-bunny_trailer-short.vp8.webm").metadata().getVideoCodec()).isEqualTo("vp8");
        assertThat(results.get("Sony ILCE-7M3 (A7M3).mts").capture().detectedAt()).as("AVCHD's own date, read in-process").isNotNull();
        List<String> notices = extractor.tools().notices().stream().filter(n -> n.startsWith("ffprobe")).toList();
        assertThat(notices).containsExactly(MetadataExtractor.FFPROBE_MISSING);
        assertThat(notices.get(0)).contains("duration").contains("apt-get install ffmpeg");
    }
}
