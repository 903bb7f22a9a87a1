package org.archivist.fingerprint;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HexFormat;

/**
 * The OpenSubtitles hash that Stash calls {@code oshash}: the file size plus the wrapping sums of
 * the first and the last 64 KiB read as unsigned little-endian 64-bit words, as 16 hex digits.
 * A file under 64 KiB is both head and tail, so its words count twice.
 *
 * <p>Stash has no value for an empty file, nor for a file under 64 KiB whose size is not a multiple
 * of 8. Archivist extends the definition instead of leaving such files without a fingerprint: the
 * last partial word is padded with zero bytes, and an empty file hashes to zero. Wherever Stash
 * gives a value the two agree.
 */
public final class OsHash {

    public static final int CHUNK = 64 * 1024;

    private OsHash() {
    }

    public static String of(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            if (size <= CHUNK) {
                ByteBuffer whole = read(channel, 0, (int) size);
                return format(size + 2 * wordSum(whole));
            }
            long head = wordSum(read(channel, 0, CHUNK));
            long tail = wordSum(read(channel, size - CHUNK, CHUNK));
            return format(size + head + tail);
        }
    }

    /** The hash of bytes already in memory that are the whole file. */
    public static String ofWholeFile(byte[] content, int length) {
        if (length <= CHUNK) {
            return format(length + 2 * wordSum(ByteBuffer.wrap(content, 0, length).slice()));
        }
        long head = wordSum(ByteBuffer.wrap(content, 0, CHUNK).slice());
        long tail = wordSum(ByteBuffer.wrap(content, length - CHUNK, CHUNK).slice());
        return format(length + head + tail);
    }

    /** The hash of a file larger than 64 KiB from its first and last 64 KiB, already read. */
    public static String ofHeadAndTail(long size, byte[] head, byte[] tail) {
        return format(size + wordSum(ByteBuffer.wrap(head, 0, CHUNK).slice()) + wordSum(ByteBuffer.wrap(tail, 0, CHUNK).slice()));
    }

    private static ByteBuffer read(FileChannel channel, long position, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, position + buffer.position()) < 0) {
                throw new IOException("file shrank while it was read (expected " + length + " bytes at " + position + ")");
            }
        }
        return buffer.flip();
    }

    private static long wordSum(ByteBuffer bytes) {
        bytes.order(ByteOrder.LITTLE_ENDIAN);
        long sum = 0;
        while (bytes.remaining() >= Long.BYTES) {
            sum += bytes.getLong();
        }
        long last = 0;
        for (int shift = 0; bytes.hasRemaining(); shift += 8) {
            last |= (bytes.get() & 0xFFL) << shift;
        }
        return sum + last;
    }

    private static String format(long hash) {
        return HexFormat.of().toHexDigits(hash);
    }
}
