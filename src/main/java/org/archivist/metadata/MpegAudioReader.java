package org.archivist.metadata;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The stream facts of an MP3 (MPEG audio layer I-III) file the way ffprobe works them out: the
 * first frame that is followed by another valid frame gives codec, sample rate and channels; the
 * duration is the Xing/Info or VBRI header's frame count where there is one, else the audio bytes
 * (everything after the ID3v2 tag) at the first frame's bit rate. jaudiotagger counts differently
 * (10 % apart on short files), so it is used here for tags only.
 */
final class MpegAudioReader {

    private static final int SEARCH = 64 * 1024;
    private static final int[][] BITRATES = {
            {0, 32, 64, 96, 128, 160, 192, 224, 256, 288, 320, 352, 384, 416, 448},
            {0, 32, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 384},
            {0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320},
            {0, 32, 48, 56, 64, 80, 96, 112, 128, 144, 160, 176, 192, 224, 256},
            {0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160}};
    private static final int[] RATES = {44100, 48000, 32000};

    private MpegAudioReader() {
    }

    /**
     * Whether the file is an ID3 tag with nothing audible after it: no 11-bit frame sync (which every
     * MPEG audio, ADTS AAC and FLAC frame starts with) and no other container's signature in the rest
     * of the file, read whole. ffprobe cannot read such a file either, so it is not asked.
     */
    static boolean noAudioAfterTag(Path file) throws IOException {
        long size = Files.size(file);
        try (InputStream in = Files.newInputStream(file)) {
            byte[] tag = in.readNBytes(10);
            if (tag.length < 10 || tag[0] != 'I' || tag[1] != 'D' || tag[2] != '3') return false;
            long start = 10 + ((tag[6] & 0x7FL) << 21 | (tag[7] & 0x7FL) << 14 | (tag[8] & 0x7FL) << 7 | tag[9] & 0x7FL);
            if (size - start > SEARCH) return false;
            if (start >= size) return true;
            in.skipNBytes(start - 10);
            byte[] rest = in.readAllBytes();
            String text = new String(rest, java.nio.charset.StandardCharsets.ISO_8859_1);
            if (text.contains("OggS") || text.contains("RIFF") || text.contains("fLaC") || text.contains("FORM") || text.contains("ftyp")) {
                return false;
            }
            for (int i = 0; i + 1 < rest.length; i++) {
                if ((rest[i] & 0xFF) == 0xFF && (rest[i + 1] & 0xE0) == 0xE0) return false;
            }
            return true;
        }
    }

    /** Null when no two consecutive valid frames are found near the start: the caller asks ffprobe. */
    static StreamFacts read(Path file) throws IOException {
        long size = Files.size(file);
        byte[] head;
        int audioStart;
        try (InputStream in = Files.newInputStream(file)) {
            byte[] tag = in.readNBytes(10);
            audioStart = 0;
            if (tag.length == 10 && tag[0] == 'I' && tag[1] == 'D' && tag[2] == '3') {
                long tagSize = (tag[6] & 0x7FL) << 21 | (tag[7] & 0x7FL) << 14 | (tag[8] & 0x7FL) << 7 | tag[9] & 0x7FL;
                long start = 10 + tagSize + ((tag[5] & 0x10) != 0 ? 10 : 0);
                if (start >= size) return null;
                audioStart = (int) Math.min(start, Integer.MAX_VALUE);
                in.skipNBytes(audioStart - 10L);
                head = in.readNBytes(SEARCH);
            } else {
                byte[] rest = in.readNBytes(SEARCH - tag.length);
                head = new byte[tag.length + rest.length];
                System.arraycopy(tag, 0, head, 0, tag.length);
                System.arraycopy(rest, 0, head, tag.length, rest.length);
            }
        }
        for (int at = 0; at + 4 <= head.length; at++) {
            Frame frame = Frame.at(head, at);
            if (frame == null) continue;
            int next = at + frame.length;
            if (next + 4 <= head.length && !frame.sameStream(Frame.at(head, next))) continue;
            if (next + 4 > head.length && audioStart + next < size) continue;
            return facts(frame, head, at, size, audioStart);
        }
        return null;
    }

    private static StreamFacts facts(Frame frame, byte[] head, int at, long size, int audioStart) {
        long frames = frameCount(frame, head, at);
        double duration = frames > 0 ? (double) frames * frame.samples / frame.sampleRate
                : (size - audioStart) * 8.0 / (frame.bitrateKbps * 1000L);
        if (!(duration > 0)) return null;
        String codec = frame.layer == 3 ? "mp3" : frame.layer == 2 ? "mp2" : "mp1";
        return new StreamFacts(duration, Math.round(size * 8 / duration), null, null, null, null, 0,
                codec, frame.sampleRate, frame.mono ? 1 : 2);
    }

    /** Xing/Info (after the side information) or VBRI (32 bytes in) frame count; 0 when absent. */
    private static long frameCount(Frame frame, byte[] head, int at) {
        int sideInfo = frame.mpeg1 ? (frame.mono ? 17 : 32) : (frame.mono ? 9 : 17);
        int xing = at + 4 + sideInfo;
        if (xing + 12 <= head.length && (ascii(head, xing, "Xing") || ascii(head, xing, "Info")) && (head[xing + 7] & 1) != 0) {
            return uint32(head, xing + 8);
        }
        int vbri = at + 4 + 32;
        if (vbri + 18 <= head.length && ascii(head, vbri, "VBRI")) return uint32(head, vbri + 14);
        return 0;
    }

    private static boolean ascii(byte[] data, int at, String text) {
        for (int i = 0; i < text.length(); i++) {
            if (data[at + i] != (byte) text.charAt(i)) return false;
        }
        return true;
    }

    private static long uint32(byte[] data, int at) {
        return (data[at] & 0xFFL) << 24 | (data[at + 1] & 0xFFL) << 16 | (data[at + 2] & 0xFFL) << 8 | data[at + 3] & 0xFFL;
    }

    private record Frame(boolean mpeg1, int layer, int bitrateKbps, int sampleRate, boolean mono, int length, int samples) {

        static Frame at(byte[] h, int at) {
            if (at + 4 > h.length || (h[at] & 0xFF) != 0xFF || (h[at + 1] & 0xE0) != 0xE0) return null;
            int version = (h[at + 1] >> 3) & 3;
            int layerBits = (h[at + 1] >> 1) & 3;
            int bitrateIndex = (h[at + 2] >> 4) & 0xF;
            int rateIndex = (h[at + 2] >> 2) & 3;
            if (version == 1 || layerBits == 0 || bitrateIndex == 0 || bitrateIndex == 15 || rateIndex == 3) return null;
            boolean mpeg1 = version == 3;
            int layer = 4 - layerBits;
            int table = mpeg1 ? layer - 1 : (layer == 1 ? 3 : 4);
            int kbps = BITRATES[table][bitrateIndex];
            int rate = RATES[rateIndex] >> (version == 3 ? 0 : version == 2 ? 1 : 2);
            int padding = (h[at + 2] >> 1) & 1;
            boolean mono = ((h[at + 3] >> 6) & 3) == 3;
            int length;
            int samples;
            if (layer == 1) {
                length = (12 * kbps * 1000 / rate + padding) * 4;
                samples = 384;
            } else {
                int perFrame = layer == 3 && !mpeg1 ? 72 : 144;
                length = perFrame * kbps * 1000 / rate + padding;
                samples = layer == 3 && !mpeg1 ? 576 : 1152;
            }
            return length < 4 ? null : new Frame(mpeg1, layer, kbps, rate, mono, length, samples);
        }

        boolean sameStream(Frame other) {
            return other != null && other.mpeg1 == mpeg1 && other.layer == layer && other.sampleRate == sampleRate;
        }
    }
}
