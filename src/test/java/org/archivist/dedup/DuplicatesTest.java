package org.archivist.dedup;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.geom.AffineTransform;
import java.awt.image.AffineTransformOp;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import javax.imageio.ImageIO;

import org.archivist.catalog.Library;
import org.archivist.catalog.LibraryService;
import org.archivist.scan.ScanProgress;
import org.archivist.scan.ScanService;
import org.archivist.testing.Corpus;
import org.archivist.testing.EngineTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Duplicate detection on real files into a real catalogue, on SQLite and on PostgreSQL. */
class DuplicatesTest extends EngineTest {

    @TempDir
    Path temp;

    private Library scanned(Path root) {
        Library library = bean(LibraryService.class).add(unique("dupes"), root, Set.of(), List.of());
        bean(ScanService.class).scan(bean(LibraryService.class).get(library.getId()), false, ScanProgress.NONE);
        bean(DuplicateDetection.class).find(DuplicateDetection.NearSettings.DEFAULT, 2, line -> { });
        return library;
    }

    /** Pairs of this library's files (by path) that share a group of the given match type. */
    private Set<String> groupedPairs(Library library, String matchType) {
        Map<String, String> groupOf = new HashMap<>();
        jdbc().query("""
                SELECT f.path, d.duplicate_of_id, d.file_id FROM duplicates d JOIN files f ON f.id = d.file_id
                WHERE f.library_id = ? AND d.match_type = ?
                UNION SELECT f.path, d.duplicate_of_id, d.file_id FROM duplicates d JOIN files f ON f.id = d.duplicate_of_id
                WHERE f.library_id = ? AND d.match_type = ?""",
                rows -> { groupOf.put(rows.getString(1), rows.getString(2)); }, library.getId(), matchType, library.getId(), matchType);
        Set<String> pairs = new TreeSet<>();
        for (var a : groupOf.entrySet()) {
            for (var b : groupOf.entrySet()) {
                if (a.getKey().compareTo(b.getKey()) < 0 && a.getValue().equals(b.getValue())) pairs.add(name(a.getKey()) + " = " + name(b.getKey()));
            }
        }
        return pairs;
    }

    private static String name(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    @Test
    void theCorpusExactGroupsAndRealNearPairsAreFoundAndNothingElse() throws IOException {
        org.archivist.testing.Programs.requireFfmpeg(); // WebP and HEIC pictures are decoded by ffmpeg
        Path root = temp.resolve("images");
        Files.createDirectories(root);
        try (var files = Files.list(Corpus.media().resolve("images"))) {
            for (Path file : files.toList()) Files.copy(file, root.resolve(file.getFileName().toString()));
        }
        Library library = scanned(root);

        assertThat(groupedPairs(library, "exact")).containsExactlyInAnyOrder(
                "IMG_4120 copy.JPG = IMG_4120.JPG", "el_torcal_rocks.jpeg = el_torcal_rocks.jpg", "beach_wood.jpg = this-is-a-jpeg.png");
        assertThat(groupedPairs(library, "perceptual")).containsExactlyInAnyOrder(
                "IMG_4120 copy.JPG = IMG_E4120.JPG", "IMG_4120.JPG = IMG_E4120.JPG", "IMG_4120 copy.JPG = IMG_4120.JPG",
                "Iceland-P3.jpg = Iceland-sRGB.jpg", "HTC Desire.jpg = HTC Desire.webp");
        assertThat(jdbc().queryForObject("SELECT count(*) FROM files WHERE library_id = ? AND phash_error IS NOT NULL", Long.class,
                library.getId())).as("HEIC files without a preview, DNG").isLessThanOrEqualTo(4);

        // Paged two groups at a time, every group comes once, an original with an exact and a near group in both.
        List<String> all = bean(DuplicateReview.class).groups(null).stream().map(g -> g.matchType() + ":" + g.originalId()).sorted().toList();
        List<String> paged = new java.util.ArrayList<>();
        String after = null;
        do {
            DuplicateReview.GroupPage page = bean(DuplicateReview.class).page(null, after, 2, null);
            assertThat(page.groups()).hasSizeLessThanOrEqualTo(2);
            page.groups().forEach(g -> paged.add(g.matchType() + ":" + g.originalId()));
            after = page.next();
        } while (after != null);
        assertThat(paged).doesNotHaveDuplicates();
        assertThat(paged.stream().sorted().toList()).isEqualTo(all);

        List<DuplicateReview.Group> groups = bean(DuplicateReview.class).groups("exact");
        assertThat(groups).isNotEmpty();
    }

    @Test
    void keepAllOfAGroupNeverComesBackIdenticalOrSimilar() throws IOException {
        Path root = Files.createDirectories(temp.resolve("keep-all"));
        BufferedImage photo = ImageIO.read(Corpus.media().resolve("images/Canon_40D.jpg").toFile());
        ImageIO.write(photo, "jpg", root.resolve("original.jpg").toFile());
        Files.copy(root.resolve("original.jpg"), root.resolve("backup.jpg"));
        ImageIO.write(scale(photo, 0.5), "jpg", root.resolve("half.jpg").toFile());
        ImageIO.write(photo, "png", root.resolve("lossless.png").toFile());
        Library library = scanned(root);
        assertThat(groupedPairs(library, "exact")).containsExactly("backup.jpg = original.jpg");
        assertThat(groupedPairs(library, "perceptual")).isNotEmpty();
        long backup = jdbc().queryForObject("SELECT id FROM files WHERE library_id = ? AND file_name = 'backup.jpg'", Long.class, library.getId());
        long half = jdbc().queryForObject("SELECT id FROM files WHERE library_id = ? AND file_name = 'half.jpg'", Long.class, library.getId());
        DuplicateReview review = bean(DuplicateReview.class);
        review.discard(half, null);

        // Keep all: by any member of the group, identical and similar alike; a pending discard is withdrawn.
        assertThat(review.keepAll(backup, MatchType.EXACT)).isEqualTo(2);
        int similar = review.keepAll(half, MatchType.PERCEPTUAL);
        assertThat(similar).isGreaterThanOrEqualTo(3);
        assertThat(groupedPairs(library, "exact")).isEmpty();
        assertThat(groupedPairs(library, "perceptual")).isEmpty();
        assertThat(jdbc().queryForObject("SELECT count(*) FROM user_decisions WHERE file_id = ? AND decision_type = 'discard_duplicate'",
                Integer.class, half)).isZero();

        // The next detection proposes none of them again.
        bean(DuplicateDetection.class).find(DuplicateDetection.NearSettings.DEFAULT, 2, line -> { });
        assertThat(groupedPairs(library, "exact")).isEmpty();
        assertThat(groupedPairs(library, "perceptual")).isEmpty();
        org.junit.jupiter.api.Assertions.assertThrows(org.archivist.db.NotFoundException.class, () -> review.keepAll(backup, MatchType.EXACT));
    }

    @Test
    void hundredsOfLookalikesMakeOneNearGroup() throws IOException {
        Path root = temp.resolve("lookalikes");
        Files.createDirectories(root);
        BufferedImage photo = ImageIO.read(Corpus.media().resolve("images/Canon_40D.jpg").toFile());
        java.io.ByteArrayOutputStream png = new java.io.ByteArrayOutputStream();
        ImageIO.write(photo, "png", png);
        for (int i = 0; i < 300; i++) {
            // Bytes after the image's end: another file, the same picture, the same perceptual hash.
            byte[] padded = java.util.Arrays.copyOf(png.toByteArray(), png.size() + 1 + i);
            padded[padded.length - 1] = (byte) i;
            Files.write(root.resolve("look-" + i + ".png"), padded);
        }
        Files.copy(root.resolve("look-0.png"), root.resolve("look-0 copy.png"));
        Library library = scanned(root);

        assertThat(groupedPairs(library, "exact")).containsExactly("look-0 copy.png = look-0.png");
        Set<String> near = new HashSet<>();
        groupedPairs(library, "perceptual").forEach(p -> near.addAll(List.of(p.split(" = "))));
        assertThat(near).as("one group: every look-alike, and the byte-identical copy with its twin")
                .hasSize(301).contains("look-0.png", "look-299.png", "look-0 copy.png");
    }

    @Test
    void resizedRecompressedTurnedAndMirroredCopiesMatchAndADifferentPhotoDoesNot() throws IOException {
        Path root = temp.resolve("synthetic");
        Files.createDirectories(root);
        BufferedImage photo = ImageIO.read(Corpus.media().resolve("images/Canon_40D.jpg").toFile());
        ImageIO.write(photo, "jpg", root.resolve("original.jpg").toFile());
        ImageIO.write(scale(photo, 0.5), "jpg", root.resolve("half.jpg").toFile());
        ImageIO.write(photo, "png", root.resolve("lossless.png").toFile());
        ImageIO.write(turn(photo, 1), "jpg", root.resolve("turned-90.jpg").toFile());
        ImageIO.write(turn(photo, 2), "jpg", root.resolve("turned-180.jpg").toFile());
        ImageIO.write(mirror(photo), "jpg", root.resolve("mirrored.jpg").toFile());
        Files.copy(Corpus.media().resolve("images/Kodak_CX7530.jpg"), root.resolve("different.jpg"));
        Library library = scanned(root);

        Set<String> pairs = groupedPairs(library, "perceptual");
        Set<String> names = new HashSet<>();
        pairs.forEach(p -> names.addAll(List.of(p.split(" = "))));
        assertThat(names).containsExactlyInAnyOrder("original.jpg", "half.jpg", "lossless.png", "turned-90.jpg", "turned-180.jpg", "mirrored.jpg");
    }

    @Test
    void exactOnlyDetectionHashesJustTheCandidatesAndLeavesNearGroupsAlone() throws IOException {
        Path root = temp.resolve("exact-only");
        Files.createDirectories(root.resolve("backup"));
        Path photo = Corpus.media().resolve("images/Oppo R7 Plus.jpg");
        Files.copy(photo, root.resolve("a.jpg"));
        Files.copy(photo, root.resolve("backup/a copy.jpg"));
        byte[] unique = new byte[300_000];
        new java.util.Random(System.nanoTime()).nextBytes(unique);
        Files.write(root.resolve("alone.bin"), unique); // too large for the scan to read whole, and like no other file
        Files.writeString(root.resolve("one.txt"), "same size, first");
        Files.writeString(root.resolve("two.txt"), "same size, other");
        Library library = bean(LibraryService.class).add(unique("exact-only"), root, Set.of(), List.of());
        bean(ScanService.class).scan(bean(LibraryService.class).get(library.getId()), false, ScanProgress.NONE);
        long nearRows = jdbc().queryForObject("SELECT count(*) FROM duplicates WHERE match_type = 'perceptual'", Long.class);

        bean(DuplicateDetection.class).findExact(2, line -> { });

        assertThat(groupedPairs(library, "exact")).containsExactly("a.jpg = a copy.jpg");
        assertThat(jdbc().queryForList("SELECT path FROM files WHERE library_id = ? AND sha256 IS NOT NULL ORDER BY path", String.class,
                library.getId())).as("small files hashed by the scan, which read them whole; large ones on demand: only the copies")
                .containsExactly("a.jpg", "backup/a copy.jpg", "one.txt", "two.txt");
        assertThat(jdbc().queryForObject("SELECT count(*) FROM files WHERE library_id = ? AND phash IS NOT NULL", Long.class,
                library.getId())).as("no perceptual hashing").isZero();
        assertThat(jdbc().queryForObject("SELECT count(*) FROM duplicates WHERE match_type = 'perceptual'", Long.class))
                .isEqualTo(nearRows);
    }

    private static BufferedImage scale(BufferedImage image, double factor) {
        return new AffineTransformOp(AffineTransform.getScaleInstance(factor, factor), AffineTransformOp.TYPE_BILINEAR)
                .filter(image, new BufferedImage((int) (image.getWidth() * factor), (int) (image.getHeight() * factor), BufferedImage.TYPE_3BYTE_BGR));
    }

    private static BufferedImage turn(BufferedImage image, int quarters) {
        int w = image.getWidth();
        int h = image.getHeight();
        BufferedImage out = new BufferedImage(quarters % 2 == 1 ? h : w, quarters % 2 == 1 ? w : h, BufferedImage.TYPE_3BYTE_BGR);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int rgb = image.getRGB(x, y);
                if (quarters == 1) out.setRGB(h - 1 - y, x, rgb);
                else out.setRGB(w - 1 - x, h - 1 - y, rgb);
            }
        }
        return out;
    }

    private static BufferedImage mirror(BufferedImage image) {
        BufferedImage out = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_3BYTE_BGR);
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) out.setRGB(image.getWidth() - 1 - x, y, image.getRGB(x, y));
        }
        return out;
    }

    @Test
    void byteIdenticalFilesWhoseMetadataCannotBeReadAreStillExactDuplicates() throws IOException {
        // Two copies of an "Ogg" file that no reader can use (a damaged page header), larger than the
        // scan reads whole, so their SHA-256 comes from duplicate detection.
        byte[] content = new byte[300_000];
        new java.util.Random(12).nextBytes(content);
        System.arraycopy("OggS".getBytes(java.nio.charset.StandardCharsets.US_ASCII), 0, content, 0, 4);
        Path root = Files.createDirectories(temp.resolve("unreadable"));
        Files.write(root.resolve("song.ogg"), content);
        Files.write(root.resolve("song copy.ogg"), content);
        Library library = scanned(root);
        assertThat(jdbc().queryForObject("SELECT count(*) FROM files WHERE library_id = ? AND status = 'error'", Long.class, library.getId()))
                .as("neither file's metadata can be read").isEqualTo(2);
        assertThat(groupedPairs(library, "exact")).containsExactly("song copy.ogg = song.ogg");
    }
}
