package org.archivist.thumbs;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.CRC32;

import javax.imageio.ImageIO;

import org.archivist.catalog.Library;
import org.archivist.catalog.LibraryService;
import org.archivist.fingerprint.HashService;
import org.archivist.scan.ScanProgress;
import org.archivist.scan.ScanService;
import org.archivist.fingerprint.PerceptualHash;
import org.archivist.testing.Corpus;
import org.archivist.testing.EngineTest;
import org.archivist.testing.Programs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Thumbnails of real media through the real engines, on SQLite and on PostgreSQL, and what hostile files get. */
class ThumbnailServiceTest extends EngineTest {

    @TempDir
    Path temp;

    private Library catalogued(Path root) {
        Library library = bean(LibraryService.class).add(unique("thumbs"), root, Set.of(), List.of());
        bean(ScanService.class).scan(bean(LibraryService.class).get(library.getId()), false, ScanProgress.NONE);
        bean(HashService.class).hash(bean(LibraryService.class).get(library.getId()), 2, done -> { });
        return bean(LibraryService.class).get(library.getId());
    }

    private String sha(Library library, String name) {
        return jdbc().queryForObject("SELECT sha256 FROM files WHERE library_id = ? AND file_name = ?", String.class, library.getId(), name);
    }

    private long phash(Library library, String name) {
        Long phash = jdbc().queryForObject("SELECT phash FROM files WHERE library_id = ? AND file_name = ?", Long.class, library.getId(), name);
        assertThat(phash).as("a perceptual hash for " + name).isNotNull();
        return phash;
    }

    private BufferedImage picture(String sha256, ThumbnailSize size) throws IOException {
        ThumbnailRecords.Made made = bean(ThumbnailRecords.class).find(sha256);
        assertThat(made).as("a record for " + sha256).isNotNull();
        assertThat(made.error()).as("made without error").isNull();
        Path path = bean(ThumbnailStore.class).find(sha256, size, made.format()).orElseThrow();
        BufferedImage image = ImageIO.read(path.toFile());
        assertThat(image).as("a readable " + size + " at " + path).isNotNull();
        return image;
    }

    @Test
    void realMediaGetUprightPicturesHostileFilesGetReasonsAndNothingIsMadeTwice() throws IOException {
        Programs.require("vipsthumbnail", "libvips-tools");
        Programs.requireFfmpeg();
        Path root = Files.createDirectories(temp.resolve("library"));
        for (String name : List.of("images/landscape_6.jpg", "images/Samsung GT-I9000 (Galaxy S).jpg", "images/portrait_3.jpg",
                "images/IMG_2682.heic", "images/denali.webp", "images/Issue 649.avif", "images/this-is-a-jpeg.png",
                "video/sample_640x360.mov", "video/quicktime-hvc1.mov", "documents/tracemonkey.pdf")) {
            Path source = Corpus.media().resolve(name);
            Files.copy(source, root.resolve(source.getFileName().toString()));
        }
        // Hostile: a PNG that says it is 50,000 x 50,000, a JPEG cut after 2 KB, a name that is HTML.
        Files.write(root.resolve("bomb.png"), pngHeader(50_000, 50_000));
        byte[] jpeg = Files.readAllBytes(Corpus.media().resolve("images/Canon_40D.jpg"));
        Files.write(root.resolve("truncated.jpg"), java.util.Arrays.copyOf(jpeg, 2048));
        Files.copy(Corpus.media().resolve("images/DSCN0010.jpg"), root.resolve("<img src=x onerror=alert(1)>.jpg"));
        Library library = catalogued(root);

        ThumbnailService.Report first = bean(ThumbnailService.class).make(library, null);

        // Orientation applied: landscape_6 is stored 450 x 600 and shown turned (600 x 450); the Samsung photo the other way.
        BufferedImage landscape = picture(sha(library, "landscape_6.jpg"), ThumbnailSize.THUMB);
        assertThat(landscape.getWidth()).isEqualTo(320).isGreaterThan(landscape.getHeight());
        BufferedImage samsung = picture(sha(library, "Samsung GT-I9000 (Galaxy S).jpg"), ThumbnailSize.THUMB);
        assertThat(samsung.getHeight()).isEqualTo(320).isGreaterThan(samsung.getWidth());
        // A small image is not enlarged for its preview.
        assertThat(picture(sha(library, "portrait_3.jpg"), ThumbnailSize.PREVIEW).getHeight()).isEqualTo(600);
        for (String name : List.of("IMG_2682.heic", "denali.webp", "Issue 649.avif", "this-is-a-jpeg.png", "<img src=x onerror=alert(1)>.jpg")) {
            BufferedImage thumb = picture(sha(library, name), ThumbnailSize.THUMB);
            assertThat(Math.max(thumb.getWidth(), thumb.getHeight())).as(name).isLessThanOrEqualTo(320);
        }
        for (String name : List.of("sample_640x360.mov", "quicktime-hvc1.mov", "tracemonkey.pdf")) {
            BufferedImage preview = picture(sha(library, name), ThumbnailSize.PREVIEW);
            assertThat(Math.max(preview.getWidth(), preview.getHeight())).as(name).isLessThanOrEqualTo(1440).isGreaterThan(100);
        }
        ThumbnailRecords.Made bomb = bean(ThumbnailRecords.class).find(sha(library, "bomb.png"));
        assertThat(bomb.ready()).isFalse();
        assertThat(bomb.error()).contains("50000 x 50000").contains("over the limit");
        ThumbnailRecords.Made truncated = bean(ThumbnailRecords.class).find(sha(library, "truncated.jpg"));
        assertThat(truncated).as("the truncated JPEG has a record, made or failed with a reason").isNotNull();
        if (!truncated.ready()) assertThat(truncated.error()).isNotBlank();
        assertThat(first.made()).isGreaterThanOrEqualTo(11);

        // Decoded once: a JPEG's perceptual hash comes from its thumbnail (turned back to the stored order), a
        // video's from the run that took its poster, bit-exact with Stash's; other formats are left to detection.
        Map<String, String> stash = new java.util.HashMap<>();
        for (Map<String, String> row : Corpus.csv("goimagehash.csv")) stash.put(row.get("path"), row.get("phash"));
        for (Map<String, String> row : Corpus.csv("goimagehash_video.csv")) stash.put(row.get("path"), row.get("phash"));
        assertThat(PerceptualHash.distance(phash(library, "landscape_6.jpg"), PerceptualHash.parseHex(stash.get("media/images/landscape_6.jpg"))))
                .isLessThanOrEqualTo(4);
        assertThat(PerceptualHash.hex(phash(library, "sample_640x360.mov"))).isEqualTo(stash.get("media/video/sample_640x360.mov"));
        assertThat(PerceptualHash.hex(phash(library, "quicktime-hvc1.mov"))).isEqualTo(stash.get("media/video/quicktime-hvc1.mov"));
        assertThat(jdbc().queryForObject("SELECT phash FROM files WHERE library_id = ? AND file_name = 'denali.webp'", Long.class,
                library.getId())).isNull();

        // Run again: everything is there already, nothing is made twice.
        ThumbnailService.Report second = bean(ThumbnailService.class).make(library, null);
        assertThat(second.made()).isZero();
        assertThat(second.alreadyMade()).isEqualTo(first.made() + first.failed());

        // A content no file has any more loses its pictures.
        String gone = sha(library, "portrait_3.jpg");
        Path picture = bean(ThumbnailStore.class).find(gone, ThumbnailSize.THUMB, "jpg").orElseThrow();
        jdbc().update("DELETE FROM files WHERE library_id = ? AND file_name = 'portrait_3.jpg'", library.getId());
        assertThat(bean(ThumbnailService.class).make(library, null).removed()).isEqualTo(1);
        assertThat(picture).doesNotExist();
        assertThat(bean(ThumbnailRecords.class).find(gone)).isNull();
    }

    @Test
    void anOfflineLibraryMakesNothingAndKeepsWhatWasMade() throws IOException {
        Path root = Files.createDirectories(temp.resolve("offline"));
        Library library = bean(LibraryService.class).add(unique("offline"), root, Set.of(), List.of());
        Files.delete(root);
        ThumbnailService.Report report = bean(ThumbnailService.class).make(library, null);
        assertThat(report.offline()).isTrue();
        assertThat(report.made() + report.failed() + report.removed()).isZero();
    }

    /** The signature and an IHDR chunk claiming the size, then an empty IDAT and IEND: a bomb by its header. */
    static byte[] pngHeader(int width, int height) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        ByteArrayOutputStream ihdr = new ByteArrayOutputStream();
        DataOutputStream header = new DataOutputStream(ihdr);
        header.writeInt(width);
        header.writeInt(height);
        header.write(new byte[] {8, 0, 0, 0, 0});
        chunk(out, "IHDR", ihdr.toByteArray());
        chunk(out, "IDAT", new byte[] {0x78, (byte) 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01});
        chunk(out, "IEND", new byte[0]);
        return bytes.toByteArray();
    }

    private static void chunk(DataOutputStream out, String type, byte[] data) throws IOException {
        out.writeInt(data.length);
        byte[] name = type.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        out.write(name);
        out.write(data);
        CRC32 crc = new CRC32();
        crc.update(name);
        crc.update(data);
        out.writeInt((int) crc.getValue());
    }
}
