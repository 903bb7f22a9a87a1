package org.archivist.metadata;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;

import org.archivist.catalog.PersonRole;

/**
 * Ogg Opus (voice messages, podcasts), which jaudiotagger does not read: channels from the
 * 'OpusHead' packet, tags from 'OpusTags' (Vorbis comments), and the duration as ffprobe gives it,
 * the last page's granule position in 48 kHz samples.
 */
final class OpusReader {

    private static final int WINDOW = 64 * 1024;

    private OpusReader() {
    }

    /** Null when the file has no Opus header or no readable last page: the caller asks ffprobe. */
    static StreamFacts read(Path file, ExtractedFacts facts) throws IOException {
        ByteBuffer head;
        ByteBuffer tail;
        long size;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            size = channel.size();
            head = readAt(channel, 0, (int) Math.min(size, WINDOW));
            long tailStart = Math.max(0, size - WINDOW);
            tail = readAt(channel, tailStart, (int) (size - tailStart));
        }
        int opusHead = indexOf(head, "OpusHead", 0);
        if (opusHead < 0 || opusHead + 19 > head.limit()) return null;
        int channels = head.get(opusHead + 9) & 0xFF;
        long granule = -1;
        for (int at = indexOf(tail, "OggS", 0); at >= 0 && at + 14 <= tail.limit(); at = indexOf(tail, "OggS", at + 4)) {
            if (tail.get(at + 4) == 0) {
                long position = tail.getLong(at + 6);
                if (position > 0) granule = position;
            }
        }
        if (granule <= 0 || channels == 0) return null;
        double duration = granule / 48000.0;
        try {
            comments(head, indexOf(head, "OpusTags", opusHead), facts);
        } catch (IndexOutOfBoundsException e) {
            facts.warn("Opus tags damaged, not read");
        }
        facts.anyMetadata = true;
        return new StreamFacts(duration, Math.round(size * 8 / duration), null, null, null, null, 0, "opus", 48000, channels);
    }

    /** Vendor string, then "KEY=value" comments, each with a little-endian length. */
    private static void comments(ByteBuffer b, int tags, ExtractedFacts facts) {
        if (tags < 0) return;
        int at = tags + 8;
        if (at + 4 > b.limit()) return;
        long vendor = b.getInt(at) & 0xFFFFFFFFL;
        at += 4 + vendor;
        if (vendor > b.limit() || at + 4 > b.limit()) return;
        long count = b.getInt(at) & 0xFFFFFFFFL;
        at += 4;
        var m = facts.metadata;
        for (long i = 0; i < count && at + 4 <= b.limit(); i++) {
            long length = b.getInt(at) & 0xFFFFFFFFL;
            at += 4;
            if (length > b.limit() - at) return;
            String comment = new String(b.array(), at, (int) length, StandardCharsets.UTF_8);
            at += (int) length;
            int equals = comment.indexOf('=');
            if (equals <= 0) continue;
            String value = Text.clean(comment.substring(equals + 1));
            if (value == null) continue;
            switch (comment.substring(0, equals).toUpperCase(Locale.ROOT)) {
                case "TITLE" -> {
                    m.setTitle(value);
                    facts.title = value;
                }
                case "ARTIST" -> {
                    m.setArtist(value);
                    facts.credit(value, PersonRole.ARTIST);
                }
                case "ALBUM" -> m.setAlbum(value);
                case "ALBUMARTIST", "ALBUM ARTIST" -> facts.extra.put("album_artist", value);
                case "DATE" -> m.setYear(Text.parseInt(value.length() >= 4 ? value.substring(0, 4) : value));
                case "GENRE" -> {
                    m.setGenre(value);
                    facts.genre(value);
                }
                case "TRACKNUMBER" -> {
                    Integer track = Text.parseInt(value.split("/")[0]);
                    if (track != null) facts.extra.put("track", track);
                }
                default -> { }
            }
        }
    }

    private static ByteBuffer readAt(FileChannel channel, long position, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        while (buffer.hasRemaining() && channel.read(buffer, position + buffer.position()) > 0) {
            // until the window is full or the file ends
        }
        return buffer.flip();
    }

    private static int indexOf(ByteBuffer b, String ascii, int from) {
        byte[] data = b.array();
        outer:
        for (int i = Math.max(0, from); i + ascii.length() <= b.limit(); i++) {
            for (int j = 0; j < ascii.length(); j++) {
                if (data[i + j] != (byte) ascii.charAt(j)) continue outer;
            }
            return i;
        }
        return -1;
    }
}
