package org.archivist.metadata;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.Map;

/**
 * The technical facts of an ISO base media file (MP4, MOV, 3GP, M4A) that ffprobe reports:
 * duration, codecs, dimensions, frame rate, sample rate, channels, rotation and bit rate, read
 * from the movie box in-process. Starting ffprobe costs 60-70 ms a file; this costs well under
 * one. Codec names are ffprobe's, so the stored value does not depend on which reader ran.
 */
final class IsoMediaReader {

    /** A movie box larger than this is not a header any more: leave the file to ffprobe. */
    private static final long LARGEST_MOVIE_BOX = 64L << 20;

    private static final Map<String, String> CODECS = Map.ofEntries(
            Map.entry("avc1", "h264"), Map.entry("avc3", "h264"), Map.entry("hvc1", "hevc"), Map.entry("hev1", "hevc"),
            Map.entry("mp4v", "mpeg4"), Map.entry("s263", "h263"), Map.entry("h263", "h263"), Map.entry("av01", "av1"),
            Map.entry("vp08", "vp8"), Map.entry("vp09", "vp9"), Map.entry("jpeg", "mjpeg"), Map.entry("mjpa", "mjpeg"),
            Map.entry("mjpb", "mjpeg"), Map.entry("apch", "prores"), Map.entry("apcn", "prores"), Map.entry("apcs", "prores"),
            Map.entry("apco", "prores"), Map.entry("ap4h", "prores"), Map.entry("ap4x", "prores"), Map.entry("dvc ", "dvvideo"),
            Map.entry("dvcp", "dvvideo"), Map.entry("dvpp", "dvvideo"), Map.entry("dv5n", "dvvideo"), Map.entry("dv5p", "dvvideo"),
            Map.entry("mp4a", "aac"), Map.entry("alac", "alac"), Map.entry("samr", "amr_nb"), Map.entry("sawb", "amr_wb"),
            Map.entry("ac-3", "ac3"), Map.entry("ec-3", "eac3"), Map.entry("Opus", "opus"), Map.entry("fLaC", "flac"),
            Map.entry(".mp3", "mp3"), Map.entry("sowt", "pcm_s16le"), Map.entry("twos", "pcm_s16be"), Map.entry("in24", "pcm_s24be"),
            Map.entry("raw ", "pcm_u8"), Map.entry("ulaw", "pcm_mulaw"), Map.entry("alaw", "pcm_alaw"), Map.entry("ima4", "adpcm_ima_qt"));

    /** MPEG-4 objectTypeIndication (ISO 14496-1) of an 'mp4a' or 'mp4v' entry, where it names another codec. */
    private static final Map<Integer, String> OBJECT_TYPES = Map.of(0x69, "mp3", 0x6B, "mp3", 0xA5, "ac3", 0xA6, "eac3",
            0xDD, "vorbis", 0x60, "mpeg2video", 0x61, "mpeg2video", 0x6A, "mpeg1video", 0x6C, "mjpeg", 0x21, "h264");

    private static final int[] AAC_RATES = {96000, 88200, 64000, 48000, 44100, 32000, 24000, 22050, 16000, 12000, 11025, 8000, 7350};

    private IsoMediaReader() {
    }

    /** Null when the file has no usable movie box (fragmented, truncated, huge) or no track: the caller asks ffprobe. */
    static StreamFacts read(Path file) throws IOException {
        return read(file, location -> { });
    }

    /**
     * As {@link #read(Path)}; {@code location} also receives the position of a user-data
     * {@code \u00a9xyz} box (ISO 6709 text, as QuickTime cameras and Android phones write it).
     */
    static StreamFacts read(Path file, java.util.function.Consumer<String> location) throws IOException {
        ByteBuffer movie;
        long size;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            size = channel.size();
            movie = movieBox(channel, size);
        }
        if (movie == null) return null;
        Movie parsed = new Movie();
        try {
            walk(movie, 0, movie.limit(), parsed, null);
        } catch (IndexOutOfBoundsException e) {
            return null; // a field past its box's end: a damaged header, left to ffprobe
        }
        double duration = parsed.seconds();
        Track video = parsed.first("vide");
        Track audio = parsed.first("soun");
        if (!(duration > 0) || video == null && audio == null) return null;
        if (parsed.location != null) location.accept(parsed.location);
        boolean sized = video != null && video.width > 0 && video.height > 0;
        return new StreamFacts(duration, Math.round(size * 8 / duration),
                video == null ? null : video.codec(), sized ? video.width : null, sized ? video.height : null,
                video == null ? null : video.frameRate(), video == null ? 0 : video.rotation,
                audio == null ? null : audio.codec(), audio == null ? null : audio.sampleRate(), audio == null ? null : audio.channels());
    }

    private static ByteBuffer movieBox(FileChannel channel, long size) throws IOException {
        ByteBuffer header = ByteBuffer.allocate(16);
        long at = 0;
        while (at + 8 <= size) {
            header.clear();
            channel.read(header, at);
            header.flip();
            if (header.remaining() < 8) return null;
            long boxSize = header.getInt() & 0xFFFFFFFFL;
            String type = fourCc(header, 4);
            int headerSize = 8;
            if (boxSize == 1) {
                if (header.limit() < 16) return null;
                boxSize = header.getLong(8);
                headerSize = 16;
            } else if (boxSize == 0) {
                boxSize = size - at;
            }
            if (boxSize < headerSize || at + boxSize > size && !type.equals("mdat")) return null;
            if (type.equals("moov")) {
                if (boxSize > LARGEST_MOVIE_BOX) return null;
                ByteBuffer body = ByteBuffer.allocate((int) (boxSize - headerSize));
                while (body.hasRemaining() && channel.read(body, at + headerSize + body.position()) > 0) {
                    // read until the box is whole
                }
                return body.hasRemaining() ? null : body.flip();
            }
            at += boxSize;
        }
        return null;
    }

    private static void walk(ByteBuffer b, int start, int end, Movie movie, Track track) {
        int at = start;
        while (at + 8 <= end) {
            long boxSize = b.getInt(at) & 0xFFFFFFFFL;
            String type = fourCc(b, at + 4);
            int headerSize = 8;
            if (boxSize == 1 && at + 16 <= end) {
                boxSize = b.getLong(at + 8);
                headerSize = 16;
            } else if (boxSize == 0) {
                boxSize = end - at;
            }
            if (boxSize < headerSize || at + boxSize > end) return;
            int body = at + headerSize;
            int next = (int) (at + boxSize);
            switch (type) {
                case "trak" -> {
                    Track child = new Track();
                    movie.tracks.add(child);
                    walk(b, body, next, movie, child);
                }
                case "mdia", "minf", "stbl", "udta" -> walk(b, body, next, movie, track);
                case "\u00a9xyz" -> {
                    // A 16-bit text length and a 16-bit language, then the text.
                    if (next - body >= 4) {
                        int length = Math.min(b.getShort(body) & 0xFFFF, next - body - 4);
                        byte[] text = new byte[length];
                        b.get(body + 4, text);
                        movie.location = new String(text, StandardCharsets.UTF_8);
                    }
                }
                case "mvhd" -> {
                    if (next - body < (b.get(body) == 1 ? 32 : 20)) return;
                    boolean wide = b.get(body) == 1;
                    movie.timescale = b.getInt(body + (wide ? 20 : 12)) & 0xFFFFFFFFL;
                    movie.duration = wide ? b.getLong(body + 24) : b.getInt(body + 16) & 0xFFFFFFFFL;
                }
                case "tkhd" -> {
                    if (track != null && next - body >= (b.get(body) == 1 ? 96 : 84)) track.rotation = rotation(b, body + (b.get(body) == 1 ? 52 : 40));
                }
                case "mdhd" -> {
                    if (track != null && next - body >= (b.get(body) == 1 ? 32 : 20)) {
                        boolean wide = b.get(body) == 1;
                        track.timescale = b.getInt(body + (wide ? 20 : 12)) & 0xFFFFFFFFL;
                        track.duration = wide ? b.getLong(body + 24) : b.getInt(body + 16) & 0xFFFFFFFFL;
                    }
                }
                case "hdlr" -> {
                    // QuickTime has a second handler in the media information box (a data handler): keep the media one.
                    if (track != null && track.handler == null && next - body >= 12) track.handler = fourCc(b, body + 8);
                }
                case "stsd" -> {
                    if (track != null && next - body >= 16) sampleEntry(b, body + 8, next, track);
                }
                case "stts" -> {
                    if (track != null && next - body >= 8) {
                        long entries = b.getInt(body + 4) & 0xFFFFFFFFL;
                        for (long i = 0; i < entries && body + 8 + i * 8 + 8 <= next; i++) {
                            track.samples += b.getInt((int) (body + 8 + i * 8)) & 0xFFFFFFFFL;
                        }
                    }
                }
                default -> { }
            }
            at = next;
        }
    }

    /** The first sample description: its codec four-character code, picture size or sound format. */
    private static void sampleEntry(ByteBuffer b, int entry, int end, Track track) {
        if (entry + 16 > end) return;
        int entryEnd = (int) Math.min(end, entry + (b.getInt(entry) & 0xFFFFFFFFL));
        track.fourCc = fourCc(b, entry + 4);
        if ("vide".equals(track.handler) && entry + 86 <= entryEnd) {
            track.width = b.getShort(entry + 32) & 0xFFFF;
            track.height = b.getShort(entry + 34) & 0xFFFF;
            descriptors(b, entry + 86, entryEnd, track);
        } else if ("soun".equals(track.handler) && entry + 36 <= entryEnd) {
            int version = b.getShort(entry + 16);
            int children = entry + 36;
            if (version == 2 && entry + 72 <= entryEnd) {
                track.entryRate = b.getDouble(entry + 40);
                track.entryChannels = b.getInt(entry + 48);
                children = entry + 72;
            } else {
                track.entryChannels = b.getShort(entry + 24) & 0xFFFF;
                track.entryRate = (b.getInt(entry + 32) >>> 16);
                if (version == 1) children = entry + 52;
            }
            descriptors(b, children, entryEnd, track);
        }
    }

    /** Boxes inside a sample entry: 'esds' (possibly inside QuickTime's 'wave') says what 'mp4a' really holds. */
    private static void descriptors(ByteBuffer b, int start, int end, Track track) {
        int at = start;
        while (at + 8 <= end) {
            long boxSize = b.getInt(at) & 0xFFFFFFFFL;
            if (boxSize < 8 || at + boxSize > end) return;
            String type = fourCc(b, at + 4);
            if (type.equals("wave")) descriptors(b, at + 8, (int) (at + boxSize), track);
            if (type.equals("esds")) elementaryStream(b, at + 12, (int) (at + boxSize), track);
            at += (int) boxSize;
        }
    }

    /** ES_Descriptor -> DecoderConfigDescriptor (object type) -> DecoderSpecificInfo (AAC's AudioSpecificConfig). */
    private static void elementaryStream(ByteBuffer b, int start, int end, Track track) {
        int at = start;
        while (at + 2 <= end) {
            int tag = b.get(at++) & 0xFF;
            int length = 0;
            for (int i = 0; i < 4 && at < end; i++) {
                int part = b.get(at++) & 0xFF;
                length = length << 7 | part & 0x7F;
                if ((part & 0x80) == 0) break;
            }
            switch (tag) {
                case 0x03 -> {
                    if (at + 3 > end) return;
                    int flags = b.get(at + 2) & 0xFF;
                    at += 3;
                    if ((flags & 0x80) != 0) at += 2;
                    if ((flags & 0x40) != 0 && at < end) at += 1 + (b.get(at) & 0xFF);
                    if ((flags & 0x20) != 0) at += 2;
                }
                case 0x04 -> {
                    if (at + 13 > end) return;
                    track.objectType = b.get(at) & 0xFF;
                    at += 13;
                }
                case 0x05 -> {
                    audioSpecificConfig(b, at, Math.min(end, at + length), track);
                    return;
                }
                default -> {
                    return;
                }
            }
        }
    }

    private static void audioSpecificConfig(ByteBuffer b, int start, int end, Track track) {
        if (track.objectType != 0x40 && track.objectType != 0x66 && track.objectType != 0x67 && track.objectType != 0x68) return;
        long bits = 0;
        int available = 0;
        for (int at = start; at < end && available <= 56; at++, available += 8) bits = bits << 8 | b.get(at) & 0xFF;
        if (available < 16) return;
        int used = 5;
        int objectType = (int) (bits >>> (available - used)) & 0x1F;
        if (objectType == 31) used += 6;
        int rateIndex = (int) (bits >>> (available - used - 4)) & 0xF;
        used += 4;
        int rate = -1;
        if (rateIndex == 15) {
            if (available < used + 24 + 4) return;
            rate = (int) (bits >>> (available - used - 24)) & 0xFFFFFF;
            used += 24;
        } else if (rateIndex < AAC_RATES.length) {
            rate = AAC_RATES[rateIndex];
        }
        if (available < used + 4) return;
        int configuration = (int) (bits >>> (available - used - 4)) & 0xF;
        track.configRate = rate;
        if (configuration >= 1 && configuration <= 6) track.configChannels = configuration;
        if (configuration == 7) track.configChannels = 8;
    }

    /** ffprobe's display-matrix rotation: minus the angle of the matrix's first column, in whole degrees. */
    private static int rotation(ByteBuffer b, int matrix) {
        double a = b.getInt(matrix) / 65536.0;
        double bb = b.getInt(matrix + 4) / 65536.0;
        double c = b.getInt(matrix + 12) / 65536.0;
        double d = b.getInt(matrix + 16) / 65536.0;
        double scaleX = Math.hypot(a, c);
        double scaleY = Math.hypot(bb, d);
        if (scaleX == 0 || scaleY == 0) return 0;
        double degrees = -Math.toDegrees(Math.atan2(bb / scaleY, a / scaleX));
        return (int) Math.round(degrees) == 0 ? 0 : (int) Math.round(degrees);
    }

    private static String fourCc(ByteBuffer b, int at) {
        byte[] code = new byte[4];
        for (int i = 0; i < 4; i++) code[i] = at + i < b.limit() ? b.get(at + i) : 0;
        return new String(code, StandardCharsets.ISO_8859_1);
    }

    private static final class Movie {
        String location;
        long timescale;
        long duration;
        final java.util.List<Track> tracks = new java.util.ArrayList<>();

        double seconds() {
            if (timescale > 0 && duration > 0 && duration != 0xFFFFFFFFL) return (double) duration / timescale;
            double longest = 0;
            for (Track track : tracks) longest = Math.max(longest, track.seconds());
            return longest;
        }

        Track first(String handler) {
            for (Track track : tracks) {
                if (handler.equals(track.handler) && track.fourCc != null) return track;
            }
            return null;
        }
    }

    private static final class Track {
        String handler;
        String fourCc;
        long timescale;
        long duration;
        long samples;
        int width;
        int height;
        int rotation;
        int objectType = -1;
        double entryRate;
        int entryChannels;
        int configRate = -1;
        int configChannels = -1;

        double seconds() {
            return timescale > 0 ? (double) duration / timescale : 0;
        }

        String codec() {
            if (objectType >= 0 && OBJECT_TYPES.containsKey(objectType)) return OBJECT_TYPES.get(objectType);
            String known = CODECS.get(fourCc);
            return known != null ? known : fourCc.strip().toLowerCase(Locale.ROOT);
        }

        Double frameRate() {
            double seconds = seconds();
            if (samples == 0 || seconds <= 0) return null;
            return Math.round(samples / seconds * 1000) / 1000.0;
        }

        Integer sampleRate() {
            if (configRate > 0) return configRate;
            if (entryRate >= 1) return (int) Math.round(entryRate);
            return timescale > 0 ? (int) timescale : null;
        }

        Integer channels() {
            if (configChannels > 0) return configChannels;
            // 3GPP's AMR entries always say 2 (a fixed field); the codec is mono.
            if ("samr".equals(fourCc) || "sawb".equals(fourCc)) return 1;
            return entryChannels > 0 ? entryChannels : null;
        }
    }
}
