package org.archivist.metadata;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HexFormat;

/**
 * The creation date in an ASF (WMA/WMV) file's File Properties Object: a FILETIME (100 ns ticks
 * since 1601, UTC). Neither ffprobe nor jaudiotagger reports it.
 */
final class AsfReader {

    /** 8CABDCA1-A947-11CF-8EE4-00C00C205365 as stored (little-endian GUID fields). */
    private static final byte[] FILE_PROPERTIES = HexFormat.of().parseHex("a1dcab8c47a9cf118ee400c00c205365");
    private static final long TICKS_1601_TO_1970 = 116_444_736_000_000_000L;

    private AsfReader() {
    }

    static void read(Path file, ExtractedFacts facts) throws IOException {
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(256 * 1024);
        }
        for (int i = 30; i + 16 + 8 + 16 + 8 + 8 <= head.length; i++) {
            if (matches(head, i)) {
                long ticks = ByteBuffer.wrap(head, i + 16 + 8 + 16 + 8, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
                if (ticks <= TICKS_1601_TO_1970) return;
                long sinceEpoch = ticks - TICKS_1601_TO_1970;
                facts.dates.addInstant(DateOrigin.CONTAINER, "ASF:CreationDate",
                        Instant.ofEpochSecond(sinceEpoch / 10_000_000, (sinceEpoch % 10_000_000) * 100));
                return;
            }
        }
    }

    private static boolean matches(byte[] data, int at) {
        for (int j = 0; j < FILE_PROPERTIES.length; j++) {
            if (data[at + j] != FILE_PROPERTIES[j]) return false;
        }
        return true;
    }
}
