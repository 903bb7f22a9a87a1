package org.archivist.scan;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

import org.archivist.catalog.FileStatus;
import org.archivist.catalog.ScannedFile;
import org.archivist.metadata.MediaClassifier;
import org.archivist.metadata.MetadataExtractor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tools.jackson.databind.json.JsonMapper;

/** Files that vanish, change while being read, or are huge: each gets a clear outcome, none stops the scan. */
class FileInspectorTest {

    @TempDir
    Path temp;

    private final FileInspector inspector = new FileInspector(new MediaClassifier(),
            new MetadataExtractor(JsonMapper.builder().build(), Clock.systemUTC(), Duration.ofSeconds(10)), Set.of());

    private static WalkedFile walked(Path file, String path) throws IOException {
        return new WalkedFile(file, path, Files.size(file), org.archivist.db.Instants.stored(Files.getLastModifiedTime(file).toInstant()), null);
    }

    @Test
    void aFileThatVanishedBeforeItWasReadGetsThatError() throws IOException {
        Path file = Files.writeString(temp.resolve("gone.txt"), "soon gone");
        WalkedFile seen = walked(file, "gone.txt");
        Files.delete(file);
        ScannedFile result = inspector.inspect(seen);
        assertThat(result.status()).isEqualTo(FileStatus.ERROR);
        assertThat(result.scanError()).contains("vanished");
    }

    @Test
    void aFileThatChangedWhileBeingReadIsFlaggedForTheNextScan() throws IOException {
        Path file = Files.writeString(temp.resolve("growing.txt"), "first words");
        WalkedFile seen = new WalkedFile(file, "growing.txt", 5, Instant.parse("2020-01-01T00:00:00Z"), null);
        ScannedFile result = inspector.inspect(seen);
        assertThat(result.scanError()).contains("changed while being read");
        assertThat(result.sha256()).as("bytes that were changing are no fingerprint").isNull();
    }

    @Test
    void aFileReadWholeGetsItsSha256AndALargerOneWaitsForTheHashingStage() throws Exception {
        byte[] small = new byte[2 * org.archivist.fingerprint.OsHash.CHUNK];
        new java.util.Random(7).nextBytes(small);
        Path file = Files.write(temp.resolve("small.bin"), small);
        String expected = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(small));
        assertThat(inspector.inspect(walked(file, "small.bin")).sha256()).isEqualTo(expected);

        Path larger = Files.write(temp.resolve("larger.bin"), java.util.Arrays.copyOf(small, small.length + 1));
        assertThat(inspector.inspect(walked(larger, "larger.bin")).sha256()).isNull();
    }

    @Test
    void aHugeFileIsFingerprintedFromItsEndsOnly() throws IOException {
        Path huge = temp.resolve("huge.mkv");
        try (RandomAccessFile sparse = new RandomAccessFile(huge.toFile(), "rw")) {
            sparse.setLength(8L << 30); // 8 GiB, sparse: no disk used, nothing read but 128 KiB
        }
        ScannedFile result = inspector.inspect(walked(huge, "huge.mkv"));
        assertThat(result.sizeBytes()).isEqualTo(8L << 30);
        assertThat(result.quickHash()).isEqualTo(String.format("%016x", 8L << 30));
        assertThat(result.sha256()).isNull();
        assertThat(result.scanError()).isNull();
    }
}
