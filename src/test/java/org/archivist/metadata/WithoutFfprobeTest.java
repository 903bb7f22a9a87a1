package org.archivist.metadata;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.archivist.testing.Corpus;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.json.JsonMapper;

/** Without ffprobe a video is still catalogued with what metadata-extractor reads, and the scan says once what is missing. */
class WithoutFfprobeTest {

    @Test
    void videosAreStillReadAndTheMissingToolIsNamedOnce() throws IOException {
        MetadataExtractor extractor = new MetadataExtractor(JsonMapper.builder().build(), CorpusMetadataTest.CORPUS_DAY,
                Duration.ofSeconds(30), "ffprobe-that-is-not-installed");
        List<String> notices = new ArrayList<>();
        extractor.onNotice(notices::add);
        MediaClassifier classifier = new MediaClassifier();
        for (String name : List.of("with-gps.mov", "xmp480qt.mov", "sample.3gp")) {
            Path video = Corpus.media().resolve("video").resolve(name);
            byte[] head = Files.readAllBytes(video);
            var kind = classifier.classify(name, head, Math.min(head.length, MediaClassifier.HEAD_BYTES));
            var extraction = extractor.extract(video, name, kind, null, Files.getLastModifiedTime(video).toInstant());
            assertThat(extraction.error()).as(name).isNull();
            assertThat(extraction.metadata()).as(name).isNotNull();
        }
        assertThat(notices).containsExactly(MetadataExtractor.FFPROBE_MISSING);
        assertThat(notices.get(0)).contains("duration").contains("apt-get install ffmpeg");
    }
}
