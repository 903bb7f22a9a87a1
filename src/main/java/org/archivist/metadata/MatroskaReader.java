package org.archivist.metadata;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

/**
 * Matroska and WebM: duration, title and creation time from the segment's Info element, codecs,
 * picture size, frame rate, sample rate and channels from its Tracks, as ffprobe reports them.
 * Both elements come before the first cluster in the files muxers write; a file that keeps them
 * elsewhere is left to ffprobe.
 */
final class MatroskaReader {

    private static final int WINDOW = 1 << 20;
    private static final long SEGMENT = 0x18538067L;
    private static final long INFO = 0x1549A966L;
    private static final long TRACKS = 0x1654AE6BL;
    private static final long CLUSTER = 0x1F43B675L;
    private static final long TRACK_ENTRY = 0xAEL;
    private static final long VIDEO = 0xE0L;
    private static final long AUDIO = 0xE1L;
    /** Matroska's DateUTC counts nanoseconds from the millennium. */
    private static final Instant MILLENNIUM = Instant.parse("2001-01-01T00:00:00Z");

    private static final Map<String, String> CODECS = Map.ofEntries(
            Map.entry("V_VP8", "vp8"), Map.entry("V_VP9", "vp9"), Map.entry("V_AV1", "av1"), Map.entry("V_MPEG4/ISO/AVC", "h264"),
            Map.entry("V_MPEGH/ISO/HEVC", "hevc"), Map.entry("V_MPEG4/ISO/ASP", "mpeg4"), Map.entry("V_MPEG4/ISO/SP", "mpeg4"),
            Map.entry("V_MPEG2", "mpeg2video"), Map.entry("V_MPEG1", "mpeg1video"), Map.entry("V_THEORA", "theora"),
            Map.entry("V_MJPEG", "mjpeg"), Map.entry("V_PRORES", "prores"), Map.entry("A_VORBIS", "vorbis"), Map.entry("A_OPUS", "opus"),
            Map.entry("A_AAC", "aac"), Map.entry("A_AC3", "ac3"), Map.entry("A_EAC3", "eac3"), Map.entry("A_DTS", "dts"),
            Map.entry("A_FLAC", "flac"), Map.entry("A_MPEG/L3", "mp3"), Map.entry("A_MPEG/L2", "mp2"), Map.entry("A_ALAC", "alac"),
            Map.entry("A_TRUEHD", "truehd"), Map.entry("A_PCM/INT/LIT", "pcm_s16le"), Map.entry("A_PCM/FLOAT/IEEE", "pcm_f32le"));

    /** Streams (null when Info or Tracks were not found: the caller asks ffprobe), creation time and title. */
    record Matroska(StreamFacts streams, Instant created, String title) {
    }

    private MatroskaReader() {
    }

    static Matroska read(Path file) throws IOException {
        long size = Files.size(file);
        byte[] data;
        try (InputStream in = Files.newInputStream(file)) {
            data = in.readNBytes(WINDOW);
        }
        Parsed parsed = new Parsed();
        ByteBuffer b = ByteBuffer.wrap(data);
        int at = 0;
        // EBML header, then the segment, whose children hold what we read.
        try {
            while (at < data.length) {
                Element element = Element.at(b, at);
                if (element == null) break;
                if (element.id == SEGMENT) {
                    walk(b, element.body, element.end(data.length), parsed);
                    break;
                }
                at = element.end(data.length);
            }
        } catch (IndexOutOfBoundsException e) {
            return new Matroska(null, null, null); // an element past its parent's end: damaged, left to ffprobe
        }
        if (!parsed.sawInfo || !parsed.sawTracks || !(parsed.seconds() > 0)) return new Matroska(null, parsed.created, parsed.title);
        double duration = parsed.seconds();
        boolean sized = parsed.width > 0 && parsed.height > 0;
        Double fps = parsed.frameNanos > 0 ? Math.round(1e9 / parsed.frameNanos * 1000) / 1000.0 : null;
        StreamFacts streams = new StreamFacts(duration, Math.round(size * 8 / duration), parsed.videoCodec,
                sized ? parsed.width : null, sized ? parsed.height : null, fps, 0,
                parsed.audioCodec, parsed.sampleRate, parsed.channels);
        return new Matroska(streams, parsed.created, parsed.title);
    }

    private static void walk(ByteBuffer b, int start, int end, Parsed parsed) {
        int at = start;
        while (at < end) {
            Element element = Element.at(b, at);
            if (element == null || element.id == CLUSTER) return;
            int elementEnd = element.end(end);
            if (element.id == INFO) {
                parsed.sawInfo = true;
                info(b, element.body, elementEnd, parsed);
            } else if (element.id == TRACKS) {
                parsed.sawTracks = true;
                walk(b, element.body, elementEnd, parsed);
            } else if (element.id == TRACK_ENTRY) {
                track(b, element.body, elementEnd, parsed);
            }
            if (element.unknownSize) return;
            at = elementEnd;
        }
    }

    private static void info(ByteBuffer b, int start, int end, Parsed parsed) {
        for (int at = start; at < end; ) {
            Element e = Element.at(b, at);
            if (e == null) return;
            int elementEnd = e.end(end);
            int length = elementEnd - e.body;
            if (e.id == 0x2AD7B1L) parsed.timecodeScale = unsigned(b, e.body, length);
            else if (e.id == 0x4489L) parsed.duration = length == 4 ? b.getFloat(e.body) : length == 8 ? b.getDouble(e.body) : 0;
            else if (e.id == 0x4461L && length == 8) parsed.created = MILLENNIUM.plusNanos(b.getLong(e.body));
            else if (e.id == 0x7BA9L) parsed.title = Text.clean(new String(b.array(), e.body, length, StandardCharsets.UTF_8));
            at = elementEnd;
        }
    }

    private static void track(ByteBuffer b, int start, int end, Parsed parsed) {
        long type = 0;
        String codec = null;
        long frameNanos = 0;
        int width = 0;
        int height = 0;
        double rate = 0;
        int channels = 1;
        for (int at = start; at < end; ) {
            Element e = Element.at(b, at);
            if (e == null) break;
            int elementEnd = e.end(end);
            int length = elementEnd - e.body;
            if (e.id == 0x83L) type = unsigned(b, e.body, length);
            else if (e.id == 0x86L) codec = new String(b.array(), e.body, length, StandardCharsets.US_ASCII).replace("\0", "");
            else if (e.id == 0x23E383L) frameNanos = unsigned(b, e.body, length);
            else if (e.id == VIDEO || e.id == AUDIO) {
                for (int inner = e.body; inner < elementEnd; ) {
                    Element f = Element.at(b, inner);
                    if (f == null) break;
                    int fEnd = f.end(elementEnd);
                    int fLength = fEnd - f.body;
                    if (f.id == 0xB0L) width = (int) unsigned(b, f.body, fLength);
                    else if (f.id == 0xBAL) height = (int) unsigned(b, f.body, fLength);
                    else if (f.id == 0xB5L) rate = fLength == 4 ? b.getFloat(f.body) : fLength == 8 ? b.getDouble(f.body) : 0;
                    else if (f.id == 0x9FL) channels = (int) unsigned(b, f.body, fLength);
                    inner = fEnd;
                }
            }
            at = elementEnd;
        }
        if (codec == null) return;
        String name = CODECS.getOrDefault(codec, codec.toLowerCase(java.util.Locale.ROOT));
        if (type == 1 && parsed.videoCodec == null) {
            parsed.videoCodec = name;
            parsed.width = width;
            parsed.height = height;
            parsed.frameNanos = frameNanos;
        } else if (type == 2 && parsed.audioCodec == null) {
            parsed.audioCodec = name;
            parsed.sampleRate = rate > 0 ? (int) Math.round(rate) : 8000;
            parsed.channels = channels;
        }
    }

    private static long unsigned(ByteBuffer b, int at, int length) {
        long value = 0;
        for (int i = 0; i < Math.min(length, 8); i++) value = value << 8 | b.get(at + i) & 0xFF;
        return value;
    }

    /** An EBML element: its ID (marker bits kept, as the specification writes IDs), where its body starts, its size. */
    private record Element(long id, int body, long size, boolean unknownSize) {

        int end(int limit) {
            return unknownSize || body + size > limit ? limit : (int) (body + size);
        }

        static Element at(ByteBuffer b, int at) {
            int limit = b.limit();
            if (at >= limit) return null;
            int idLength = Integer.numberOfLeadingZeros(b.get(at) & 0xFF) - 23;
            if (idLength < 1 || idLength > 4 || at + idLength >= limit) return null;
            long id = 0;
            for (int i = 0; i < idLength; i++) id = id << 8 | b.get(at + i) & 0xFF;
            int sizeAt = at + idLength;
            int first = b.get(sizeAt) & 0xFF;
            int sizeLength = Integer.numberOfLeadingZeros(first) - 23;
            if (sizeLength < 1 || sizeLength > 8 || sizeAt + sizeLength > limit) return null;
            long size = first & (0xFF >> sizeLength);
            boolean allOnes = size == (0xFF >> sizeLength);
            for (int i = 1; i < sizeLength; i++) {
                int next = b.get(sizeAt + i) & 0xFF;
                allOnes &= next == 0xFF;
                size = size << 8 | next;
            }
            if (size < 0) return null;
            return new Element(id, sizeAt + sizeLength, size, allOnes);
        }
    }

    private static final class Parsed {
        boolean sawInfo;
        boolean sawTracks;
        long timecodeScale = 1_000_000;
        double duration;
        Instant created;
        String title;
        String videoCodec;
        String audioCodec;
        int width;
        int height;
        long frameNanos;
        Integer sampleRate;
        Integer channels;

        double seconds() {
            return duration * timecodeScale / 1e9;
        }
    }
}
