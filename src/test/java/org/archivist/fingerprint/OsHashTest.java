package org.archivist.fingerprint;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.archivist.testing.Corpus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OsHashTest {

    @Test
    void equalsStashWhereverTheReferenceHasAValue() throws IOException {
        int compared = 0;
        for (Map<String, String> row : Corpus.csv("oshash.csv")) {
            Path file = Corpus.root().resolve(row.get("path"));
            String expected = row.get("oshash");
            if (expected.isEmpty()) {
                assertThat(OsHash.of(file)).as("extension for %s", row.get("path")).hasSize(16);
                continue;
            }
            assertThat(OsHash.of(file)).as(row.get("path")).isEqualTo(expected);
            byte[] bytes = Files.readAllBytes(file);
            assertThat(OsHash.ofWholeFile(bytes, bytes.length)).as("in memory: " + row.get("path")).isEqualTo(expected);
            compared++;
        }
        assertThat(compared).isGreaterThan(60);
    }

    @Test
    void smallFilesStashCannotHashGetAZeroPaddedValue(@TempDir Path folder) throws IOException {
        Path empty = Files.write(folder.resolve("empty"), new byte[0]);
        assertThat(OsHash.of(empty)).isEqualTo("0000000000000000");
        Path three = Files.write(folder.resolve("three"), new byte[] {1, 2, 3});
        // size 3 + 2 x the little-endian word 0x030201
        assertThat(OsHash.of(three)).isEqualTo(String.format("%016x", 3 + 2 * 0x030201L));
    }
}
