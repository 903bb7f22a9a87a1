package org.archivist.thumbs;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import javax.imageio.ImageIO;

import org.archivist.catalog.MediaType;
import org.archivist.testing.Corpus;
import org.archivist.testing.Programs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pictures from inside files: a RAW's embedded preview, an EPUB's cover, a song's cover art; a reason where there is none. */
class CoverThumbnailerTest {

    @TempDir
    Path temp;

    private int made;

    private Thumbnailer.Outcome make(Thumbnailer engine, Path file, MediaType mediaType, String mime, Integer orientation) {
        made++;
        return engine.make(List.of(new Thumbnailer.Request(file, "0".repeat(64), mediaType, mime, null, null, orientation,
                temp.resolve(made + ".t.jpg"), temp.resolve(made + ".p.jpg")))).get(0);
    }

    private BufferedImage thumb() throws IOException {
        return ImageIO.read(temp.resolve(made + ".t.jpg").toFile());
    }

    private BufferedImage preview() throws IOException {
        return ImageIO.read(temp.resolve(made + ".p.jpg").toFile());
    }

    @Test
    void rawFilesShowTheirLargestEmbeddedPreviewTurnedUpright() throws Exception {
        Path raws = Corpus.root().resolve("raw/media");
        CoverThumbnailer covers = new CoverThumbnailer();
        assertThat(covers.accepts(MediaType.IMAGE, "image/x-sony-arw")).isTrue();
        assertThat(covers.accepts(MediaType.IMAGE, "image/jpeg")).isFalse();
        // The NEF holds three JPEGs, 570, 1620 and 6000 px wide: the biggest is taken (decoded reduced).
        assertThat(make(covers, raws.resolve("NEF.exif"), MediaType.IMAGE, "image/x-nikon-nef", 1).error()).isNull();
        assertThat(preview().getWidth()).isEqualTo(1440);
        // This PEF sample is cut before its full-size JPEG: its 720 px preview, the one that is there.
        assertThat(make(covers, raws.resolve("jølstravatnet.pef"), MediaType.IMAGE, "image/x-pentax-pef", 1).error()).isNull();
        assertThat(preview().getWidth()).isEqualTo(720);
        // Cut-off samples still hold a small JPEG each (the corpus's raw/README.md): that one.
        for (String name : List.of("fixture-sony-zv-e10.arw", "canon-r6.cr3", "fixture.cr3", "test.dng")) {
            Thumbnailer.Outcome outcome = make(covers, raws.resolve(name), MediaType.IMAGE, "image/x-raw", null);
            assertThat(outcome.error()).as(name).isNull();
            assertThat(Math.max(thumb().getWidth(), thumb().getHeight())).as(name).isLessThanOrEqualTo(320).isGreaterThanOrEqualTo(160);
        }
        // Turned as the RAW's own orientation says (the embedded preview is stored as the sensor saw it).
        make(covers, raws.resolve("NEF.exif"), MediaType.IMAGE, "image/x-nikon-nef", 6);
        assertThat(thumb().getHeight()).isEqualTo(320).isGreaterThan(thumb().getWidth());
        // exiftool's stripped samples keep 26-byte stand-ins for their previews: a reason, no crash.
        Thumbnailer.Outcome stripped = make(covers, Corpus.media().resolve("images/CanonRaw.cr2"), MediaType.IMAGE, "image/x-canon-cr2", 1);
        assertThat(stripped.error()).contains("no embedded preview");
        assertThat(make(covers, raws.resolve("Hero8.GPR"), MediaType.IMAGE, "image/x-gopro-gpr", 1).error()).as("GoPro stores none")
                .contains("no embedded preview");
    }

    @Test
    void epubsShowTheirCoverAndAHostileOneIsRefused() throws Exception {
        CoverThumbnailer covers = new CoverThumbnailer();
        for (String name : List.of("alice.epub", "producing-oss.epub", "internal_link.epub")) {
            Thumbnailer.Outcome outcome = make(covers, Corpus.media().resolve("documents/" + name), MediaType.BOOK, "application/epub+zip", null);
            assertThat(outcome.error()).as(name).isNull();
            assertThat(preview().getHeight()).as(name).isGreaterThan(100);
        }
        Thumbnailer.Outcome none = make(covers, Corpus.media().resolve("documents/alice_without_cover.epub"), MediaType.BOOK,
                "application/epub+zip", null);
        assertThat(none.error()).contains("no cover");
        // An external entity in the package file is not followed, and a cover that inflates past the limit is not read.
        Path hostile = temp.resolve("hostile.epub");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(hostile))) {
            zip.putNextEntry(new ZipEntry("META-INF/container.xml"));
            zip.write("""
                    <?xml version="1.0"?><container xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
                    <rootfiles><rootfile full-path="book.opf"/></rootfiles></container>""".getBytes());
            zip.putNextEntry(new ZipEntry("book.opf"));
            zip.write("""
                    <?xml version="1.0"?><!DOCTYPE package [<!ENTITY x SYSTEM "file:///etc/passwd">]>
                    <package xmlns="http://www.idpf.org/2007/opf"><manifest>
                    <item id="c" href="cover.png" media-type="image/png" properties="cover-image"/></manifest><metadata>&x;</metadata></package>"""
                    .getBytes());
            zip.putNextEntry(new ZipEntry("cover.png"));
            zip.write(new byte[70 * 1024 * 1024]);
        }
        Thumbnailer.Outcome refused = make(covers, hostile, MediaType.BOOK, "application/epub+zip", null);
        assertThat(refused.error()).isNotNull().doesNotContain("root:");
    }

    @Test
    void songsShowTheirCoverArt() throws Exception {
        Programs.requireFfmpeg();
        Path song = temp.resolve("with cover.mp3");
        ToolRun.Ended tagged = ToolRun.run(List.of("ffmpeg", "-v", "error", "-y", "-i", Corpus.media().resolve("audio/silence-44-s.mp3").toString(),
                "-i", Corpus.media().resolve("images/DSCN0010.jpg").toString(), "-map", "0:a", "-map", "1", "-c", "copy", "-id3v2_version", "3",
                "-disposition:v", "attached_pic", song.toString()), java.time.Duration.ofSeconds(30), temp);
        assertThat(tagged.exitCode()).as(tagged.messages()).isZero();
        AudioCoverThumbnailer art = new AudioCoverThumbnailer();
        assertThat(make(art, song, MediaType.AUDIO, "audio/mpeg", null).error()).isNull();
        assertThat(thumb().getWidth()).isEqualTo(320);
        assertThat(make(art, Corpus.media().resolve("audio/no-tags.mp3"), MediaType.AUDIO, "audio/mpeg", null).error()).isEqualTo("no embedded cover art");
    }
}
