package org.archivist.metadata;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.LocalDateTime;

/**
 * The recording date that AVCHD cameras (Sony, Panasonic, Canon .mts/.m2ts) write into the H.264
 * stream's "MDPM" user-data message, with its time zone: ffprobe does not report it. Tag 0x18
 * holds the zone byte (bit 0x20 sign, bits 1-4 hours, bit 0 half hour, bit 0x40 DST) and year and
 * month in BCD; tag 0x19 day, hour, minute and second.
 */
final class AvchdReader {

    private static final byte[] MARKER = "MDPM".getBytes(StandardCharsets.US_ASCII);
    private static final int SEARCH = 2 * 1024 * 1024;

    private AvchdReader() {
    }

    static void read(Path file, ExtractedFacts facts) throws IOException {
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(SEARCH);
        }
        int at = indexOf(head, MARKER);
        if (at < 0) return;
        byte[] message = unescape(head, at + MARKER.length, 256);
        if (message.length < 1) return;
        int count = message[0] & 0xFF;
        int[] date = null;
        int[] time = null;
        for (int i = 0, p = 1; i < count && p + 5 <= message.length; i++, p += 5) {
            int tag = message[p] & 0xFF;
            int[] data = {message[p + 1] & 0xFF, message[p + 2] & 0xFF, message[p + 3] & 0xFF, message[p + 4] & 0xFF};
            if (tag == 0x18) date = data;
            if (tag == 0x19) time = data;
        }
        if (date == null || time == null) return;
        try {
            LocalDateTime wall = LocalDateTime.of(bcd(date[1]) * 100 + bcd(date[2]), bcd(date[3]), bcd(time[0]),
                    bcd(time[1]), bcd(time[2]), bcd(time[3]));
            int zone = date[0];
            int minutes = ((zone >> 1) & 0x0F) * 60 + ((zone & 0x01) != 0 ? 30 : 0);
            if ((zone & 0x20) != 0) minutes = -minutes;
            facts.dates.add(DateCandidate.withOffset(DateOrigin.EMBEDDED_ORIGINAL, "H264:DateTimeOriginal", wall, minutes));
            if ((zone & 0x40) != 0) facts.extra.put("daylightSavingTime", true);
        } catch (DateTimeException e) {
            facts.dates.reject("H264:DateTimeOriginal", java.util.Arrays.toString(date) + java.util.Arrays.toString(time), "impossible date");
        }
    }

    private static int bcd(int value) {
        return (value >> 4) * 10 + (value & 0x0F);
    }

    /** Removes H.264 emulation-prevention bytes (00 00 03 -> 00 00). */
    private static byte[] unescape(byte[] data, int from, int length) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int zeros = 0;
        for (int i = from; i < Math.min(data.length, from + length); i++) {
            int b = data[i] & 0xFF;
            if (zeros >= 2 && b == 0x03) {
                zeros = 0;
                continue;
            }
            zeros = b == 0 ? zeros + 1 : 0;
            out.write(b);
        }
        return out.toByteArray();
    }

    private static int indexOf(byte[] data, byte[] marker) {
        outer:
        for (int i = 0; i + marker.length <= data.length; i++) {
            for (int j = 0; j < marker.length; j++) {
                if (data[i + j] != marker[j]) continue outer;
            }
            return i;
        }
        return -1;
    }
}
