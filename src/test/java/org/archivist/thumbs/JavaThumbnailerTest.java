package org.archivist.thumbs;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import javax.imageio.ImageIO;

import org.archivist.catalog.MediaType;
import org.archivist.testing.Corpus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fallback without libvips: upright JPEG pictures of the formats ImageIO reads, bombs refused before decoding. */
class JavaThumbnailerTest {

    @TempDir
    Path temp;

    private Thumbnailer.Outcome make(Path file, String mime, Integer orientation) {
        return new JavaThumbnailer().make(List.of(new Thumbnailer.Request(file, "0".repeat(64), MediaType.IMAGE, mime, null, null,
                orientation, temp.resolve("t.jpg"), temp.resolve("p.jpg")))).get(0);
    }

    @Test
    void photosAreTurnedUprightAndScaledDown() throws Exception {
        Thumbnailer.Outcome outcome = make(Corpus.media().resolve("images/landscape_6.jpg"), "image/jpeg", 6);
        assertThat(outcome.error()).isNull();
        BufferedImage thumb = ImageIO.read(temp.resolve("t.jpg").toFile());
        assertThat(thumb.getWidth()).isEqualTo(320).isGreaterThan(thumb.getHeight());
        BufferedImage preview = ImageIO.read(temp.resolve("p.jpg").toFile());
        assertThat(preview.getWidth()).as("never enlarged").isEqualTo(600);
        for (int orientation = 1; orientation <= 8; orientation++) {
            BufferedImage turned = Pictures.oriented(new BufferedImage(40, 30, BufferedImage.TYPE_INT_RGB), orientation);
            assertThat(turned.getWidth()).as("orientation " + orientation).isEqualTo(orientation >= 5 ? 30 : 40);
        }
        assertThat(make(Corpus.media().resolve("images/denali.webp"), "image/webp", null).error()).as("WebP through TwelveMonkeys").isNull();
    }

    @Test
    void aDecompressionBombAndAnUnreadableFileGetReasons() throws Exception {
        Path bomb = Files.write(temp.resolve("bomb.png"), ThumbnailServiceTest.pngHeader(50_000, 50_000));
        assertThat(make(bomb, "image/png", null).error()).contains("over the limit");
        Path garbage = Files.write(temp.resolve("garbage.jpg"), new byte[] {(byte) 0xff, (byte) 0xd8, 1, 2, 3});
        assertThat(make(garbage, "image/jpeg", null).error()).startsWith("the image could not be read");
    }
}
