package org.archivist.metadata;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.Map;

/**
 * The streams of an AVI file, as ffprobe reports them, from its header list ('hdrl': a stream
 * header and format per stream), and the recording time cameras write into its 'IDIT' chunk.
 */
final class AviReader {

    /** A header list larger than this is not a real one. */
    private static final int LARGEST_HEADER = 1 << 20;

    private static final Map<String, String> VIDEO_CODECS = Map.ofEntries(
            Map.entry("MJPG", "mjpeg"), Map.entry("XVID", "mpeg4"), Map.entry("DIVX", "mpeg4"), Map.entry("DX50", "mpeg4"),
            Map.entry("FMP4", "mpeg4"), Map.entry("MP4V", "mpeg4"), Map.entry("H264", "h264"), Map.entry("X264", "h264"),
            Map.entry("AVC1", "h264"), Map.entry("DIV3", "msmpeg4v3"), Map.entry("MP43", "msmpeg4v3"), Map.entry("MP42", "msmpeg4v2"),
            Map.entry("WMV3", "wmv3"), Map.entry("WMV2", "wmv2"), Map.entry("DVSD", "dvvideo"), Map.entry("HFYU", "huffyuv"),
            Map.entry("MPG2", "mpeg2video"), Map.entry("CVID", "cinepak"), Map.entry("IV50", "indeo5"), Map.entry("IV41", "indeo4"));

    private static final Map<Integer, String> AUDIO_CODECS = Map.of(0x55, "mp3", 0x50, "mp2", 0x2000, "ac3", 0xFF, "aac",
            0x11, "adpcm_ima_wav", 0x02, "adpcm_ms", 0x161, "wmav2", 0x06, "pcm_alaw", 0x07, "pcm_mulaw", 0x03, "pcm_f32le");

    /** The streams (null when the header is unusable: the caller asks ffprobe) and the IDIT text, if any. */
    record Avi(StreamFacts streams, String recorded) {
    }

    private AviReader() {
    }

    static Avi read(Path file) throws IOException {
        ByteBuffer header;
        long size;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            size = channel.size();
            ByteBuffer start = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
            channel.read(start, 0);
            if (start.position() < 24 || !ascii(start, 0, "RIFF") || !ascii(start, 8, "AVI ") || !ascii(start, 12, "LIST")
                    || !ascii(start, 20, "hdrl")) {
                return new Avi(null, null);
            }
            long listSize = start.getInt(16) & 0xFFFFFFFFL;
            if (listSize < 4 || listSize > LARGEST_HEADER || 20 + listSize > size) return new Avi(null, null);
            header = ByteBuffer.allocate((int) listSize - 4).order(ByteOrder.LITTLE_ENDIAN);
            while (header.hasRemaining() && channel.read(header, 24 + header.position()) > 0) {
                // read the whole header list
            }
            if (header.hasRemaining()) return new Avi(null, null);
            header.flip();
        }
        Parsed parsed = new Parsed();
        try {
            walk(header, 0, header.limit(), parsed);
        } catch (IndexOutOfBoundsException e) {
            return new Avi(null, null); // a field past its chunk's end: a damaged header, left to ffprobe
        }
        double duration = parsed.videoSeconds > 0 ? parsed.videoSeconds : parsed.audioSeconds;
        if (!(duration > 0) || parsed.videoCodec == null && parsed.audioCodec == null) return new Avi(null, parsed.recorded);
        boolean sized = parsed.width > 0 && parsed.height > 0;
        StreamFacts streams = new StreamFacts(duration, Math.round(size * 8 / duration), parsed.videoCodec,
                sized ? parsed.width : null, sized ? parsed.height : null, parsed.fps, 0,
                parsed.audioCodec, parsed.sampleRate, parsed.channels);
        return new Avi(streams, parsed.recorded);
    }

    private static void walk(ByteBuffer b, int start, int end, Parsed parsed) {
        int at = start;
        String streamType = null;
        while (at + 8 <= end) {
            String id = fourCc(b, at);
            long chunkSize = b.getInt(at + 4) & 0xFFFFFFFFL;
            if (at + 8 + chunkSize > end) return;
            int body = at + 8;
            int size = (int) chunkSize;
            switch (id) {
                case "LIST" -> {
                    if (size >= 4) walk(b, body + 4, body + size, parsed);
                }
                case "strh" -> {
                    if (size >= 36) {
                        streamType = fourCc(b, body);
                        long scale = b.getInt(body + 20) & 0xFFFFFFFFL;
                        long rate = b.getInt(body + 24) & 0xFFFFFFFFL;
                        long length = b.getInt(body + 32) & 0xFFFFFFFFL;
                        double seconds = rate > 0 ? (double) length * scale / rate : 0;
                        if (streamType.equals("vids") && parsed.videoCodec == null) {
                            parsed.videoSeconds = seconds;
                            if (scale > 0 && rate > 0) parsed.fps = Math.round((double) rate / scale * 1000) / 1000.0;
                        } else if (streamType.equals("auds") && parsed.audioCodec == null) {
                            parsed.audioSeconds = Math.max(parsed.audioSeconds, seconds);
                        }
                    }
                }
                case "strf" -> {
                    if ("vids".equals(streamType) && parsed.videoCodec == null && size >= 20) {
                        parsed.width = b.getInt(body + 4);
                        parsed.height = Math.abs(b.getInt(body + 8));
                        parsed.videoCodec = videoCodec(b, body + 16);
                    } else if ("auds".equals(streamType) && parsed.audioCodec == null && size >= 16) {
                        int tag = b.getShort(body) & 0xFFFF;
                        int bits = b.getShort(body + 14) & 0xFFFF;
                        parsed.channels = b.getShort(body + 2) & 0xFFFF;
                        parsed.sampleRate = b.getInt(body + 4);
                        parsed.audioCodec = tag == 1 ? (bits <= 8 ? "pcm_u8" : "pcm_s" + bits + "le")
                                : AUDIO_CODECS.getOrDefault(tag, String.format("0x%04x", tag));
                    }
                    streamType = null;
                }
                case "IDIT" -> parsed.recorded = isoDate(Text.clean(new String(b.array(), body, size, StandardCharsets.ISO_8859_1).replace("\0", "")));
                default -> { }
            }
            at = body + size + (size & 1);
        }
    }

    private static final java.time.format.DateTimeFormatter CTIME = new java.time.format.DateTimeFormatterBuilder()
            .parseCaseInsensitive().appendPattern("EEE MMM d HH:mm:ss yyyy").toFormatter(Locale.ENGLISH);

    /** IDIT is C's ctime() text ("MON SEP 10 20:52:00 2012") on most cameras, an EXIF-style date on some. */
    static String isoDate(String idit) {
        if (idit == null) return null;
        try {
            return java.time.LocalDateTime.parse(idit.strip().replaceAll("\\s+", " "), CTIME).toString().replace('T', ' ');
        } catch (java.time.format.DateTimeParseException e) {
            return idit;
        }
    }

    private static String videoCodec(ByteBuffer b, int at) {
        if (b.getInt(at) == 0) return "rawvideo";
        String code = fourCc(b, at).toUpperCase(Locale.ROOT);
        String known = VIDEO_CODECS.get(code);
        return known != null ? known : code.strip().toLowerCase(Locale.ROOT);
    }

    private static boolean ascii(ByteBuffer b, int at, String text) {
        return fourCc(b, at).equals(text);
    }

    private static String fourCc(ByteBuffer b, int at) {
        return new String(b.array(), at, 4, StandardCharsets.ISO_8859_1);
    }

    private static final class Parsed {
        String videoCodec;
        String audioCodec;
        int width;
        int height;
        Double fps;
        Integer sampleRate;
        Integer channels;
        double videoSeconds;
        double audioSeconds;
        String recorded;
    }
}
