package org.archivist.fingerprint;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.archivist.metadata.MediaClassifier;
import org.archivist.testing.Corpus;
import org.junit.jupiter.api.Test;

/** Our perceptual hashes against goimagehash's and Stash's on the corpus ({@code reference/goimagehash*.csv}). */
class PerceptualHashCorpusTest {

    private final ImageDecoder decoder = new ImageDecoder("ffmpeg", Duration.ofSeconds(60));

    @Test
    void losslessImagesEqualGoimagehashBitForBitAndLossyOnesWithinFourBits() throws Exception {
        org.archivist.testing.Programs.requireFfmpeg(); // WebP and HEIC pictures are decoded by ffmpeg
        Path root = Corpus.root();
        Map<Integer, Integer> lossyDistances = new TreeMap<>();
        List<String> lossless = new ArrayList<>();
        int lossy = 0;
        int lossyWithinFour = 0;
        for (Map<String, String> row : Corpus.csv("goimagehash.csv")) {
            if (row.get("phash").isEmpty()) continue;
            Path file = root.resolve(row.get("path"));
            String mime = mimeOf(file);
            long ours = PerceptualHash.of(decoder.decode(file, mime));
            long theirs = PerceptualHash.parseHex(row.get("phash"));
            int distance = PerceptualHash.distance(ours, theirs);
            if (mime.equals("image/png") || mime.equals("image/tiff")) {
                lossless.add(row.get("path"));
                assertThat(PerceptualHash.hex(ours)).as(row.get("path")).isEqualTo(row.get("phash"));
            } else {
                lossy++;
                if (distance <= 4) lossyWithinFour++;
                lossyDistances.merge(distance, 1, Integer::sum);
            }
        }
        System.out.printf("perceptual hash, JPEG and WebP: %d images, distance to goimagehash -> count %s%n", lossy, lossyDistances);
        assertThat(lossless).hasSize(3);
        assertThat(lossyWithinFour).isGreaterThanOrEqualTo((int) Math.ceil(lossy * 0.95));
    }

    @Test
    void videosEqualStashsSpriteHashBitForBit() throws Exception {
        org.archivist.testing.Programs.requireFfmpeg();
        Path root = Corpus.root();
        VideoPerceptualHash video = new VideoPerceptualHash("ffmpeg", "ffprobe", Duration.ofSeconds(60));
        for (Map<String, String> row : Corpus.csv("goimagehash_video.csv")) {
            Path file = root.resolve(row.get("path"));
            if (row.get("phash").isEmpty()) {
                org.junit.jupiter.api.Assertions.assertThrows(ImageDecoder.UndecodableException.class, () -> video.of(file), row.get("path"));
            } else {
                assertThat(PerceptualHash.hex(video.of(file))).as(row.get("path")).isEqualTo(row.get("phash"));
            }
        }
    }

    @Test
    void goFloatFormatting() {
        assertThat(VideoPerceptualHash.goFloat(4.0)).isEqualTo("4");
        assertThat(VideoPerceptualHash.goFloat(0.05 * 2.6 + 3 * (0.9 * 2.6 / 25))).isEqualTo(Double.toString(0.05 * 2.6 + 3 * (0.9 * 2.6 / 25)));
        assertThat(VideoPerceptualHash.goFloat(0.5685)).isEqualTo("0.5685");
        assertThat(VideoPerceptualHash.goFloat(0.00005)).isEqualTo("5e-05");
        assertThat(VideoPerceptualHash.goFloat(0.06970000000000001)).isEqualTo("0.06970000000000001");
    }

    static String mimeOf(Path file) throws IOException {
        byte[] head = new byte[MediaClassifier.HEAD_BYTES];
        int length;
        try (InputStream in = Files.newInputStream(file)) {
            length = in.readNBytes(head, 0, head.length);
        }
        return new MediaClassifier().classify(file.getFileName().toString(), head, length).mimeType();
    }
}
