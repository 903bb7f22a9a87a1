package org.archivist.thumbs;

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

import com.drew.imaging.ImageMetadataReader;
import com.drew.metadata.exif.ExifIFD0Directory;
import org.archivist.catalog.MediaType;
import org.archivist.fingerprint.ImageDecoder;
import org.archivist.fingerprint.PerceptualHash;
import org.archivist.metadata.MediaClassifier;
import org.archivist.testing.Corpus;
import org.archivist.testing.Programs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The perceptual hash a JPEG photo gets from its thumbnail (libvips, 320 px from the preview, upright) against
 * goimagehash's on the original ({@code reference/goimagehash.csv}): the issue allows the reduced
 * decode if at least 95 % of the corpus's images stay within 4 bits.
 */
class ThumbnailHashCorpusTest {

    @TempDir
    Path staging;

    @Test
    void thumbnailHashesOfCorpusJpegsStayWithinFourBitsOfGoimagehash() throws Exception {
        Programs.require("vipsthumbnail", "libvips-tools");
        Path root = Corpus.root();
        List<Thumbnailer.Request> requests = new ArrayList<>();
        Map<String, Long> reference = new java.util.HashMap<>();
        int images = 0;
        for (Map<String, String> row : Corpus.csv("goimagehash.csv")) {
            if (row.get("phash").isEmpty()) continue;
            images++;
            Path file = root.resolve(row.get("path"));
            if (!"image/jpeg".equals(mimeOf(file))) continue;
            String key = String.format("%064d", requests.size());
            reference.put(key, PerceptualHash.parseHex(row.get("phash")));
            requests.add(new Thumbnailer.Request(file, key, MediaType.IMAGE, "image/jpeg", null, null, orientation(file),
                    staging.resolve(key + ".thumb.jpg"), staging.resolve(key + ".preview.jpg")));
        }
        ImageDecoder decoder = new ImageDecoder("ffmpeg", Duration.ofSeconds(60));
        Map<Integer, Integer> distances = new TreeMap<>();
        int within = 0;
        for (Thumbnailer.Outcome outcome : new VipsThumbnailer().make(requests)) {
            assertThat(outcome.error()).as(outcome.request().file().toString()).isNull();
            Thumbnailer.Request request = outcome.request();
            long fromThumbnail = PerceptualHash.ofReducedCopy(decoder.decode(request.thumb(), "image/jpeg"), request.orientation());
            int distance = PerceptualHash.distance(fromThumbnail, reference.get(request.sha256()));
            distances.merge(distance, 1, Integer::sum);
            if (distance <= 4) within++;
        }
        // Every other image keeps its full decode (bit-exact for lossless ones, PerceptualHashCorpusTest).
        int others = images - requests.size();
        System.out.printf("perceptual hash from the thumbnail: %d JPEGs, distance to goimagehash -> count %s; %d of %d images within 4 bits%n",
                requests.size(), distances, within + others, images);
        assertThat(requests).hasSizeGreaterThan(30);
        assertThat(within).isGreaterThanOrEqualTo((int) Math.ceil(requests.size() * 0.95));
    }

    private static Integer orientation(Path file) {
        try {
            ExifIFD0Directory exif = ImageMetadataReader.readMetadata(file.toFile()).getFirstDirectoryOfType(ExifIFD0Directory.class);
            return exif == null ? null : exif.getInteger(ExifIFD0Directory.TAG_ORIENTATION);
        } catch (Exception e) {
            return null;
        }
    }

    private static String mimeOf(Path file) throws IOException {
        byte[] head = new byte[MediaClassifier.HEAD_BYTES];
        int length;
        try (InputStream in = Files.newInputStream(file)) {
            length = in.readNBytes(head, 0, head.length);
        }
        return new MediaClassifier().classify(file.getFileName().toString(), head, length).mimeType();
    }
}
